import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consentCurrencyOf } from './currency.ts';
import type { ConsentRecordRow } from './repository.ts';

const record = (id: string, textVersion: number): ConsentRecordRow => ({
  id,
  clinicId: 'c',
  patientId: 'p',
  consentTextId: `t${String(textVersion)}`,
  textVersion,
  attestedName: 'Test Person',
  attestedAt: new Date('2026-01-01T10:00:00Z'),
  witnessUserId: 'w',
  consentDate: '2026-01-01',
  requestHash: 'h',
  recordedBy: 'u',
  recordedAt: new Date('2026-01-01T10:00:00Z'),
});

test('no record: not current', () => {
  const c = consentCurrencyOf([], new Set(), 1);
  assert.equal(c.current, false);
  assert.match(c.reason ?? '', /No consent/);
});

test('a record for the latest text, not revoked: current', () => {
  const c = consentCurrencyOf([record('a', 2)], new Set(), 2);
  assert.deepEqual(c, { current: true, reason: null, consentRecordId: 'a', latestTextVersion: 2 });
});

test('a record for an older text only: not current, names the version needed', () => {
  const c = consentCurrencyOf([record('a', 1)], new Set(), 2);
  assert.equal(c.current, false);
  assert.match(c.reason ?? '', /version 2/);
});

test('revoked: not current, unless another unrevoked record for the latest text exists', () => {
  assert.equal(consentCurrencyOf([record('a', 2)], new Set(['a']), 2).current, false);
  const again = consentCurrencyOf([record('b', 2), record('a', 2)], new Set(['a']), 2);
  assert.equal(again.current, true);
  assert.equal(again.consentRecordId, 'b');
});
