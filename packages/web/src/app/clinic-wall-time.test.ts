/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clinicInstant, wallTimeInstantsMs } from './clinic-wall-time.ts';

const LA = 'America/Los_Angeles';
const iso = (ms: readonly number[]): string[] => ms.map((m) => new Date(m).toISOString());

test('a wall time names one instant, none where the clocks skip it, two where they repeat it', () => {
  assert.deepEqual(iso(wallTimeInstantsMs('2026-11-25', '09:05', LA)), [
    '2026-11-25T17:05:00.000Z',
  ]);
  assert.deepEqual(wallTimeInstantsMs('2026-03-08', '02:30', LA), []);
  assert.deepEqual(iso(wallTimeInstantsMs('2026-11-01', '01:30', LA)), [
    '2026-11-01T08:30:00.000Z',
    '2026-11-01T09:30:00.000Z',
  ]);
  // Lord Howe Island moves its clocks by 30 minutes (02:00 → 01:30 on 5 April 2026).
  assert.equal(wallTimeInstantsMs('2026-04-05', '01:45', 'Australia/Lord_Howe').length, 2);
  assert.equal(clinicInstant('2026-11-01', '01:30', LA), '2026-11-01T08:30:00.000Z', 'the earlier');
});

test('what is not a real date and time names no instant', () => {
  for (const [date, time] of [
    ['2026-02-30', '09:05'],
    ['2026-11-25', '24:00'],
    ['2026-11-25', '9:05'],
    ['', ''],
  ] as const) {
    assert.deepEqual(wallTimeInstantsMs(date, time, LA), [], `${date} ${time}`);
    assert.equal(clinicInstant(date, time, LA), null);
  }
});
