/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clinicTimeToday } from './clinic-clock.ts';

const LA = 'America/Los_Angeles';

test('a typed HH:MM is that wall time on the clinic date, not the browser date', () => {
  // 07:30 UTC on the 26th is still the 25th (23:30 PST) in Los Angeles.
  const now = new Date('2026-11-26T07:30:00.000Z');
  assert.equal(clinicTimeToday('14:05', now, LA), '2026-11-25T22:05:00.000Z');
  assert.equal(clinicTimeToday(' 09:00 ', now, 'UTC'), '2026-11-26T09:00:00.000Z');
});

test('anything but a real 24-hour HH:MM is refused, never guessed', () => {
  const now = new Date('2026-11-25T18:00:00.000Z');
  for (const bad of ['', '9:05', '24:00', '12:60', '1405', '14:05:00', '2pm']) {
    assert.equal(clinicTimeToday(bad, now, LA), null, bad);
  }
});

test('a wall time skipped by the spring DST change does not exist', () => {
  const now = new Date('2026-03-08T20:00:00.000Z'); // 8 March 2026, US change at 02:00
  assert.equal(clinicTimeToday('02:30', now, LA), null);
  assert.equal(clinicTimeToday('03:30', now, LA), '2026-03-08T10:30:00.000Z');
});
