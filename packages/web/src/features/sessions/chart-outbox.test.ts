/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChartEntryRequest } from '@ketaflow/contract';
import { toProblem } from '../../api/problem.ts';
import {
  acknowledged,
  discard,
  enqueue,
  isEditable,
  isRetryable,
  refused,
  refusalReasons,
  resend,
  retryAll,
  unsent,
} from './chart-outbox.ts';
import type { ChartDraft } from './chart-draft.ts';

const entry = (id: string): ChartEntryRequest => ({
  id,
  occurredAt: '2026-01-01T10:00:00.000Z',
  kind: 'pain',
  painNrs: 4,
});
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

test('an entry stays in the outbox until the server acknowledges it', () => {
  let box = enqueue([], entry(A));
  assert.equal(box.length, 1);
  assert.equal(box[0]?.status, 'sending');
  box = unsent(box, A, 'no connection');
  assert.equal(box[0]?.status, 'unsent', 'a network failure keeps the entry');
  box = acknowledged(box, A);
  assert.equal(box.length, 0);
});

test('a retry re-sends the same request with the same id', () => {
  let box = enqueue(enqueue([], entry(A)), entry(B));
  box = unsent(box, A, 'offline');
  const { outbox, toSend } = retryAll(box);
  assert.deepEqual(toSend, [entry(A)]);
  assert.equal(outbox.find((i) => i.request.id === A)?.status, 'sending');
  assert.equal(outbox.find((i) => i.request.id === B)?.status, 'sending');
});

test('enqueueing the same id twice keeps one entry', () => {
  const box = enqueue(enqueue([], entry(A)), entry(A));
  assert.equal(box.length, 1);
});

test('a refused entry is kept with its reason until discarded; discard leaves others', () => {
  let box = enqueue(enqueue([], entry(A)), entry(B));
  const problem = toProblem(422, {
    type: 'about:blank#rate-change.blocked',
    title: 'Unprocessable content',
    status: 422,
    code: 'rate-change.blocked',
    detail: 'heart rate out of range',
    requestId: 'r-1',
    evidence: { findings: [], limitsApplied: [] },
  });
  box = refused(box, A, problem);
  const [first] = box;
  assert.equal(first?.message, 'heart rate out of range', 'the reason is the detail');
  assert.deepEqual(
    first.problem?.extra,
    { evidence: { findings: [], limitsApplied: [] } },
    'the guardrail evidence is kept for the banner',
  );
  assert.equal(retryAll(box).toSend.length, 0, 'refused entries are not retried blindly');
  box = discard(box, A);
  assert.deepEqual(
    box.map((i) => i.request.id),
    [B],
  );
  assert.equal(discard(box, B).length, 1, 'an entry still sending cannot be discarded');
});

test('only failures that leave the outcome unknown, or an ended sign-in session, are retryable', () => {
  for (const s of [0, 401, 408, 429, 500, 503])
    assert.equal(isRetryable(s), true, `status ${String(s)}`);
  for (const s of [400, 403, 409, 422]) assert.equal(isRetryable(s), false, `status ${String(s)}`);
});

test('a refusal lists every field the server named, not only the first', () => {
  const problem = toProblem(400, {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    code: 'request.invalid',
    detail: 'vitals.heartRateBpm: must be at most 300.',
    field: 'body.vitals.heartRateBpm',
    requestId: '00000000-0000-4000-8000-000000000001',
    errors: [
      {
        field: 'body.vitals.heartRateBpm',
        code: 'too_big',
        message: 'vitals.heartRateBpm: must be at most 300.',
      },
      {
        field: 'body.vitals.spo2Percent',
        code: 'too_big',
        message: 'vitals.spo2Percent: must be at most 100.',
      },
    ],
  });
  assert.deepEqual(refusalReasons(problem), [
    'vitals.heartRateBpm: must be at most 300.',
    'vitals.spo2Percent: must be at most 100.',
  ]);
});

const C = '00000000-0000-4000-8000-00000000000c';
const painDraft = (pain: string): ChartDraft => ({
  form: 'scores',
  values: { scale: '', sedation: '', dissociation: '', description: '', pain },
});
const refusal = toProblem(400, {
  type: 'about:blank#vitals.implausible',
  title: 'Bad Request',
  status: 400,
  code: 'vitals.implausible',
  detail: 'painNrs = 40 must be a whole number from 0 to 10.',
  field: 'body.painNrs',
  requestId: 'r-2',
});

test('a refused entry keeps what was typed, and its correction takes its place in one step', () => {
  const typo: ChartEntryRequest = {
    id: A,
    occurredAt: entry(A).occurredAt,
    kind: 'pain',
    painNrs: 40,
  };
  let box = enqueue(enqueue([], typo, painDraft('40')), entry(B));
  box = refused(box, A, refusal);
  const refusedItem = box.find((i) => i.request.id === A);
  assert.ok(refusedItem !== undefined);
  assert.deepEqual(refusedItem.draft, painDraft('40'), 'the text typed, for the form');
  assert.ok(isEditable(refusedItem));
  const corrected = entry(C);
  const after = resend(box, A, corrected, painDraft('4'));
  assert.deepEqual(
    after.map((i) => [i.request.id, i.status]),
    [
      [B, 'sending'],
      [C, 'sending'],
    ],
    'the refused entry left as its correction was queued, under a new id',
  );
  assert.deepEqual(after.find((i) => i.request.id === C)?.draft, painDraft('4'));
});

test('a correction never reuses the refused id, and never drops an entry it does not correct', () => {
  const box = refused(enqueue([], entry(A), painDraft('40')), A, refusal);
  assert.throws(() => resend(box, A, entry(A)), /new id/, 'the refused id stays refused');
  const other: ChartEntryRequest = {
    id: C,
    occurredAt: entry(C).occurredAt,
    kind: 'note',
    text: 'x',
  };
  assert.deepEqual(
    resend(box, A, other).map((i) => i.request.id),
    [A, C],
    'an entry of another kind is not its correction: the refused one stays',
  );
  const sending = enqueue([], entry(B));
  assert.deepEqual(
    resend(sending, B, entry(C)).map((i) => i.request.id),
    [B, C],
    'an entry not refused (still sending) is never replaced',
  );
  assert.deepEqual(
    resend([], A, entry(C)).map((i) => i.request.id),
    [C],
    'discarded meanwhile: the correction is simply queued',
  );
});

test('only a refused entry with a draft can be edited (an alarm acknowledgement has none)', () => {
  const ack: ChartEntryRequest = {
    id: A,
    occurredAt: entry(A).occurredAt,
    kind: 'alarm-ack',
    alarmId: B,
    action: 'Paused',
  };
  const [noDraft] = refused(enqueue([], ack), A, refusal);
  assert.ok(noDraft !== undefined && !isEditable(noDraft));
  const [stillSending] = enqueue([], entry(A), painDraft('4'));
  assert.ok(stillSending !== undefined && !isEditable(stillSending));
});
