/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  defaultBoosterRule,
  defaultMonitoringPlan,
  defaultOutcomeRules,
  findInstrument,
  patientOutcomes,
  type Result,
} from '@ketaflow/core';
import type { MmeSeries } from '@ketaflow/contract';
import { answerLabel, changeClassLabel, num, signed } from './display.ts';
import { mmeRange, MAX_DAYS, todayIn } from './mme-range.ts';
import { mmeChart, mmeRuns } from './mme-series.ts';
import { OutcomesView, fromCore } from './outcomes-view.ts';
import { dayToSeconds, painChart, painDays } from './pain-series.ts';

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

// A real core result (shipped knowledge): 7 baseline diary days at 8, two infusions, diary after.
const diary = (date: string, nrs: number) => ({ date, nrs, context: 'diary' as const });
const outcomes = fromCore(
  must(
    patientOutcomes(
      {
        readings: [
          ...[1, 2, 3, 4, 5, 6, 7].map((d) => diary(`2026-03-0${String(d)}`, 8)),
          diary('2026-03-10', 4),
          diary('2026-03-12', 3),
        ],
        sessions: [
          {
            sessionId: 's1',
            date: '2026-03-08',
            doseMg: 35,
            weightKg: 70,
            nrsBefore: 8,
            nrsAfter: 4,
          },
          { sessionId: 's2', date: '2026-03-10', doseMg: 35, weightKg: 70, nrsBefore: 5 },
        ],
        pgicAnswers: [],
        checks: [],
        today: '2026-03-12',
      },
      {
        rules: must(defaultOutcomeRules()),
        booster: must(defaultBoosterRule()),
        monitoring: must(defaultMonitoringPlan()),
        painInstrument: must(findInstrument('nrs-0-10')),
        pgicInstrument: must(findInstrument('pgic')),
      },
    ),
  ),
);

test("core's outcome result parses with the web's view schema (the JSON the server sends)", () => {
  const parsed = OutcomesView.safeParse(JSON.parse(JSON.stringify(outcomes)));
  assert.equal(parsed.success, true, parsed.success ? '' : parsed.error.message);
});

test('pain by day merges diary readings with the infusions of that day, in date order', () => {
  const days = painDays(outcomes);
  assert.deepEqual(
    days.map((d) => [d.date, d.diaryNrs, d.infusion, d.nrsBefore, d.nrsAfter]),
    [
      ['2026-03-01', 8, false, null, null],
      ['2026-03-02', 8, false, null, null],
      ['2026-03-03', 8, false, null, null],
      ['2026-03-04', 8, false, null, null],
      ['2026-03-05', 8, false, null, null],
      ['2026-03-06', 8, false, null, null],
      ['2026-03-07', 8, false, null, null],
      ['2026-03-08', null, true, 8, 4],
      ['2026-03-10', 4, true, 5, null],
      ['2026-03-12', 3, false, null, null],
    ],
  );
  const tenth = days.find((d) => d.date === '2026-03-10');
  assert.equal(tenth?.changeFromBaseline, -4, "core's change from the baseline mean of 8");
});

test('the pain chart has one column per series, the baseline flat, markers on infusion days', () => {
  const chart = painChart(outcomes);
  const n = chart.times.length;
  for (const column of [chart.diary, chart.before, chart.after, chart.baseline]) {
    assert.equal(column.length, n, 'every series is aligned to the time axis');
  }
  assert.deepEqual(new Set(chart.baseline), new Set([8]), 'the baseline mean as a flat line');
  assert.deepEqual(chart.infusions, [dayToSeconds('2026-03-08'), dayToSeconds('2026-03-10')]);
  assert.deepEqual(
    [...chart.times],
    [...chart.times].sort((a, b) => a - b),
    'time ascending',
  );
});

