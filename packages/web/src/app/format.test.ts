/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatClock, formatInstant, patientName } from './format.ts';

test('instants show on the clinic wall clock with the zone, across a DST change', () => {
  // 2026-11-01 is the US fall-back date: 01:30 happens twice, first PDT (UTC-7), then PST (UTC-8).
  assert.equal(
    formatInstant('2026-11-01T08:30:00Z', 'America/Los_Angeles'),
    '2026-11-01 01:30 PDT',
  );
  assert.equal(
    formatInstant('2026-11-01T09:30:00Z', 'America/Los_Angeles'),
    '2026-11-01 01:30 PST',
  );
  assert.equal(
    formatInstant('2026-11-25T00:05:00Z', 'America/Los_Angeles'),
    '2026-11-24 16:05 PST',
  );
  assert.equal(formatInstant('2026-11-25T00:05:00Z', 'UTC'), '2026-11-25 00:05 UTC');
});

test('an unreadable instant is shown as received, not as a made-up date', () => {
  assert.equal(formatInstant('not a time', 'UTC'), 'not a time');
  assert.equal(formatClock('not a time', 'UTC'), 'not a time');
});

test('the board clock shows seconds on the clinic wall clock, across a DST change', () => {
  assert.equal(formatClock('2026-11-01T08:30:07Z', 'America/Los_Angeles'), '01:30:07 PDT');
  assert.equal(formatClock('2026-11-01T09:30:07Z', 'America/Los_Angeles'), '01:30:07 PST');
  assert.equal(formatClock('2026-11-25T00:05:59Z', 'UTC'), '00:05:59 UTC');
});

test('names read family first', () => {
  assert.equal(
    patientName({ legalFamilyName: 'Fictional', legalGivenName: 'Testa' }),
    'Fictional, Testa',
  );
});
