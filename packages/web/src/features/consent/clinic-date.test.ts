/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clinicDate } from './clinic-date.ts';

test("the consent date is the clinic's calendar date, not UTC's", () => {
  // 05:30 UTC on 26 Nov is still 25 Nov in Los Angeles (UTC−8 in November).
  const instant = new Date('2026-11-26T05:30:00Z');
  assert.equal(clinicDate(instant, 'America/Los_Angeles'), '2026-11-25', 'Los Angeles');
  assert.equal(clinicDate(instant, 'UTC'), '2026-11-26', 'UTC');
  assert.equal(clinicDate(instant, 'Asia/Tokyo'), '2026-11-26', 'Tokyo');
});
