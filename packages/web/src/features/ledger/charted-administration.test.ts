/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  administrationSummary,
  amountPrefill,
  readingKey,
  shownAmount,
  type SessionAdministration,
} from './charted-administration.ts';

const session = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';
const reading = (chartedUg: number, recordedUg: number): SessionAdministration => ({
  sessionId: session,
  asOf: '2026-11-26T17:00:00.000Z',
  chartedUg,
  recordedUg,
  administrableUg: Math.max(0, chartedUg - recordedUg),
});

test('the chart, the ledger and what may be recorded are stated in mg, ISMP formatted', () => {
  assert.equal(
    administrationSummary(reading(1_250_500, 1_000_000)),
    'Chart shows 1,250.5 mg given, 1,000 mg already recorded; up to 250.5 mg can be recorded',
  );
  assert.equal(
    administrationSummary(reading(12_345, 0)),
    'Chart shows 12.345 mg given, 0 mg already recorded; up to 12.345 mg can be recorded',
  );
  assert.equal(
    administrationSummary(reading(500, 0)),
    'Chart shows 0.5 mg given, 0 mg already recorded; up to 0.5 mg can be recorded',
    'a leading zero, never ".5"',
  );
});

test('the prefill is the recordable amount as plain mg (no thousands commas), exactly', () => {
  assert.equal(amountPrefill(reading(1_250_501, 0)), '1250.501');
  assert.equal(amountPrefill(reading(1_000, 250)), '0.75');
  assert.equal(amountPrefill(reading(1_000, 1_000)), '', 'nothing left: no amount is offered');
  assert.equal(amountPrefill(null), '', 'before the chart is read: none');
});

test('what the nurse typed for this reading stays; a new reading prefills again', () => {
  const r = reading(40_000, 0);
  const key = readingKey(session, 0);
  assert.equal(shownAmount(null, key, r, session), '40');
  const typed = { readingKey: key, text: '30' };
  assert.equal(shownAmount(typed, key, r, session), '30', 'the nurse may record less');
  assert.equal(shownAmount({ readingKey: key, text: '' }, key, r, session), '', 'even nothing');
  const after = reading(40_000, 30_000);
  assert.equal(shownAmount(typed, readingKey(session, 1), after, session), '10', 'after recording');
  assert.equal(shownAmount(typed, readingKey(other, 0), r, other), '', 'not another session’s');
});
