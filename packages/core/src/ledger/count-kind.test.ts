/**
 * A count states when it was taken (end of shift or end of day, T-45) and may carry the counter's
 * note; an unknown kind or a blank note is refused naming the field, and a count stored before
 * counts had a kind still validates (its hash must keep verifying).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateEntry, type CountEntry } from './ledger-entry.ts';

const count = (over: Partial<Record<keyof CountEntry, unknown>> = {}): CountEntry =>
  ({
    type: 'count',
    id: 'c1',
    occurredAt: '2026-11-25T23:00:00Z',
    userId: 'nurse-a',
    ndc: '00000-0000-01',
    lot: 'L1',
    location: 'safe-a',
    countedContainers: 2,
    kind: 'end-of-shift',
    ...over,
  }) as CountEntry;

test('end-of-shift and end-of-day counts, with or without a note, are valid', () => {
  assert.equal(validateEntry(count()).ok, true);
  assert.equal(validateEntry(count({ kind: 'end-of-day', note: 'Two in the safe.' })).ok, true);
});

test('a count recorded before counts had a kind is still valid', () => {
  assert.equal(validateEntry(count({ kind: undefined })).ok, true);
});

test('an unknown kind or a blank note is refused, naming the field', () => {
  const wrongKind = validateEntry(count({ kind: 'weekly' }));
  assert.ok(!wrongKind.ok);
  assert.equal(wrongKind.error.field, 'kind');
  const blank = validateEntry(count({ note: '   ' }));
  assert.ok(!blank.ok);
  assert.equal(blank.error.field, 'note');
});
