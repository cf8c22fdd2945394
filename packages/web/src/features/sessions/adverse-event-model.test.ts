/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChartEntryRequest } from '@ketaflow/contract';
import {
  adverseEventRequest,
  adverseEventTimes,
  correctionFields,
  EMPTY_ADVERSE_EVENT,
  refusedRescueGivenAt,
} from './adverse-event-model.ts';

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

test('23:50 typed at 00:05 is last night on the clinic clock, not 23 h ahead (refused as future)', () => {
  // 00:05 PST on 26 Nov 2026.
  const justAfterMidnight = { ...stamp, occurredAt: '2026-11-26T08:05:00.000Z' };
  const r = adverseEventRequest(
    { ...filled, startedAt: '23:50', endedAt: '00:02' },
    justAfterMidnight,
    LA,
  );
  assert.ok(r.kind === 'adverse-event');
  assert.equal(r.startedAt, '2026-11-26T07:50:00.000Z', '25 Nov 23:50 PST');
  assert.equal(r.occurredAt, r.startedAt);
  assert.ok(
    Date.parse(r.occurredAt) <= Date.parse(justAfterMidnight.occurredAt),
    'not in the future',
  );
  assert.equal(r.endedAt, '2026-11-26T08:02:00.000Z', '26 Nov 00:02 PST, after the start');
});

test('the form shows the typed times back with their dates before sending', () => {
  const now = new Date('2026-11-26T08:05:00.000Z');
  assert.deepEqual(adverseEventTimes({ startedAt: '23:50', endedAt: '00:02' }, now, LA), {
    started: '25 Nov 23:50 PST (yesterday)',
    ended: '26 Nov 00:02 PST',
    warning: null,
  });
  assert.deepEqual(adverseEventTimes({ startedAt: '', endedAt: '' }, now, LA), {
    started: 'when charted (now)',
    ended: 'ongoing',
    warning: null,
  });
  const later = adverseEventTimes({ startedAt: '00:01', endedAt: '23:59' }, now, LA);
  assert.match(
    later.warning ?? '',
    /end is before the start/,
    'an end read as yesterday is flagged',
  );
  assert.match(
    adverseEventTimes({ startedAt: '10.20', endedAt: '' }, now, LA).started,
    /not a 24-hour time/,
  );
});

test('what is sent is read at the time shown, and a time the clocks skipped goes as typed', () => {
  const shownAt = new Date('2026-11-26T08:05:50.000Z'); // 00:05:50, shown "00:06 … (yesterday)"
  const sent = { ...stamp, occurredAt: '2026-11-26T08:06:10.000Z' };
  const r = adverseEventRequest({ ...filled, startedAt: '00:06' }, sent, LA, { readAt: shownAt });
  assert.ok(r.kind === 'adverse-event');
  assert.equal(
    r.startedAt,
    '2026-11-25T08:06:00.000Z',
    'as shown: yesterday, never silently today',
  );
  const skipped = adverseEventRequest(
    { ...filled, startedAt: '02:30' },
    { ...stamp, occurredAt: '2026-03-08T10:10:00.000Z' },
    LA,
  );
  assert.ok(skipped.kind === 'adverse-event');
  assert.equal(skipped.startedAt, '02:30', 'for the server to refuse, naming startedAt');
});

test('a refused event comes back with its start, and is sent again with its rescue time', () => {
  const refused = adverseEventRequest(filled, stamp, LA);
  assert.deepEqual(correctionFields(filled, refused, LA), { ...filled, startedAt: '10:30' });
  const typed = { ...filled, startedAt: '10:05' };
  assert.deepEqual(correctionFields(typed, refused, LA), typed, 'a typed start stays as typed');
  assert.equal(refusedRescueGivenAt(refused), stamp.occurredAt);
  const note: ChartEntryRequest = {
    id: stamp.id,
    occurredAt: stamp.occurredAt,
    kind: 'note',
    text: 'x',
  };
  assert.equal(refusedRescueGivenAt(note), undefined);
  const again = adverseEventRequest(
    { ...filled, dose: '2' },
    { id: '00000000-0000-4000-8000-000000000002', occurredAt: '2026-11-25T18:40:00.000Z' },
    LA,
    { rescueGivenAt: stamp.occurredAt },
  );
  assert.ok(again.kind === 'adverse-event');
  assert.equal(again.rescue?.[0]?.givenAt, stamp.occurredAt);
});
