/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clinicInstant, typedDrawTime } from './clinic-time-input.ts';

const LA = 'America/Los_Angeles';

test('a typed time is the clinic wall clock, also across a DST change', () => {
  assert.equal(clinicInstant('2026-11-25', '09:05', LA), '2026-11-25T17:05:00.000Z');
  assert.equal(clinicInstant('2026-07-01', '09:05', LA), '2026-07-01T16:05:00.000Z');
  // 2026-03-08 02:30 does not exist in Los Angeles (clocks jump 02:00 → 03:00).
  assert.equal(clinicInstant('2026-03-08', '02:30', LA), null);
  // 2026-11-01 01:30 occurs twice: the earlier (PDT) instant.
  assert.equal(clinicInstant('2026-11-01', '01:30', LA), '2026-11-01T08:30:00.000Z');
});

test('a date or time that is not real is refused, never rounded into another', () => {
  assert.equal(clinicInstant('2026-02-30', '09:05', LA), null);
  assert.equal(clinicInstant('2026-11-25', '24:00', LA), null);
  assert.equal(clinicInstant('2026-11-25', '9:05', LA), null);
  assert.equal(clinicInstant('', '', LA), null);
});

test('a draw with no typed time is drawn now; a typed one needs both parts and is sent as typed', () => {
  assert.deepEqual(typedDrawTime('', ' ', LA), { occurredAt: undefined });
  assert.deepEqual(typedDrawTime('2026-11-25', '09:05', LA), {
    occurredAt: '2026-11-25T17:05:00.000Z',
  });
  assert.ok('error' in typedDrawTime('2026-11-25', '', LA), 'a date without a time');
  assert.ok('error' in typedDrawTime('', '09:05', LA), 'a time without a date');
  // Not real: sent unparsable, so the server refuses it naming occurredAt.
  assert.deepEqual(typedDrawTime('2026-02-30', '09:05', LA), { occurredAt: '' });
});
