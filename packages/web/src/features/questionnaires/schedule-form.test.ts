/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
/**
 * The schedule editor model: a server schedule round-trips through the rows unchanged, day counts
 * accept plain whole numbers only (property-tested), and bad rows are named in the server's keys.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CourseQuestionnaireSchedule } from '@ketaflow/contract';
import { draftOf, emptyItem, keyOf, scheduleRequest, type ScheduleDraft } from './schedule-form.ts';

const VIEW: CourseQuestionnaireSchedule = {
  courseId: '7d1a4a55-0c8e-4a4b-9a53-1b1b0f1d2c3e',
  version: 3,
  edited: true,
  basedOn: 'default-chronic-pain-schedule@1.0.0',
  followUpDaysAfterLastSession: 84,
  items: [
    {
      id: 'baseline-nrs',
      instrumentId: 'nrs-0-10',
      respondent: 'patient',
      trigger: { type: 'baseline' },
    },
    {
      id: 'nrs-after-infusion',
      instrumentId: 'nrs-0-10',
      respondent: 'patient',
      trigger: { type: 'session', moment: 'after' },
    },
    {
      id: 'nrs-daily-diary',
      instrumentId: 'nrs-0-10',
      respondent: 'patient',
      trigger: { type: 'daily', graceDays: 0, expiresAfterDays: 1 },
      stopsAfter: '2026-12-31',
    },
    {
      id: 'fiqr-every-4-weeks',
      instrumentId: 'fiqr',
      respondent: 'patient',
      conditions: ['M79.7'],
      trigger: {
        type: 'interval',
        everyDays: 28,
        windowBeforeDays: 3,
        graceDays: 7,
        expiresAfterDays: 14,
      },
      startsOn: '2026-12-01',
    },
  ],
  changeNote: 'x',
  changedBy: null,
  changedAt: null,
};

const withNote = (draft: ScheduleDraft): ScheduleDraft => ({ ...draft, changeNote: 'Reviewed.' });

test('a schedule round-trips through the editor rows unchanged', () => {
  const request = scheduleRequest(withNote(draftOf(VIEW)), VIEW.version);
  assert.ok(request.ok, request.ok ? '' : JSON.stringify(request.fields));
  assert.equal(request.body.version, 3);
  assert.equal(request.body.followUpDaysAfterLastSession, 84);
  assert.deepEqual(
    request.body.items,
    VIEW.items.map(({ respondent: _respondent, ...item }) => item),
  );
});

test('day counts: any whole number typed as digits is sent as that number', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 3650 }),
      fc.integer({ min: 0, max: 3650 }),
      (every, grace) => {
        const draft = withNote(draftOf(VIEW));
        const fiqr = draft.items[3];
        assert.ok(fiqr !== undefined, 'fixture row');
        const items = [
          { ...fiqr, days: { ...fiqr.days, everyDays: String(every), graceDays: String(grace) } },
        ];
        const request = scheduleRequest({ ...draft, items }, 0);
        assert.ok(request.ok, 'accepted');
        const trigger = request.body.items[0]?.trigger;
        assert.ok(trigger?.type === 'interval', 'interval kept');
        assert.equal(trigger.everyDays, every);
        assert.equal(trigger.graceDays, grace);
      },
    ),
  );
});

test('day counts that are not plain whole numbers are refused, naming the field', () => {
  for (const bad of ['', '7.5', '1e1', ' 7', '-1', '07', 'seven']) {
    const draft = withNote(draftOf(VIEW));
    const diary = draft.items[2];
    assert.ok(diary !== undefined, 'fixture row');
    const items = [diary, { ...diary, id: 'other', days: { ...diary.days, graceDays: bad } }];
    const request = scheduleRequest({ ...draft, items }, 3);
    assert.ok(!request.ok, `refused: "${bad}"`);
    assert.deepEqual(Object.keys(request.fields), ['items[1].trigger.graceDays'], bad);
  }
});

test('a new empty row, a missing note or a bad id are named', () => {
  const draft = draftOf(VIEW);
  const request = scheduleRequest(
    { ...draft, items: [...draft.items, { ...emptyItem('new', 'pgic'), id: 'Weekly PGIC' }] },
    3,
  );
  assert.ok(!request.ok, 'refused');
  assert.ok(request.fields['changeNote'] !== undefined, 'the change note is required');
  assert.ok(request.fields['items[4].id'] !== undefined, 'ids are lower-case words');
});

test('keyOf writes the server-style field keys', () => {
  assert.equal(keyOf(['items', 2, 'trigger', 'everyDays']), 'items[2].trigger.everyDays');
  assert.equal(keyOf(['changeNote']), 'changeNote');
});
