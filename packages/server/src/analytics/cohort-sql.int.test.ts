/**
 * The SQL aggregation of clinic analytics equals core's reference functions on the same rows:
 * aggregates (cohort-sql.ts) against aggregateCohortRows, and the HTTP summary / comparison against
 * summarizeCohort / compareCohorts after core's filterCohort. Rows are random (fixed seed).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  aggregateCohortRows,
  compareCohorts,
  filterCohort,
  summarizeCohort,
  type CohortFilter,
  type CohortRow,
} from '@ketaflow/core';
import { createTestClinic, createTestPatient, signIn, startTestApp } from '../testing/harness.ts';
import { cohortAggregateQuery, cohortWhere, toAggregates } from './cohort-sql.ts';
import { upsertCohortRows } from './cohort-rows.ts';
import { analyticsKnowledge } from './knowledge.ts';

const t = await startTestApp();
after(() => t.close());

const k = analyticsKnowledge();
const clinicId = await createTestClinic(t.app);
const otherClinicId = await createTestClinic(t.app);
const admin = await signIn(t.app, { role: 'admin', clinicId });
const otherAdmin = await signIn(t.app, { role: 'admin', clinicId: otherClinicId });
const prescriber = await signIn(t.app, { role: 'prescriber', clinicId });
const researcher = await signIn(t.app, { role: 'researcher', clinicId });
const nurse = await signIn(t.app, { role: 'nurse', clinicId });
const patientIds = [
  await createTestPatient(t.app, admin),
  await createTestPatient(t.app, admin),
  await createTestPatient(t.app, admin),
];
const otherPatient = await createTestPatient(t.app, otherAdmin);

const painCodes = k.options.painClasses.map((c) => c.code);
const pgicCodes = k.options.pgicClasses.map((c) => c.code);

const rowArb = fc.record({
  patientId: fc.constantFrom(...patientIds),
  conditionCode: fc.constantFrom('G90.511', 'G90.522', 'M79.7', 'G89.4'),
  protocol: fc.constantFrom(
    { id: 'crps-outpatient-schwartzman', version: '1.0.0' },
    { id: 'fibromyalgia-single', version: '1.0.0' },
    { id: 'fibromyalgia-single', version: '1.1.0' },
  ),
  sex: fc.constantFrom('female' as const, 'male' as const, 'other' as const, 'unknown' as const),
  ageYears: fc.integer({ min: 16, max: 95 }),
  baselineMmePerDay: fc.option(fc.constantFrom(0, 0.5, 1, 20, 49.9, 50, 90, 120), { nil: null }),
  sessions: fc.integer({ min: 1, max: 12 }),
  sessionDoseMgPerKg: fc.constantFrom(0.3, 0.5, 0.99, 1, 1.4, 2, 2.5),
  painClasses: fc.option(fc.subarray(painCodes), { nil: null, freq: 3 }),
  pgicClasses: fc.option(fc.subarray(pgicCodes), { nil: null, freq: 3 }),
  durableRelief: fc.option(
    fc.record({ days: fc.integer({ min: 0, max: 60 }), event: fc.boolean() }),
    { nil: null },
  ),
  mmeChanges: fc.uniqueArray(
    fc.record({
      months: fc.constantFrom(...k.options.mmeMilestoneMonths),
      changeMmePerDay: fc.double({ min: -120, max: 60, noNaN: true }),
    }),
    { selector: (m) => m.months },
  ),
  adverseEvents: fc.integer({ min: 0, max: 3 }),
  assessed: fc.nat(12),
  responses: fc.nat(12),
});

const rows: CohortRow[] = fc.sample(rowArb, { numRuns: 400, seed: 20_261_125 }).map((r) => {
  const assessed = Math.min(r.assessed, r.sessions);
  return {
    patientId: r.patientId,
    conditionCode: r.conditionCode,
    protocol: r.protocol,
    sex: r.sex,
    ageYears: r.ageYears,
    baselineMmePerDay: r.baselineMmePerDay,
    sessions: r.sessions,
    sessionDoseMgPerKg: r.sessionDoseMgPerKg,
    courseDoseMgPerKg: r.sessionDoseMgPerKg * r.sessions,
    painClasses: r.painClasses,
    pgicClasses: r.pgicClasses,
    durableRelief: r.durableRelief,
    mmeChanges: r.mmeChanges,
    adverseEvents: r.adverseEvents,
    rapidOnsetAssessed: assessed,
    rapidOnsetResponses: Math.min(r.responses, assessed),
  };
});
const rules = { id: 'default-outcome-rules', version: '1.0.0' };
await upsertCohortRows(
  t.app.database.db,
  rows.map((row) => ({ courseId: randomUUID(), clinicId, row, rules, computedAt: new Date() })),
);
// Another clinic's row that no filter of this clinic may ever count.
await upsertCohortRows(t.app.database.db, [
  {
    courseId: randomUUID(),
    clinicId: otherClinicId,
    row: { ...rows[0]!, patientId: otherPatient, adverseEvents: 1000 },
    rules,
    computedAt: new Date(),
  },
]);

const filters: readonly CohortFilter[] = [
  {},
  { conditionPrefixes: ['G90.5'] },
  { conditionPrefixes: ['M79', 'G89.4'] },
  { protocols: [{ id: 'fibromyalgia-single', version: '1.0.0' }] },
  { sessionDoseBands: ['1-1.5', '2+'] },
  { courseDoseBands: ['0-2', '10-15'] },
  { sexes: ['female', 'other'] },
  { ageBands: ['18-30', '75+'] },
  { baselineMmeBands: ['0-1', '50-90'] },
  { conditionPrefixes: ['G90'], sexes: ['male'], ageBands: ['45-60', '60-75'] },
];

const close = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

test('SQL aggregates equal aggregateCohortRows after filterCohort, for every filter dimension', async () => {
  for (const filter of filters) {
    const where = cohortWhere(clinicId, filter, k.bands, 'filter');
    const result = await t.app.database.db.execute(cohortAggregateQuery(where, k.options));
    const sqlAgg = toAggregates(result.rows[0], k.options);
    const reference = aggregateCohortRows(filterCohort(rows, filter, k.bands), k.options);
    const label = JSON.stringify(filter);
    assert.ok(reference.n > 0, `the seed gives filter ${label} no rows; pick another filter`);
    assert.deepEqual(
      { ...sqlAgg, mmeChange: [] },
      { ...reference, mmeChange: [] },
      `aggregates differ for ${label}`,
    );
    for (const [i, m] of reference.mmeChange.entries()) {
      const s = sqlAgg.mmeChange[i];
      assert.equal(s?.n, m.n, `MME n at ${String(m.months)} months for ${label}`);
      assert.ok(
        close(s.meanChangeMmePerDay, m.meanChangeMmePerDay) &&
          close(s.medianChangeMmePerDay, m.medianChangeMmePerDay),
        `MME mean/median at ${String(m.months)} months for ${label}: ${JSON.stringify(s)} vs ${JSON.stringify(m)}`,
      );
    }
  }
});

const stripMme = <T extends { mmeChange: readonly unknown[] }>(s: T): T => ({
  ...s,
  mmeChange: [],
});

test('POST /analytics/cohorts/summary equals summarizeCohort on the same rows (prescriber and researcher)', async () => {
  for (const caller of [prescriber, researcher]) {
    for (const filter of filters) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/analytics/cohorts/summary',
        headers: caller.headers(),
        payload: { filter },
      });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json<{ summary: { mmeChange: readonly unknown[] } }>();
      const expected = summarizeCohort(filterCohort(rows, filter, k.bands), k.options);
      assert.ok(expected.ok, 'core refused the reference rows');
      assert.deepEqual(
        stripMme(body.summary),
        stripMme(JSON.parse(JSON.stringify(expected.value)) as typeof body.summary),
        `summary differs for ${JSON.stringify(filter)}`,
      );
    }
  }
});

test('POST /analytics/cohorts/compare equals compareCohorts (CRPS vs fibromyalgia)', async () => {
  const a: CohortFilter = { conditionPrefixes: ['G90.5'] };
  const b: CohortFilter = { conditionPrefixes: ['M79.7'] };
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/analytics/cohorts/compare',
    headers: prescriber.headers(),
    payload: { a, b },
  });
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json<Record<string, unknown>>();
  const expected = compareCohorts(rows, a, b, k.bands, k.options);
  assert.ok(expected.ok, 'core refused the reference rows');
  const {
    bands: _bands,
    a: ea,
    b: eb,
    ...differences
  } = JSON.parse(JSON.stringify(expected.value)) as Record<string, { mmeChange: unknown[] }>;
  assert.deepEqual(stripMme(body['a'] as { mmeChange: unknown[] }), stripMme(ea!));
  assert.deepEqual(stripMme(body['b'] as { mmeChange: unknown[] }), stripMme(eb!));
  for (const [key, value] of Object.entries(differences)) {
    assert.deepEqual(body[key], value, `difference ${key}`);
  }
});

test('an unknown band id is a 400 naming the field; nurses and patients are refused', async () => {
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/v1/analytics/cohorts/summary',
    headers: prescriber.headers(),
    payload: { filter: { ageBands: ['18-30', '7+'] } },
  });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.equal(bad.json<{ field: string }>().field, 'body.filter.ageBands[1]');
  const refused = await t.app.inject({
    method: 'POST',
    url: '/api/v1/analytics/cohorts/summary',
    headers: nurse.headers(),
    payload: { filter: {} },
  });
  assert.equal(refused.statusCode, 403, refused.body);
});
