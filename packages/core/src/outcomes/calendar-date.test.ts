import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  completedYears,
  daysBetween,
  fromDayNumber,
  parseCalendarDate,
  toDayNumber,
  type CalendarDate,
} from './calendar-date.ts';

const d = (text: string): CalendarDate => {
  const parsed = parseCalendarDate(text, 'test');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

test('day numbers match the Unix epoch (946684800 s = 2000-01-01 = day 10957)', () => {
  assert.equal(toDayNumber(d('1970-01-01')), 0);
  assert.equal(toDayNumber(d('2000-01-01')), 10957);
  assert.equal(toDayNumber(d('2000-03-01')), 10957 + 31 + 29);
  assert.equal(fromDayNumber(-1), '1969-12-31');
});

test('rejects malformed and impossible dates with the field name', () => {
  for (const bad of [
    '2025-02-29',
    '2026-13-01',
    '2026-1-05',
    '2026-01-05T00:00',
    '',
    '05/01/2026',
    '1899-12-31',
  ]) {
    const result = parseCalendarDate(bad, 'course.startDate');
    assert.equal(result.ok, false, bad);
    assert.equal(result.error.field, 'course.startDate');
  }
  assert.equal(parseCalendarDate(20260101, 'x').ok, false);
  assert.equal(parseCalendarDate('2024-02-29', 'x').ok, true);
});

test('addMonths clamps to the end of a shorter month like PostgreSQL date + interval', () => {
  assert.equal(addMonths(d('2026-01-31'), 1), '2026-02-28');
  assert.equal(addMonths(d('2024-01-31'), 1), '2024-02-29');
  assert.equal(addMonths(d('2026-08-31'), 6), '2027-02-28');
  assert.equal(addMonths(d('2026-11-15'), 3), '2027-02-15');
});

test('completedYears counts birthdays', () => {
  assert.equal(completedYears(d('1936-06-15'), d('2026-06-14')), 89);
  assert.equal(completedYears(d('1936-06-15'), d('2026-06-15')), 90);
});

test('property: day numbers agree with Date.UTC and round-trip (seed 42)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -25567, max: 84000 }),
      fc.integer({ min: -4000, max: 4000 }),
      (day, shift) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        const date = d(iso);
        assert.equal(toDayNumber(date), day);
        assert.equal(fromDayNumber(day), iso);
        assert.equal(daysBetween(date, addDays(date, shift)), shift);
      },
    ),
    { seed: 42, numRuns: 2000 },
  );
});
