import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unwrap } from '../outcomes/test-fixtures.ts';
import { aggregateCohortRows, summarizeAggregates } from './cohort-aggregates.ts';
import type { CohortRow } from './cohort.ts';
import { defaultCohortBands } from './cohort-bands.ts';
import { compareCohorts } from './cohort-compare.ts';
import { compareSummaries } from './summary-compare.ts';
import { summarizeCohort, type SummaryOptions } from './cohort-summary.ts';

const options: SummaryOptions = {
  painClasses: [
    { code: 'p30', label: '>= 30 %', atLeastPercentReduction: 30 },
    { code: 'p50', label: '>= 50 %', atLeastPercentReduction: 50 },
  ],
  pgicClasses: [{ code: 'much', label: 'much or very much improved', answers: [1, 2] }],
  mmeMilestoneMonths: [1, 3, 6],
};

const classes = (codes: readonly string[]) =>
  fc.option(fc.subarray([...codes]), { nil: null, freq: 3 });

const rowArb: fc.Arbitrary<CohortRow> = fc
  .record({
    sessions: fc.integer({ min: 1, max: 12 }),
    assessedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    responseShare: fc.double({ min: 0, max: 1, noNaN: true }),
    painClasses: classes(['p30', 'p50']),
    pgicClasses: classes(['much']),
    relief: fc.option(fc.record({ days: fc.integer({ min: 0, max: 120 }), event: fc.boolean() }), {
      nil: null,
    }),
    mme: fc.uniqueArray(
      fc.record({
        months: fc.constantFrom(1, 3, 6),
        changeMmePerDay: fc.integer({ min: -90, max: 40 }),
      }),
      { selector: (m) => m.months, maxLength: 3 },
    ),
    adverseEvents: fc.integer({ min: 0, max: 4 }),
  })
  .map((r): CohortRow => {
    const assessed = Math.floor(r.assessedShare * r.sessions);
    return {
      patientId: 'p',
      conditionCode: 'G90.511',
      protocol: { id: 'crps-outpatient', version: '1.0.0' },
      sex: 'female',
      ageYears: 50,
      baselineMmePerDay: 30,
      sessions: r.sessions,
      sessionDoseMgPerKg: 1,
      courseDoseMgPerKg: r.sessions,
      painClasses: r.painClasses,
      pgicClasses: r.pgicClasses,
      durableRelief: r.relief,
      mmeChanges: r.mme,
      adverseEvents: r.adverseEvents,
      rapidOnsetAssessed: assessed,
      rapidOnsetResponses: Math.floor(r.responseShare * assessed),
    };
  });

test('summary from aggregates equals summarizeCohort on the same rows (300 random cohorts, seed 5)', () => {
  fc.assert(
    fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
      const direct = unwrap(summarizeCohort(rows, options));
      const viaAggregates = unwrap(
        summarizeAggregates(aggregateCohortRows(rows, options), options),
      );
      assert.deepEqual(viaAggregates, direct);
    }),
    { seed: 5, numRuns: 300 },
  );
});

test('aggregates group durable-relief times and count classes by hand', () => {
  const base = (over: Partial<CohortRow>): CohortRow => ({
    patientId: 'x',
    conditionCode: 'M79.7',
    protocol: { id: 'fibromyalgia-single', version: '1.0.0' },
    sex: 'male',
    ageYears: 40,
    baselineMmePerDay: null,
    sessions: 2,
    sessionDoseMgPerKg: 0.5,
    courseDoseMgPerKg: 1,
    painClasses: null,
    pgicClasses: null,
    durableRelief: null,
    mmeChanges: [],
    adverseEvents: 0,
    rapidOnsetResponses: 0,
    rapidOnsetAssessed: 0,
    ...over,
  });
  const agg = aggregateCohortRows(
    [
      base({ durableRelief: { days: 10, event: true }, painClasses: ['p30'] }),
      base({ durableRelief: { days: 10, event: true }, painClasses: [] }),
      base({ durableRelief: { days: 10, event: false } }),
    ],
    options,
  );
  assert.deepEqual(agg.reliefTimes, [
    { timeDays: 10, event: false, count: 1 },
    { timeDays: 10, event: true, count: 2 },
  ]);
  assert.deepEqual(agg.classCounts[0], { kind: 'pain', code: 'p30', assessed: 2, responders: 1 });
  assert.equal(agg.sessions, 6);
});

test('impossible aggregates are rejected with the field', () => {
  const agg = aggregateCohortRows([], options);
  const tooMany = summarizeAggregates({ ...agg, rapidOnsetResponses: 2 }, options);
  assert.equal(tooMany.ok ? '' : tooMany.error.field, 'rapidOnsetResponses');
  const missing = summarizeAggregates({ ...agg, classCounts: [] }, options);
  assert.equal(missing.ok ? '' : missing.error.code, 'cohort.invalid-aggregate');
  const negative = summarizeAggregates({ ...agg, sessions: -1 }, options);
  assert.equal(negative.ok ? '' : negative.error.field, 'sessions');
});

test('compareSummaries equals compareCohorts on the same rows (100 random cohort pairs, seed 11)', () => {
  const bands = unwrap(defaultCohortBands());
  fc.assert(
    fc.property(
      fc.array(rowArb, { maxLength: 30 }),
      fc.array(rowArb, { maxLength: 30 }),
      (a, b) => {
        const rowsA = a.map((r) => ({ ...r, sex: 'female' as const }));
        const rowsB = b.map((r) => ({ ...r, sex: 'male' as const }));
        const expected = unwrap(
          compareCohorts(
            [...rowsA, ...rowsB],
            { sexes: ['female'] },
            { sexes: ['male'] },
            bands,
            options,
          ),
        );
        const summaryA = unwrap(summarizeAggregates(aggregateCohortRows(rowsA, options), options));
        const summaryB = unwrap(summarizeAggregates(aggregateCohortRows(rowsB, options), options));
        assert.deepEqual(compareSummaries(summaryA, summaryB, bands.ref), expected);
      },
    ),
    { seed: 11, numRuns: 100 },
  );
});
