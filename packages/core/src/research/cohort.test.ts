import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unwrap } from '../outcomes/test-fixtures.ts';
import { wilsonInterval } from '../stats/wilson.ts';
import { bandOf, defaultCohortBands } from './cohort-bands.ts';
import { filterCohort, type CohortRow } from './cohort.ts';
import { compareCohorts } from './cohort-compare.ts';
import { summarizeCohort, type SummaryOptions } from './cohort-summary.ts';
import { proportionDifference } from './proportion-difference.ts';

const bands = unwrap(defaultCohortBands());
const crps = { id: 'crps-outpatient', version: '1.0.0' };
const fibro = { id: 'fibromyalgia-single', version: '1.0.0' };

const row = (over: Partial<CohortRow> & Pick<CohortRow, 'patientId'>): CohortRow => ({
  conditionCode: 'G90.511',
  protocol: crps,
  sex: 'female',
  ageYears: 50,
  baselineMmePerDay: 30,
  sessions: 10,
  sessionDoseMgPerKg: 1.4,
  courseDoseMgPerKg: 14,
  painClasses: null,
  pgicClasses: null,
  durableRelief: null,
  mmeChanges: [],
  adverseEvents: 0,
  rapidOnsetResponses: 0,
  rapidOnsetAssessed: 0,
  ...over,
});

// Four fictional patients; every expected number below is worked by hand in the comments.
const rows: CohortRow[] = [
  row({
    patientId: 'p1',
    painClasses: ['p30', 'p50'],
    pgicClasses: ['much'],
    durableRelief: { days: 10, event: true },
    mmeChanges: [
      { months: 1, changeMmePerDay: -10 },
      { months: 3, changeMmePerDay: -30 },
    ],
    adverseEvents: 1,
    rapidOnsetResponses: 6,
    rapidOnsetAssessed: 10,
  }),
  row({
    patientId: 'p2',
    painClasses: ['p30'],
    pgicClasses: [],
    durableRelief: { days: 20, event: false },
    mmeChanges: [{ months: 1, changeMmePerDay: -20 }],
    rapidOnsetResponses: 4,
    rapidOnsetAssessed: 8,
  }),
  row({
    patientId: 'p3',
    conditionCode: 'M79.7',
    protocol: fibro,
    sex: 'male',
    ageYears: 92,
    sessions: 5,
    sessionDoseMgPerKg: 0.3,
    courseDoseMgPerKg: 1.5,
    baselineMmePerDay: null,
    painClasses: [],
    durableRelief: { days: 30, event: true },
    mmeChanges: [{ months: 1, changeMmePerDay: 0 }],
    adverseEvents: 2,
    rapidOnsetAssessed: 5,
  }),
  row({
    patientId: 'p4',
    conditionCode: 'M79.7',
    protocol: fibro,
    sex: 'male',
    ageYears: 17,
    sessions: 5,
    sessionDoseMgPerKg: 0.5,
    courseDoseMgPerKg: 2.5,
    baselineMmePerDay: 95,
    adverseEvents: 1,
  }),
];

const options: SummaryOptions = {
  painClasses: [
    { code: 'p30', label: '>= 30 %', atLeastPercentReduction: 30 },
    { code: 'p50', label: '>= 50 %', atLeastPercentReduction: 50 },
  ],
  pgicClasses: [{ code: 'much', label: 'much or very much improved', answers: [1, 2] }],
  mmeMilestoneMonths: [1, 3, 6],
};

test('bands are half-open [lower, upper) with an open last band; below the first edge there is none', () => {
  assert.equal(bandOf(1.4, bands.bands.sessionDoseMgPerKg), '1-1.5');
  assert.equal(bandOf(1.5, bands.bands.sessionDoseMgPerKg), '1.5-2');
  assert.equal(bandOf(2.5, bands.bands.sessionDoseMgPerKg), '2+');
  assert.equal(bandOf(0.5, bands.bands.baselineMmePerDay), '0-1');
  assert.equal(bandOf(90, bands.bands.baselineMmePerDay), '90+');
  assert.equal(bandOf(17, bands.bands.ageYears), null);
  assert.equal(bandOf(Number.NaN, bands.bands.ageYears), null);
});

test('filters by condition, protocol id@version, dose bands, sex, age band and baseline MME band', () => {
  const ids = (f: Parameters<typeof filterCohort>[1]) =>
    filterCohort(rows, f, bands).map((r) => r.patientId);
  assert.deepEqual(ids({}), ['p1', 'p2', 'p3', 'p4']);
  assert.deepEqual(ids({ conditionPrefixes: ['G90.5'] }), ['p1', 'p2']);
  assert.deepEqual(ids({ protocols: [fibro] }), ['p3', 'p4']);
  assert.deepEqual(ids({ protocols: [{ ...fibro, version: '2.0.0' }] }), []);
  assert.deepEqual(ids({ sessionDoseBands: ['0-0.5'] }), ['p3']);
  assert.deepEqual(ids({ courseDoseBands: ['2-5'] }), ['p4']);
  assert.deepEqual(ids({ sexes: ['male'] }), ['p3', 'p4']);
  assert.deepEqual(ids({ ageBands: ['75+'] }), ['p3']); // p4 (17 y) is below the first age edge
  assert.deepEqual(ids({ baselineMmeBands: ['90+'] }), ['p4']); // p3 (unknown MME) never matches
});

