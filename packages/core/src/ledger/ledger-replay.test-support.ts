/* eslint-disable no-restricted-imports -- test support, run only by node:test; core itself imports nothing */
/**
 * Replaying ledger entries in tests: `run` applies a batch that must be accepted; `refuse` checks
 * that both the one-entry step and the batch replay refuse an entry with the same code, naming the
 * same field (the batch prefixes it with its position), and returns the message.
 */
import assert from 'node:assert/strict';
import type { LedgerEntry } from './ledger-entry.ts';
import { applyEntries, applyEntry, emptyLedger, type LedgerState } from './ledger-state.ts';

export function run(entries: LedgerEntry[], from: LedgerState = emptyLedger): LedgerState {
  const r = applyEntries(from, entries);
  assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
  return r.value;
}

export function refuse(
  state: LedgerState,
  entry: LedgerEntry,
  code: string,
  field: string,
): string {
  const one = applyEntry(state, entry);
  assert.ok(!one.ok, `applyEntry: expected ${code}`);
  assert.equal(one.error.code, code);
  assert.equal(one.error.field, field);
  const batch = applyEntries(state, [entry]);
  assert.ok(!batch.ok, `applyEntries: expected ${code}`);
  assert.equal(batch.error.code, code);
  assert.equal(batch.error.field, `entries[0].${field}`);
  return one.error.message;
}
