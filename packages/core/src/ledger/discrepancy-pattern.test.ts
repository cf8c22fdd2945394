import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEntries, emptyLedger, type LedgerState } from './ledger-state.ts';
import type { LedgerEntry } from './ledger-entry.ts';
import { defaultDiscrepancyEscalationRule, discrepancyPattern } from './discrepancy-pattern.ts';

const receive: LedgerEntry = {
  type: 'receive',
  id: 'r1',
  occurredAt: '2026-10-01T09:00:00Z',
  userId: 'pharm-1',
  ndc: '00000-0000-01',
  lot: 'L1',
  expiry: '2027-06-30',
  strengthUgPerMl: 50_000,
  containerVolumeUl: 10_000,
  containers: 10,
  supplier: { name: 'Example Wholesale', deaNumber: 'RX0000000' },
  orderReference: 'PO-1',
  location: 'safe-a',
};
const miscount = (id: string, occurredAt: string): LedgerEntry => ({
  type: 'count',
  id,
  occurredAt,
  userId: 'nurse-a',
  ndc: '00000-0000-01',
  lot: 'L1',
  location: 'safe-a',
  countedContainers: 9,
});

function ledger(entries: LedgerEntry[]): LedgerState {
  const r = applyEntries(emptyLedger, entries);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

test('default rule is the T-45 Ketaflow target: 3 discrepancies in 30 days', () => {
  assert.equal(defaultDiscrepancyEscalationRule.minDiscrepancies, 3);
  assert.equal(defaultDiscrepancyEscalationRule.windowDays, 30);
});

test('three discrepancies within 30 days escalate; the same three spread over more than 30 days do not', () => {
  const close = ledger([
    receive,
    miscount('c1', '2026-11-01T17:00:00Z'),
    miscount('c2', '2026-11-10T17:00:00Z'),
    miscount('c3', '2026-11-25T17:00:00Z'),
  ]);
  const r = discrepancyPattern(close, '2026-11-25T18:00:00Z');
  assert.ok(r.ok);
  assert.equal(r.value.escalate, true);
  assert.deepEqual(
    r.value.inWindow.map((d) => d.countEntryId),
    ['c1', 'c2', 'c3'],
  );
  const spread = ledger([
    receive,
    miscount('c1', '2026-10-20T17:00:00Z'),
    miscount('c2', '2026-11-10T17:00:00Z'),
    miscount('c3', '2026-11-25T17:00:00Z'),
  ]);
  const s = discrepancyPattern(spread, '2026-11-25T18:00:00Z');
  assert.ok(s.ok);
  assert.equal(s.value.escalate, false);
  assert.equal(s.value.inWindow.length, 2);
});

test('a count cannot be corrected away, so it still counts; other locations are filtered out on request; bad asOf refused', () => {
  const entries: LedgerEntry[] = [
    receive,
    miscount('c1', '2026-11-01T17:00:00Z'),
    miscount('c2', '2026-11-10T17:00:00Z'),
    miscount('c3', '2026-11-25T17:00:00Z'),
  ];
  const refused = applyEntries(emptyLedger, [
    ...entries,
    {
      type: 'correction',
      id: 'x1',
      occurredAt: '2026-11-25T17:30:00Z',
      userId: 'pharm-1',
      correctsEntryId: 'c2',
      reason: 'Recorded against the wrong lot.',
    },
  ]);
  assert.ok(!refused.ok, 'a count correction is refused');
  assert.equal(refused.error.code, 'ledger.count-not-correctable');
  const l = ledger(entries);
  const r = discrepancyPattern(l, '2026-11-25T18:00:00Z');
  assert.ok(r.ok);
  assert.equal(r.value.escalate, true);
  const other = discrepancyPattern(
    l,
    '2026-11-25T18:00:00Z',
    defaultDiscrepancyEscalationRule,
    'safe-b',
  );
  assert.ok(other.ok);
  assert.equal(other.value.inWindow.length, 0);
  assert.equal(discrepancyPattern(l, 'yesterday').ok, false);
});
