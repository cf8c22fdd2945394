import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartingDue, type ChartingSchedule } from './charting-due.ts';

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 25, 14, 0);
const schedule: ChartingSchedule = {
  phaseStartedAtMs: t0,
  intervals: [
    { item: 'vitals', intervalMin: 15 },
    { item: 'sedation', intervalMin: 30 },
  ],
  overdueGraceMin: 5,
  sources: [{ id: 'test-protocol', version: '1.0.0' }],
};

const statusAt = (minutes: number, last: Partial<Record<'vitals' | 'sedation', number>> = {}) => {
  const r = chartingDue(schedule, last, t0 + minutes * MIN);
  assert.ok(r.ok);
  return r.value.map((p) => p.status);
};

test('nothing charted since start: vitals due at 15 min, overdue at 20 min (grace 5)', () => {
  assert.deepEqual(statusAt(14), ['not-due', 'not-due']);
  assert.deepEqual(statusAt(15), ['due', 'not-due']);
  assert.deepEqual(statusAt(19), ['due', 'not-due']);
  assert.deepEqual(statusAt(20), ['overdue', 'not-due']);
  assert.deepEqual(statusAt(35), ['overdue', 'overdue']);
});

test('an entry restarts the interval; an entry before the phase began does not count', () => {
  assert.deepEqual(statusAt(20, { vitals: t0 + 10 * MIN }), ['not-due', 'not-due']);
  assert.deepEqual(statusAt(25, { vitals: t0 + 10 * MIN }), ['due', 'not-due']);
  assert.deepEqual(statusAt(20, { vitals: t0 - 30 * MIN }), ['overdue', 'not-due']);
});

test('minutes past due and the due/overdue times are reported', () => {
  const r = chartingDue(schedule, {}, t0 + 22 * MIN + 30_000);
  assert.ok(r.ok);
  assert.deepEqual(r.value[0], {
    item: 'vitals',
    status: 'overdue',
    dueAtMs: t0 + 15 * MIN,
    overdueAtMs: t0 + 20 * MIN,
    minutesPastDue: 7,
    sources: [{ id: 'test-protocol', version: '1.0.0' }],
  });
});

test('bad schedules and future entries are errors', () => {
  const zero = chartingDue(
    { ...schedule, intervals: [{ item: 'vitals', intervalMin: 0 }] },
    {},
    t0,
  );
  assert.ok(!zero.ok);
  assert.equal(zero.error.field, 'schedule.intervals[0].intervalMin');
  const future = chartingDue(schedule, { vitals: t0 + MIN }, t0);
  assert.ok(!future.ok);
  assert.equal(future.error.code, 'charting.entry-in-future');
  const grace = chartingDue({ ...schedule, overdueGraceMin: -1 }, {}, t0);
  assert.ok(!grace.ok);
});
