/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChartEntryRequest } from '@ketaflow/contract';
import { toProblem } from '../../api/problem.ts';
import { draftFor, refusalFieldErrors, resendOccurredAt, type ChartDraft } from './chart-draft.ts';

const problem = (errors: { field: string; message: string }[]) =>
  toProblem(400, {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    code: 'validation.invalid',
    detail: errors[0]?.message ?? 'invalid',
    field: errors[0]?.field,
    requestId: 'r-1',
    errors: errors.map((e) => ({ ...e, code: 'x' })),
  });

test("each field the server named is shown beside the form's input of that name", () => {
  const vitals = problem([
    { field: 'body.vitals.heartRateBpm', message: 'vitals.heartRateBpm: must be at most 300.' },
    { field: 'body.vitals.spo2Percent', message: 'body.vitals.spo2Percent: must be at most 100.' },
  ]);
  assert.deepEqual(refusalFieldErrors(vitals, 'vitals'), {
    'vitals.heartRateBpm': 'vitals.heartRateBpm: must be at most 300.',
    'vitals.spo2Percent': 'must be at most 100.',
  });
});

test("an adverse event's refused times and rescue fields land on the inputs the nurse typed", () => {
  const core = problem([
    { field: 'body.endedAtMs', message: 'endedAtMs must not be before startedAtMs.' },
  ]);
  assert.deepEqual(Object.keys(refusalFieldErrors(core, 'adverse-event')), ['endedAt']);
  const future = problem([
    { field: 'body.occurredAt', message: 'occurredAt is later than the server clock.' },
  ]);
  assert.deepEqual(Object.keys(refusalFieldErrors(future, 'adverse-event')), ['startedAt']);
  const rescue = problem([
    { field: 'body.rescue[0].dose', message: 'dose must be above 0.' },
    { field: 'body.rescue.0.route', message: 'body.rescue.0.route: too short' },
    { field: 'body.startedAt', message: 'body.startedAt: Invalid ISO datetime' },
  ]);
  assert.deepEqual(refusalFieldErrors(rescue, 'adverse-event'), {
    'rescue.dose': 'dose must be above 0.',
    'rescue.route': 'too short',
    startedAt: 'Invalid ISO datetime',
  });
  // For a vitals entry occurredAt has no input: it is in the reasons above the form only.
  assert.deepEqual(Object.keys(refusalFieldErrors(future, 'vitals')), ['occurredAt']);
});

test("a correction keeps the refused entry's clinical time, unless that time was refused", () => {
  const refused: ChartEntryRequest = {
    id: '00000000-0000-4000-8000-000000000001',
    occurredAt: '2026-11-25T18:00:00.000Z',
    kind: 'pain',
    painNrs: 40,
  };
  const now = '2026-11-25T18:30:00.000Z';
  const range = problem([{ field: 'body.painNrs', message: 'painNrs = 40 must be …' }]);
  assert.equal(resendOccurredAt(refused, range, now), refused.occurredAt);
  const clock = problem([{ field: 'body.occurredAt', message: 'later than the server clock' }]);
  assert.equal(resendOccurredAt(refused, clock, now), now);
});

test('a draft comes back only into the form it was typed in', () => {
  const draft: ChartDraft = { form: 'note', values: { text: 'Resting' } };
  assert.deepEqual(draftFor(draft, 'note'), { text: 'Resting' });
  assert.equal(draftFor(draft, 'vitals'), null);
  assert.equal(draftFor(undefined, 'note'), null);
});
