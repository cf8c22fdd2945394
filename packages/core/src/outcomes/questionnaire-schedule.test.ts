import { test } from 'node:test';
import assert from 'node:assert/strict';
import shipped from '../../knowledge/questionnaire-schedules/default-chronic-pain-schedule@1.0.0.json' with { type: 'json' };
import { parseQuestionnaireSchedule } from './questionnaire-schedule.ts';

const withItems = (items: unknown[]) =>
  parseQuestionnaireSchedule({ ...shipped, data: { ...shipped.data, items } });
const first = shipped.data.items[0];

test('the shipped schedule parses with unique item ids', () => {
  const parsed = parseQuestionnaireSchedule(shipped);
  assert.equal(parsed.ok, true);
  assert.equal(parsed.value.items.length, shipped.data.items.length);
  assert.equal(parsed.value.followUpDaysAfterLastSession, 84);
});

test('duplicate ids, unknown triggers and impossible windows are rejected with the field', () => {
  const duplicate = withItems([first, first]);
  assert.equal(duplicate.ok ? '' : duplicate.error.field, 'data.items[1].id');
  const trigger = withItems([{ ...first, trigger: { type: 'monthly' } }]);
  assert.equal(trigger.ok ? '' : trigger.error.field, 'data.items[0].trigger.type');
  // an interval window may not open a full period early, and may not expire before its grace ends
  const early = withItems([
    {
      ...first,
      trigger: {
        type: 'interval',
        everyDays: 7,
        windowBeforeDays: 7,
        graceDays: 0,
        expiresAfterDays: 1,
      },
    },
  ]);
  assert.equal(early.ok ? '' : early.error.field, 'data.items[0].trigger.windowBeforeDays');
  const expiry = withItems([
    { ...first, trigger: { type: 'daily', graceDays: 2, expiresAfterDays: 1 } },
  ]);
  assert.equal(expiry.ok ? '' : expiry.error.field, 'data.items[0].trigger.expiresAfterDays');
  const respondent = withItems([{ ...first, respondent: 'caregiver' }]);
  assert.equal(respondent.ok ? '' : respondent.error.field, 'data.items[0].respondent');
});
