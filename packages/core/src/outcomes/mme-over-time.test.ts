import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CDC_2022_MME_FACTORS } from '../mme/factor-table.ts';
import {
  dailyMmeSeries,
  mmeChangeFromBaseline,
  type MedicationPeriodInput,
} from './mme-over-time.ts';
import { unwrap } from './test-fixtures.ts';

const table = CDC_2022_MME_FACTORS;
// CDC 2022 worked examples (clinical.md 6 [M1]): oxycodone ER 10 mg BID = 30 MME/day; hydrocodone 5 mg QID = 20 MME/day.
const oxycodone: MedicationPeriodInput = {
  id: 'oxy',
  drug: 'oxycodone',
  doseMg: 10,
  timesPerDay: 2,
  startDate: '2026-03-01',
  stopDate: '2026-03-03',
};
const hydrocodone: MedicationPeriodInput = {
  id: 'hc',
  drug: 'hydrocodone',
  doseMg: 5,
  timesPerDay: 4,
  startDate: '2026-03-03',
};

test('daily MME/day with start and stop dates inclusive, flags and the factor table on every day', () => {
  const days = unwrap(dailyMmeSeries([oxycodone, hydrocodone], '2026-02-28', '2026-03-04', table));
  assert.deepEqual(
    days.map((d) => [d.date, d.mmePerDay, d.flags.join()]),
    [
      ['2026-02-28', 0, ''],
      ['2026-03-01', 30, ''],
      ['2026-03-02', 30, ''],
      ['2026-03-03', 50, 'mme.at-or-above-50'],
      ['2026-03-04', 20, ''],
    ],
  );
  for (const d of days)
    assert.deepEqual(d.factorTable, { id: 'cdc-2022-mme-factors', version: '1.0.0' });
});

test('buprenorphine is not converted: the day is marked incomplete, never a silent zero', () => {
  const bup: MedicationPeriodInput = {
    id: 'bup',
    drug: 'buprenorphine',
    doseMg: 8,
    timesPerDay: 1,
    startDate: '2026-03-02',
  };
  const days = unwrap(dailyMmeSeries([oxycodone, bup], '2026-03-01', '2026-03-02', table));
  assert.deepEqual(
    days.map((d) => [d.mmePerDay, d.incomplete, d.notConvertedMedicationIds.join()]),
    [
      [30, false, ''],
      [30, true, 'bup'],
    ],
  );
});

test('bad medication input is rejected with its own field', () => {
  const unknown = dailyMmeSeries(
    [oxycodone, { ...hydrocodone, drug: 'aspirin' }],
    '2026-03-01',
    '2026-03-02',
    table,
  );
  assert.equal(unknown.ok ? '' : unknown.error.field, 'medications[1].drug');
  const dose = dailyMmeSeries([{ ...oxycodone, doseMg: -10 }], '2026-03-01', '2026-03-02', table);
  assert.equal(dose.ok ? '' : dose.error.field, 'medications[0].doseMg');
  const stop = dailyMmeSeries(
    [{ ...oxycodone, stopDate: '2026-02-01' }],
    '2026-03-01',
    '2026-03-02',
    table,
  );
  assert.equal(stop.ok ? '' : stop.error.field, 'medications[0].stopDate');
  const range = dailyMmeSeries([], '2026-03-02', '2026-03-01', table);
  assert.equal(range.ok ? '' : range.error.code, 'mme.series-range');
});

test('change from baseline at 1, 3 and 6 calendar months (Jan 31 + 1 month = Feb 28)', () => {
  const meds: MedicationPeriodInput[] = [
    {
      id: 'a',
      drug: 'oxycodone',
      doseMg: 20,
      timesPerDay: 2,
      startDate: '2025-06-01',
      stopDate: '2026-02-15',
    }, // 60 MME/day
    { id: 'b', drug: 'oxycodone', doseMg: 10, timesPerDay: 2, startDate: '2026-02-16' }, // 30 MME/day
  ];
  const change = unwrap(mmeChangeFromBaseline(meds, '2026-01-31', '2026-05-10', [1, 3, 6], table));
  assert.equal(change.baseline.mmePerDay, 60);
  assert.deepEqual(
    change.milestones.map((m) =>
      m.status === 'reached'
        ? [m.date, m.mmePerDay, m.changeMmePerDay, m.percentChange]
        : [m.date, m.status],
    ),
    [
      ['2026-02-28', 30, -30, -50],
      ['2026-04-30', 30, -30, -50],
      ['2026-07-31', 'not-yet-reached'],
    ],
  );
});

test('property: a day total equals the sum of each medication alone (superposition, seed 21)', () => {
  const med = fc.record({
    drug: fc.constantFrom('oxycodone', 'morphine', 'hydromorphone', 'codeine'),
    doseMg: fc.integer({ min: 1, max: 60 }),
    timesPerDay: fc.integer({ min: 1, max: 6 }),
    start: fc.integer({ min: 0, max: 20 }),
    length: fc.integer({ min: 0, max: 20 }),
  });
  fc.assert(
    fc.property(fc.array(med, { minLength: 1, maxLength: 5 }), (list) => {
      const iso = (n: number) => `2026-03-${String(1 + n).padStart(2, '0')}`;
      const meds: MedicationPeriodInput[] = list.map((m, i) => ({
        id: `m${String(i)}`,
        drug: m.drug,
        doseMg: m.doseMg,
        timesPerDay: m.timesPerDay,
        startDate: iso(m.start),
        stopDate: iso(Math.min(30, m.start + m.length)),
      }));
      const all = unwrap(dailyMmeSeries(meds, '2026-03-01', '2026-03-31', table));
      const each = meds.map((m) => unwrap(dailyMmeSeries([m], '2026-03-01', '2026-03-31', table)));
      all.forEach((d, i) => {
        const sum = each.reduce((total, series) => total + (series[i]?.mmePerDay ?? 0), 0);
        assert.ok(Math.abs(d.mmePerDay - sum) < 1e-6);
        assert.ok(d.mmePerDay >= 0);
      });
    }),
    { seed: 21, numRuns: 40 },
  );
});
