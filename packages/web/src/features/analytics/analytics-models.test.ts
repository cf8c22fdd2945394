/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CohortSummary, type CohortCompareResponse } from '@ketaflow/contract';
import {
  describeFilter,
  EMPTY_FILTER,
  filterFieldLabels,
  perListProblem,
  toCohortFilter,
} from './cohort-filter.ts';
import { differenceTable, summaryTables } from './cohort-tables.ts';
import { toCsv } from './csv.ts';
import { kmAligned } from './km-series.ts';

const wilson = (successes: number, trials: number, lower: number, upper: number) => ({
  successes,
  trials,
  proportion: successes / trials,
  lower,
  upper,
  confidenceLevel: 0.95,
  method: 'wilson-score' as const,
});
const step = (timeDays: number, survival: number, lower: number | null, upper: number | null) => ({
  timeDays,
  atRisk: 10,
  events: 1,
  censored: 0,
  survival,
  standardError: null,
  lower,
  upper,
});
const km = (steps: ReturnType<typeof step>[]) => ({
  n: 10,
  events: steps.length,
  steps,
  medianTimeDays: 30,
  medianLowerDays: 20,
  medianUpperDays: null,
  confidenceLevel: 0.95,
  band: 'log-log' as const,
});

// Shaped like the server's answer (parsed with the contract schema below), values made up.
const summary = CohortSummary.parse({
  n: 10,
  responderRates: [
    {
      kind: 'pain',
      code: 'immpact.substantial',
      label: 'Substantial improvement, "≥ 50 %"',
      assessed: 8,
      responders: 3,
      interval: wilson(3, 8, 0.1, 0.7),
    },
    {
      kind: 'pgic',
      code: 'immpact.substantial',
      label: 'Very much improved',
      assessed: 0,
      responders: 0,
      interval: null,
    },
  ],
  durableRelief: km([step(10, 0.9, 0.5, 0.98), step(30, 0.5, 0.2, 0.75)]),
  mmeChange: [{ months: 1, n: 4, meanChangeMmePerDay: -12.5, medianChangeMmePerDay: null }],
  adverseEvents: { events: 3, sessions: 60, per100Sessions: 5 },
  rapidOnset: { responses: 20, assessed: 50, interval: wilson(20, 50, 0.27, 0.54) },
});

test('summary tables carry the server values unrounded, with units in every numeric header', () => {
  const tables = summaryTables(summary);
  assert.deepEqual(
    tables.map((t) => t.id),
    ['overview', 'responders', 'durable-relief-km', 'mme-change'],
  );
  const responders = tables[1]!;
  assert.deepEqual(responders.rows[0], [
    'Pain NRS reduction',
    'Substantial improvement, "≥ 50 %"',
    3,
    8,
    0.375,
    0.1,
    0.7,
  ]);
  assert.deepEqual(responders.rows[1]?.slice(4), [null, null, null], 'no interval: empty cells');
  const mme = tables[3]!;
  assert.deepEqual(mme.rows, [[1, 4, -12.5, null]]);
  assert.ok(
    mme.columns.every((c) => c.includes('(')),
    `every MME column names its unit: ${mme.columns.join(' | ')}`,
  );
  for (const t of tables) {
    for (const row of t.rows) assert.equal(row.length, t.columns.length, `${t.id}: row width`);
  }
});

test('a table downloads as CSV with the label quoted where it holds quotes and commas', () => {
  const csv = toCsv(summaryTables(summary)[1]!);
  assert.match(csv, /^Kind,Class,Responders \(patients\),/);
  assert.ok(
    csv.includes('Pain NRS reduction,"Substantial improvement, ""≥ 50 %""",3,8,0.375,0.1,0.7\r\n'),
    csv,
  );
});

test('the differences table lists responder, rapid-onset, median and adverse-event differences', () => {
  const d = {
    difference: 0.1,
    lower: -0.2,
    upper: 0.4,
    confidenceLevel: 0.95,
    method: 'newcombe-hybrid-score' as const,
  };
  const compare: CohortCompareResponse = {
    a: summary,
    b: summary,
    responderDifferences: [{ code: 'immpact.substantial', difference: d }],
    rapidOnsetDifference: null,
    medianDurableReliefDifferenceDays: 7,
    adverseEventsPer100SessionsDifference: -1.5,
    knowledge: {
      bands: { id: 'b', version: '1' },
      rules: { id: 'r', version: '1' },
      painInstrument: { id: 'p', version: '1' },
      pgicInstrument: { id: 'g', version: '1' },
    },
  };
  const table = differenceTable(compare);
  assert.deepEqual(
    table.rows.map((r) => r.slice(1, 4)),
    [
      [0.1, -0.2, 0.4],
      [null, null, null],
      [7, null, null],
      [-1.5, null, null],
    ],
  );
  assert.equal(
    table.rows[0]?.[0],
    'Responder rate, Pain NRS reduction: Substantial improvement, "≥ 50 %"',
    'labelled by position from cohort A (kind and class)',
  );
});

