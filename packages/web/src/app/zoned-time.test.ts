/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nextDay, startOfDay, zoneOffsetMs } from './zoned-time.ts';

const HOUR = 3_600_000;

test('clinic midnight in Los Angeles is 08:00Z in winter and 07:00Z in summer (IANA tzdb)', () => {
  assert.equal(startOfDay('2026-11-25', 'America/Los_Angeles'), '2026-11-25T08:00:00.000Z');
  assert.equal(startOfDay('2026-07-04', 'America/Los_Angeles'), '2026-07-04T07:00:00.000Z');
  // The DST change days themselves: the change happens at 02:00, after midnight.
  assert.equal(startOfDay('2026-03-08', 'America/Los_Angeles'), '2026-03-08T08:00:00.000Z');
  assert.equal(startOfDay('2026-11-01', 'America/Los_Angeles'), '2026-11-01T07:00:00.000Z');
  assert.equal(startOfDay('2026-11-25', 'UTC'), '2026-11-25T00:00:00.000Z');
});

test('a zone that skips midnight starts the day at the first existing time', () => {
  // America/Santiago moved clocks from 00:00 to 01:00 on 2024-09-08 (IANA tzdb).
  assert.equal(startOfDay('2024-09-08', 'America/Santiago'), '2024-09-08T04:00:00.000Z');
});

test('impossible dates are refused, not rolled over', () => {
  for (const bad of ['2026-02-30', '2026-13-01', '2026-1-1', '', '2026-11-25T00:00']) {
    assert.equal(startOfDay(bad, 'UTC'), null, bad);
  }
});

test('nextDay crosses month and leap-year ends', () => {
  assert.equal(nextDay('2026-11-30'), '2026-12-01');
  assert.equal(nextDay('2028-02-28'), '2028-02-29');
  assert.equal(nextDay('2026-12-31'), '2027-01-01');
});

test('property: a day starts at wall-clock 00:00 and days follow each other 23–25 h apart', () => {
  const zones = ['America/Los_Angeles', 'America/New_York', 'Pacific/Honolulu', 'UTC'];
  fc.assert(
    fc.property(
      fc.date({
        min: new Date('1990-01-01T00:00:00Z'),
        max: new Date('2060-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      fc.constantFrom(...zones),
      (when, zone) => {
        const day = when.toISOString().slice(0, 10);
        const start = Date.parse(startOfDay(day, zone) ?? '');
        const wall = start + zoneOffsetMs(start, zone);
        assert.equal(new Date(wall).toISOString(), `${day}T00:00:00.000Z`);
        const following = Date.parse(startOfDay(nextDay(day), zone) ?? '');
        const length = following - start;
        assert.ok(length >= 23 * HOUR && length <= 25 * HOUR, `${day} ${zone}: ${length}`);
      },
    ),
    { seed: 20261125, numRuns: 300 },
  );
});
