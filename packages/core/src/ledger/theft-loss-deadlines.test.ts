import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultTheftLossRule,
  parseTheftLossRule,
  theftLossDeadlines,
  type BusinessCalendar,
} from './theft-loss-deadlines.ts';

const weekdaysOnly: BusinessCalendar = { nonWorkingWeekdays: [0, 6], holidays: [] };

test('the shipped rule is 21 CFR 1301.76(b) as amended by 88 FR 40707: 1 business day, 45 days', () => {
  assert.equal(defaultTheftLossRule.writtenNoticeBusinessDays, 1);
  assert.equal(defaultTheftLossRule.form106CalendarDays, 45);
  assert.deepEqual(defaultTheftLossRule.source, {
    id: 'dea-theft-loss-reporting',
    version: '0.1.0',
  });
});

test('discovered on a Friday: written notice due the next Monday; Form 106 45 calendar days later', () => {
  // 2026-11-27 is a Friday.
  const r = theftLossDeadlines('2026-11-27', weekdaysOnly);
  assert.ok(r.ok);
  assert.equal(r.value.writtenNoticeDueOn, '2026-11-30');
  assert.equal(r.value.form106DueOn, '2027-01-11');
});

test('holidays are skipped: discovered Wednesday before a Thursday holiday, notice due Friday', () => {
  const r = theftLossDeadlines('2026-11-25', {
    nonWorkingWeekdays: [0, 6],
    holidays: ['2026-11-26'],
  });
  assert.ok(r.ok);
  assert.equal(r.value.writtenNoticeDueOn, '2026-11-27');
  assert.equal(r.value.form106DueOn, '2027-01-09');
});

test('discovered on a Saturday: the first business day after is Monday', () => {
  const r = theftLossDeadlines('2026-11-28', weekdaysOnly);
  assert.ok(r.ok);
  assert.equal(r.value.writtenNoticeDueOn, '2026-11-30');
});

test('bad dates and impossible calendars are errors, never a loop or a guess', () => {
  const bad = theftLossDeadlines('2026-13-01', weekdaysOnly);
  assert.ok(!bad.ok);
  assert.equal(bad.error.field, 'discoveredOn');
  const closed = theftLossDeadlines('2026-11-25', {
    nonWorkingWeekdays: [0, 1, 2, 3, 4, 5, 6],
    holidays: [],
  });
  assert.ok(!closed.ok);
  assert.equal(closed.error.code, 'calendar.no-business-days');
  const weird = theftLossDeadlines('2026-11-25', { nonWorkingWeekdays: [7], holidays: [] });
  assert.ok(!weird.ok);
  const holiday = theftLossDeadlines('2026-11-25', {
    nonWorkingWeekdays: [],
    holidays: ['26/11/2026'],
  });
  assert.ok(!holiday.ok);
  assert.equal(holiday.error.field, 'calendar.holidays[0]');
});

test('the rule parser rejects non-positive or fractional day counts', () => {
  const base = {
    id: 'x',
    version: '1.0.0',
    kind: 'charting',
    status: 'draft',
    title: 't',
    citations: [{ label: 'l', url: 'https://example.org' }],
    units: {},
  };
  assert.ok(
    !parseTheftLossRule({
      ...base,
      data: { writtenNoticeBusinessDays: 0, form106CalendarDays: 45 },
    }).ok,
  );
  assert.ok(
    !parseTheftLossRule({
      ...base,
      data: { writtenNoticeBusinessDays: 1, form106CalendarDays: 4.5 },
    }).ok,
  );
});
