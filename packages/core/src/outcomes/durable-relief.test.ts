import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, daysBetween } from './calendar-date.ts';
import { daysSinceLastInfusion, durableRelief } from './durable-relief.ts';
import { parseNrsReadings, type NrsReadingInput } from './pain-readings.ts';
import { day, rules, unwrap } from './test-fixtures.ts';

const diary = (entries: readonly [string, number][]) =>
  unwrap(
    parseNrsReadings(
      entries.map(([date, nrs]): NrsReadingInput => ({ date, nrs, context: 'diary' })),
    ),
  );
const last = day('2026-03-12');

// Baseline 8, default share 0.7 => return level 5.6 NRS; confirmation needs 2 consecutive days.
test('relief ends on the first day of two consecutive days at or above 0.7 x baseline', () => {
  const readings = diary([
    ['2026-03-13', 3],
    ['2026-03-15', 4],
    ['2026-03-20', 6], // at/above 5.6 ...
    ['2026-03-21', 5], // ... but not confirmed
    ['2026-03-25', 6],
    ['2026-03-26', 7],
    ['2026-04-02', 2],
  ]);
  const result = unwrap(durableRelief(readings, last, 8, day('2026-04-30'), rules()));
  assert.equal(result.returnLevelNrs, 0.7 * 8);
  assert.deepEqual(result.relief, {
    status: 'returned',
    days: 13,
    returnedOn: '2026-03-25',
    reliefAchieved: true,
  });
  assert.deepEqual(result.timeToEvent, { days: 13, event: true });
});

test('an unconfirmed trailing return is censored at the last reading', () => {
  const readings = diary([
    ['2026-03-13', 3],
    ['2026-03-20', 6],
  ]);
  const result = unwrap(durableRelief(readings, last, 8, day('2026-04-30'), rules()));
  assert.deepEqual(result.relief, {
    status: 'censored',
    days: 8,
    censoredOn: '2026-03-20',
    reliefAchieved: true,
  });
  assert.deepEqual(result.timeToEvent, { days: 8, event: false });
});

test('same-day readings are averaged; readings after asOf and before the last infusion are ignored', () => {
  const readings = diary([
    ['2026-03-12', 9], // infusion day
    ['2026-03-13', 5],
    ['2026-03-13', 7], // day mean 6 >= 5.6
    ['2026-03-14', 6],
    ['2026-03-20', 9], // after asOf
  ]);
  const result = unwrap(durableRelief(readings, last, 8, day('2026-03-14'), rules()));
  assert.deepEqual(result.relief, {
    status: 'returned',
    days: 1,
    returnedOn: '2026-03-13',
    reliefAchieved: false,
  });
});

test('unknown when there is no baseline, a zero baseline or no follow-up reading', () => {
  const reasons = [
    unwrap(durableRelief(diary([['2026-03-13', 3]]), last, null, day('2026-04-01'), rules()))
      .relief,
    unwrap(durableRelief(diary([['2026-03-13', 3]]), last, 0, day('2026-04-01'), rules())).relief,
    unwrap(durableRelief([], last, 8, day('2026-04-01'), rules())).relief,
  ].map((r) => (r.status === 'unknown' ? r.reason : r.status));
  assert.deepEqual(reasons, ['no-baseline', 'baseline-zero', 'no-follow-up-readings']);
  const future = durableRelief([], day('2026-05-01'), 8, day('2026-04-01'), rules());
  assert.equal(future.ok ? '' : future.error.code, 'outcomes.last-infusion-in-future');
});

test('days since the last infusion ignores planned future sessions', () => {
  assert.equal(
    unwrap(daysSinceLastInfusion(['2026-03-01', '2026-03-12', '2026-04-20'], '2026-04-01')),
    20,
  );
  assert.equal(unwrap(daysSinceLastInfusion(['2026-04-20'], '2026-04-01')), null);
  assert.equal(daysSinceLastInfusion(['2026-13-01'], '2026-04-01').ok, false);
});

test('property: time within follow-up, and readings after a confirmed return never change it (seed 5)', () => {
  const entry = fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 10 }));
  fc.assert(
    fc.property(
      fc.array(entry, { maxLength: 30 }),
      fc.array(entry, { maxLength: 10 }),
      fc.integer({ min: 1, max: 10 }),
      (early, late, baseline) => {
        const asOf = addDays(last, 60);
        const toReadings = (list: readonly (readonly [number, number])[], shift: number) =>
          diary(list.map(([offset, nrs]) => [addDays(last, offset + shift), nrs]));
        const first = unwrap(durableRelief(toReadings(early, 0), last, baseline, asOf, rules()));
        if (first.timeToEvent !== null) {
          assert.ok(
            first.timeToEvent.days >= 1 && first.timeToEvent.days <= daysBetween(last, asOf),
          );
        }
        if (first.relief.status === 'returned') {
          const later = toReadings(late, 60).filter((r) => r.date > addDays(last, 60));
          const again = unwrap(
            durableRelief(
              [...toReadings(early, 0), ...later],
              last,
              baseline,
              addDays(asOf, 60),
              rules(),
            ),
          );
          assert.deepEqual(again.relief, first.relief);
        }
      },
    ),
    { seed: 5, numRuns: 200 },
  );
});
