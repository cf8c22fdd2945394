/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { enqueue, unsent } from './chart-outbox.ts';
import {
  dropHeldEntries,
  heldEntryCount,
  heldOutbox,
  holdOutbox,
  keepOnlyEntriesOf,
  subscribeHeld,
} from './outbox-store.ts';

const S1 = '00000000-0000-4000-8000-000000000001';
const S2 = '00000000-0000-4000-8000-000000000002';
const NURSE = '00000000-0000-4000-8000-0000000000aa';
const OTHER = '00000000-0000-4000-8000-0000000000bb';
const entry = (id: string) => ({
  id,
  occurredAt: '2026-01-01T10:00:00.000Z',
  kind: 'pain' as const,
  painNrs: 4,
});
const E1 = '00000000-0000-4000-8000-00000000000e';
const E2 = '00000000-0000-4000-8000-00000000000f';

afterEach(dropHeldEntries);

test('entries outlive the screen: what a session screen held is there when it is back', () => {
  holdOutbox(S1, NURSE, unsent(enqueue([], entry(E1)), E1, 'Your session has ended'));
  holdOutbox(S2, NURSE, enqueue([], entry(E2)));
  assert.equal(heldEntryCount(), 2);
  assert.equal(keepOnlyEntriesOf(NURSE), 0, 'the same user signing in again keeps them');
  assert.deepEqual(
    heldOutbox(S1).map((i) => [i.request.id, i.status]),
    [[E1, 'unsent']],
  );
});

test('another user signing in drops them, so nothing is sent in their name', () => {
  holdOutbox(S1, NURSE, enqueue([], entry(E1)));
  assert.equal(keepOnlyEntriesOf(OTHER), 1);
  assert.equal(heldEntryCount(), 0);
  assert.deepEqual(heldOutbox(S1), []);
});

test('a different user charting replaces what another left; an emptied outbox is forgotten', () => {
  holdOutbox(S1, NURSE, enqueue([], entry(E1)));
  holdOutbox(S2, OTHER, enqueue([], entry(E2)));
  assert.deepEqual(heldOutbox(S1), [], "the first user's entries never mix with the second's");
  holdOutbox(S2, OTHER, []);
  assert.equal(heldEntryCount(), 0);
  assert.equal(keepOnlyEntriesOf(NURSE), 0, 'nothing held, nobody owns it');
});

test('an empty store reads as the same value each time and subscribers hear every change', () => {
  assert.equal(heldOutbox(S1), heldOutbox(S1), 'useSyncExternalStore needs a stable snapshot');
  let calls = 0;
  const unsubscribe = subscribeHeld(() => {
    calls += 1;
  });
  holdOutbox(S1, NURSE, enqueue([], entry(E1)));
  dropHeldEntries();
  unsubscribe();
  holdOutbox(S1, NURSE, enqueue([], entry(E1)));
  assert.equal(calls, 2);
});