test('summary: responder rates with Wilson intervals, KM durable relief, MME change, AE per 100 sessions, rapid onset', () => {
  const s = unwrap(summarizeCohort(rows, options));
  assert.equal(s.n, 4);
  // pain classes known for p1, p2, p3: >= 30 % in p1 and p2 (2/3); >= 50 % in p1 (1/3); PGIC known for p1, p2: 1/2
  assert.deepEqual(
    s.responderRates.map((r) => [r.code, r.responders, r.assessed]),
    [
      ['p30', 2, 3],
      ['p50', 1, 3],
      ['much', 1, 2],
    ],
  );
  assert.deepEqual(s.responderRates[0]?.interval, unwrap(wilsonInterval(2, 3)));
  // KM: t=10 n=3 d=1 -> S=2/3; t=20 censored; t=30 n=1 d=1 -> S=0; median = 30 days
  assert.deepEqual(
    s.durableRelief?.steps.map((st) => [st.timeDays, st.atRisk, st.events]),
    [
      [10, 3, 1],
      [30, 1, 1],
    ],
  );
  assert.ok(Math.abs((s.durableRelief.steps[0]?.survival ?? 0) - 2 / 3) < 1e-12);
  assert.equal(s.durableRelief.medianTimeDays, 30);
  // MME change month 1: -10, -20, 0 -> mean -10, median -10; month 3: -30 alone; month 6: nobody
  assert.deepEqual(s.mmeChange, [
    { months: 1, n: 3, meanChangeMmePerDay: -10, medianChangeMmePerDay: -10 },
    { months: 3, n: 1, meanChangeMmePerDay: -30, medianChangeMmePerDay: -30 },
    { months: 6, n: 0, meanChangeMmePerDay: null, medianChangeMmePerDay: null },
  ]);
  // AEs 1+0+2+1 = 4 over 10+10+5+5 = 30 sessions -> 13.33 per 100
  assert.equal(s.adverseEvents.events, 4);
  assert.ok(Math.abs((s.adverseEvents.per100Sessions ?? 0) - 400 / 30) < 1e-12);
  // rapid onset 6+4+0 = 10 of 10+8+5 = 23 sessions
  assert.deepEqual([s.rapidOnset.responses, s.rapidOnset.assessed], [10, 23]);
});

test('an empty cohort is valid and a broken row is rejected with its field', () => {
  const empty = unwrap(summarizeCohort([], options));
  assert.equal(empty.n, 0);
  assert.equal(empty.durableRelief, null);
  assert.equal(empty.responderRates[0]?.interval, null);
  assert.equal(empty.adverseEvents.per100Sessions, null);
  const bad = summarizeCohort(
    [row({ patientId: 'x', rapidOnsetResponses: 3, rapidOnsetAssessed: 2 })],
    options,
  );
  assert.equal(bad.ok ? '' : bad.error.field, 'rows[0].rapidOnsetResponses');
});

test('Newcombe hybrid score interval: 56/70 vs 48/80 -> 0.0524 to 0.3339 (Newcombe 1998 Table II, method 10; tolerance 1e-4)', () => {
  const d = proportionDifference(unwrap(wilsonInterval(56, 70)), unwrap(wilsonInterval(48, 80)));
  assert.ok(Math.abs(d.difference - 0.2) < 1e-12);
  assert.ok(Math.abs(d.lower - 0.0524) < 1e-4);
  assert.ok(Math.abs(d.upper - 0.3339) < 1e-4);
});

test('two cohorts side by side: CRPS vs fibromyalgia', () => {
  const c = unwrap(
    compareCohorts(
      rows,
      { conditionPrefixes: ['G90.5'] },
      { conditionPrefixes: ['M79.7'] },
      bands,
      options,
    ),
  );
  assert.equal(c.a.n, 2);
  assert.equal(c.b.n, 2);
  // >= 30 %: CRPS 2/2, fibromyalgia 0/1 -> difference 1
  assert.equal(c.responderDifferences[0]?.difference?.difference, 1);
  // PGIC: fibromyalgia has nobody assessed -> no difference
  assert.equal(c.responderDifferences[2]?.difference, null);
  // AE per 100: CRPS 1/20 = 5, fibromyalgia 3/10 = 30
  assert.ok(Math.abs((c.adverseEventsPer100SessionsDifference ?? 0) - (5 - 30)) < 1e-12);
  assert.deepEqual(c.bands, { id: 'cohort-bands', version: '1.0.0' });
});

test('property: each added criterion can only shrink a cohort; session bands partition the rows (seed 17)', () => {
  const arb = fc.record({
    patientId: fc.string(),
    sessionDoseMgPerKg: fc.double({ min: 0, max: 5, noNaN: true }),
    ageYears: fc.integer({ min: 18, max: 100 }),
    sex: fc.constantFrom('female' as const, 'male' as const),
  });
  fc.assert(
    fc.property(fc.array(arb, { maxLength: 40 }), (partial) => {
      const all = partial.map((p) => row(p));
      const bySex = filterCohort(all, { sexes: ['female'] }, bands);
      const bySexAndAge = filterCohort(all, { sexes: ['female'], ageBands: ['45-60'] }, bands);
      assert.ok(bySexAndAge.length <= bySex.length && bySex.length <= all.length);
      const total = bands.bands.sessionDoseMgPerKg.reduce(
        (n, b) => n + filterCohort(all, { sessionDoseBands: [b.id] }, bands).length,
        0,
      );
      assert.equal(total, all.length);
    }),
    { seed: 17, numRuns: 100 },
  );
});
