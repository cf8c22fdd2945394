import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  atLeast,
  baselinePain,
  currentPain,
  parseNrsReadings,
  percentChange,
} from './pain-readings.ts';
import { day, rules, unwrap } from './test-fixtures.ts';

// First infusion 2026-03-10; default baseline window = the 7 days before (03-03 .. 03-09).
const readings = unwrap(
  parseNrsReadings([
    { date: '2026-03-02', nrs: 9, context: 'diary' }, // outside the window
    { date: '2026-03-03', nrs: 8, context: 'diary' },
    { date: '2026-03-05', nrs: 6, context: 'diary' },
    { date: '2026-03-09', nrs: 7, context: 'diary' },
    { date: '2026-03-10', nrs: 7, context: 'before-infusion' },
    { date: '2026-03-10', nrs: 2, context: 'after-infusion' }, // not baseline
    { date: '2026-03-10', nrs: 3, context: 'diary' }, // infusion day: not baseline
    { date: '2026-03-25', nrs: 9, context: 'diary' },
    { date: '2026-03-26', nrs: 4, context: 'diary' },
    { date: '2026-03-28', nrs: 3, context: 'diary' },
    { date: '2026-04-01', nrs: 2, context: 'diary' },
  ]),
);

test('baseline = mean of window diary readings and the pre-infusion NRS: (8+6+7+7)/4 = 7', () => {
  const baseline = baselinePain(readings, day('2026-03-10'), rules());
  assert.equal(baseline.status, 'known');
  assert.equal(baseline.meanNrs, 7);
  assert.equal(baseline.readingCount, 4);
  assert.equal(baseline.windowStart, '2026-03-03');
});

test('baseline without readings is unknown, not zero', () => {
  const baseline = baselinePain([], day('2026-03-10'), rules());
  assert.equal(baseline.status, 'unknown');
});

test('current pain over the 7 days ending on the assessment day (03-26..04-01): (4+3+2)/3 = 3', () => {
  const current = currentPain(readings, day('2026-04-01'), rules());
  assert.equal(current.status, 'known');
  assert.equal(current.meanNrs, 3);
  // default requires 3 readings: on 03-31 the window holds only 03-25..03-31 => 9, 4, 3 = 3 readings
  const earlier = currentPain(readings, day('2026-03-30'), rules());
  assert.equal(earlier.status === 'known' ? earlier.meanNrs : -1, (9 + 4 + 3) / 3);
  const sparse = currentPain(readings, day('2026-03-27'), rules());
  assert.equal(sparse.status, 'unknown');
});

test('NRS outside 0..10 or fractional is rejected with the field', () => {
  for (const nrs of [11, -1, 2.5, Number.NaN]) {
    const bad = parseNrsReadings([{ date: '2026-03-01', nrs, context: 'diary' }]);
    assert.equal(bad.ok ? '' : bad.error.field, 'readings[0].nrs');
  }
});

test('percentChange and the rounding-tolerant comparison', () => {
  assert.equal(percentChange(4, 8), -50);
  assert.equal(percentChange(3, 0), null);
  assert.ok(0.1 * 3 > 0.3); // binary noise the tolerance exists for
  assert.ok(atLeast(0.3, 0.1 * 3));
  assert.ok(!atLeast(6.99, 7));
});
