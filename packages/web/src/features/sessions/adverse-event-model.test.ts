/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adverseEventRequest, EMPTY_ADVERSE_EVENT } from './adverse-event-model.ts';

const stamp = {
  id: '00000000-0000-4000-8000-000000000001',
  occurredAt: '2026-11-25T18:30:00.000Z',
};
const LA = 'America/Los_Angeles';
const filled = {
  ...EMPTY_ADVERSE_EVENT,
  type: 'agitation',
  severity: 'mild',
  action: 'Reassured',
  medication: 'midazolam',
  dose: '1',
};

test('nothing clinical is chosen in a fresh (or reset) form, the route included', () => {
  for (const [field, value] of Object.entries(EMPTY_ADVERSE_EVENT)) assert.equal(value, '', field);
});

test('the rescue route is the one chosen, never the first of the list', () => {
  const unchosen = adverseEventRequest(filled, stamp, LA);
  assert.ok(unchosen.kind === 'adverse-event');
  assert.equal(
    unchosen.rescue?.[0]?.route,
    '',
    'unchosen stays unchosen (midazolam lists IV first)',
  );
  const chosen = adverseEventRequest({ ...filled, route: 'IM' }, stamp, LA);
  assert.ok(chosen.kind === 'adverse-event');
  assert.deepEqual(chosen.rescue, [
    { medication: 'midazolam', dose: 1, doseUnit: 'mg', route: 'IM', givenAt: stamp.occurredAt },
  ]);
});

test('start and end typed on the clinic clock; empty start means when charted', () => {
  const now = adverseEventRequest(filled, stamp, LA);
  assert.ok(now.kind === 'adverse-event');
  assert.equal(now.startedAt, stamp.occurredAt);
  assert.equal(now.endedAt, undefined, 'ongoing');
  const typed = adverseEventRequest(
    { ...filled, startedAt: '10:05', endedAt: '10:20', description: ' restless ' },
    stamp,
    LA,
  );
  assert.ok(typed.kind === 'adverse-event');
  assert.equal(typed.startedAt, '2026-11-25T18:05:00.000Z', '10:05 PST');
  assert.equal(typed.occurredAt, typed.startedAt, 'charted where it happened');
  assert.equal(typed.endedAt, '2026-11-25T18:20:00.000Z');
  assert.equal(typed.description, 'restless');
});

test('a time that is not HH:MM goes as typed for the server to refuse, never guessed', () => {
  const r = adverseEventRequest({ ...filled, endedAt: '10.20' }, stamp, LA);
  assert.ok(r.kind === 'adverse-event');
  assert.equal(r.endedAt, '10.20');
});