const ref = { id: 'cdc-2022', version: '1.0.0' };
const mmeDay = (
  date: string,
  mmePerDay: number,
  incomplete = false,
): MmeSeries['days'][number] => ({
  date,
  mmePerDay,
  flags: [],
  activeMedicationIds: [],
  notConvertedMedicationIds: [],
  incomplete,
  factorTable: ref,
});

test('MME runs: equal consecutive days form one run; a change or incompleteness starts another', () => {
  const runs = mmeRuns([
    mmeDay('2026-01-01', 30),
    mmeDay('2026-01-02', 30),
    mmeDay('2026-01-03', 15),
    mmeDay('2026-01-04', 15, true),
  ]);
  assert.deepEqual(
    runs.map((r) => [r.from, r.to, r.days, r.mmePerDay, r.incomplete, r.factorTable]),
    [
      ['2026-01-01', '2026-01-02', 2, 30, false, 'cdc-2022@1.0.0'],
      ['2026-01-03', '2026-01-03', 1, 15, false, 'cdc-2022@1.0.0'],
      ['2026-01-04', '2026-01-04', 1, 15, true, 'cdc-2022@1.0.0'],
    ],
  );
});

test('MME runs (property): runs cover every day once, in order, and neighbours differ', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(0, 15, 30, 90), { maxLength: 60 }), (values) => {
      const days = values.map((v, i) =>
        mmeDay(new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), v),
      );
      const runs = mmeRuns(days);
      assert.equal(
        runs.reduce((n, r) => n + r.days, 0),
        days.length,
        'every day is in exactly one run',
      );
      const expanded = runs.flatMap((r) => Array.from({ length: r.days }, () => r.mmePerDay));
      assert.deepEqual(expanded, values, 'the runs expand back to the daily values');
      for (let i = 1; i < runs.length; i += 1) {
        assert.notEqual(runs[i]?.mmePerDay, runs[i - 1]?.mmePerDay, 'neighbouring runs differ');
      }
      assert.equal(mmeChart(days).mme.length, days.length, 'one chart point per day');
    }),
  );
});

test('MME range: from the earliest start, never after today, never beyond the server limit', () => {
  assert.deepEqual(mmeRange(['2025-06-01', '2025-01-15'], '2025-03-01', '2026-01-01'), {
    from: '2025-01-15',
    to: '2026-01-01',
  });
  assert.deepEqual(mmeRange([], '2025-03-01', '2026-01-01'), {
    from: '2025-01-30',
    to: '2026-01-01',
  });
  assert.deepEqual(mmeRange(['2027-01-01'], null, '2026-01-01').to, '2026-01-01');
  const old = mmeRange(['1990-01-01'], null, '2026-01-01');
  const span = (dayToSeconds(old.to) - dayToSeconds(old.from)) / 86_400;
  assert.equal(span, MAX_DAYS, 'clipped to the longest series the server accepts');
});

test("today in the clinic's zone is the local calendar date", () => {
  const instant = new Date('2026-11-26T05:00:00Z');
  assert.equal(todayIn('America/Los_Angeles', instant), '2026-11-25');
  assert.equal(todayIn('UTC', instant), '2026-11-26');
});

test('display: rounding for reading, true minus signs, instrument labels by exact version', () => {
  assert.equal(num(null), '—');
  assert.equal(num(12.345, 1), '12.3');
  assert.equal(num(-0.04, 1), '0.0', 'no negative zero');
  assert.equal(signed(2), '+2');
  assert.equal(signed(-1.5, 1), '−1.5');
  assert.equal(signed(0), '0');
  assert.match(
    changeClassLabel({ id: 'nrs-0-10', version: '1.0.0' }, 'immpact.substantial'),
    /at least 50 %/,
  );
  assert.equal(changeClassLabel({ id: 'nrs-0-10', version: '9.9.9' }, 'x'), 'x', 'unknown version');
  assert.match(answerLabel({ id: 'pgic', version: '1.0.0' }, 1), /\(1\)$/);
});