test('Kaplan–Meier curves start at 1 on day 0, hold between steps and end at their last step', () => {
  const other = km([step(20, 0.8, 0.4, 0.95), step(50, 0.4, 0.1, 0.7)]);
  const { days, curves } = kmAligned([summary.durableRelief, other]);
  assert.deepEqual(days, [0, 10, 20, 30, 50]);
  assert.deepEqual(curves[0]!.survival, [1, 0.9, 0.9, 0.5, null]);
  assert.deepEqual(curves[0]!.lower, [1, 0.5, 0.5, 0.2, null]);
  assert.deepEqual(curves[1]!.survival, [1, 1, 0.8, 0.8, 0.4]);
  assert.deepEqual(kmAligned([null]).curves[0]?.survival, [null], 'no data: no curve');
});

test('Kaplan–Meier alignment (property): every curve is non-increasing where it has values', () => {
  const steps = fc
    .uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 12 })
    .map((times) =>
      [...times]
        .sort((x, y) => x - y)
        .map((t, i, all) => step(t, 1 - (i + 1) / (all.length + 1), null, null)),
    );
  fc.assert(
    fc.property(steps, steps, (s1, s2) => {
      const { days, curves } = kmAligned([km(s1), km(s2)]);
      assert.deepEqual(
        [...days],
        [...days].sort((x, y) => x - y),
        'days ascending',
      );
      for (const c of curves) {
        const values = c.survival.filter((v) => v !== null);
        for (let i = 1; i < values.length; i += 1) {
          assert.ok(values[i]! <= values[i - 1]!, `non-increasing: ${values.join(',')}`);
        }
      }
    }),
  );
});

test('the filter sends only what was chosen, as typed; protocols split at the last @', () => {
  assert.deepEqual(toCohortFilter(EMPTY_FILTER), {}, 'nothing chosen: the whole clinic');
  const filter = toCohortFilter({
    ...EMPTY_FILTER,
    conditions: ' G90.5, M79.7  g90 ',
    protocols: ['crps-schwartzman@1.0.0'],
    sexes: ['female'],
    ageBands: ['40-65'],
  });
  assert.deepEqual(filter, {
    conditionPrefixes: ['G90.5', 'M79.7', 'g90'],
    protocols: [{ id: 'crps-schwartzman', version: '1.0.0' }],
    sexes: ['female'],
    ageBands: ['40-65'],
  });
  assert.equal(
    describeFilter(filter),
    'condition G90.5 or M79.7 or g90; protocol crps-schwartzman@1.0.0; sex female; age 40-65 years',
  );
  assert.equal(describeFilter({}), 'all patients');
});

test("a bad list entry's message is keyed by its list, labelled with the cohort and the list", () => {
  const problem = perListProblem({
    status: 400,
    code: 'request.invalid',
    detail: 'Invalid request',
    field: 'body.a.conditionPrefixes.1',
    errors: [
      { field: 'body.a.conditionPrefixes.1', code: 'invalid', message: 'Use an ICD-10-CM code' },
      { field: 'body.b.ageBands', code: 'invalid', message: 'Unknown band' },
    ],
    requestId: undefined,
    extra: {},
  });
  assert.deepEqual(
    problem?.errors.map((e) => e.field),
    ['body.a.conditionPrefixes', 'body.b.ageBands'],
  );
  assert.equal(problem.field, 'body.a.conditionPrefixes');
  assert.equal(perListProblem(null), null, 'no problem, nothing to do');
  const labels = filterFieldLabels([{ scope: 'a', title: 'Cohort A' }]);
  assert.equal(labels['a.conditionPrefixes'], 'Cohort A: Condition (ICD-10-CM codes or prefixes)');
  assert.equal(labels['a.sexes'], 'Cohort A: Sex');
});
