/**
 * The clinic's ledger state (core's pure fold) as of the chain head, under the clinic's ledger lock.
 * Replaying every entry on each write would cost O(n) database rows; instead the last folded state
 * is kept per database and clinic, keyed by the head's sequence and hash, and only entries after it
 * are read and folded. A head that does not match (another process wrote, or a transaction rolled
 * back) simply falls back to folding from the start.
 */
import { applyEntries, emptyLedger, type LedgerState } from '@ketaflow/core';
import type { Db, Tx } from '../db/client.ts';
import { GENESIS_HASH } from './chain.ts';
import { entriesAfter, hashAt, ledgerHead } from './repository.ts';

interface Folded {
  readonly seq: number;
  readonly hash: string;
  readonly state: LedgerState;
}

const cache = new WeakMap<Db, Map<string, Folded>>();

function cacheOf(db: Db): Map<string, Folded> {
  let clinics = cache.get(db);
  if (clinics === undefined) {
    clinics = new Map();
    cache.set(db, clinics);
  }
  return clinics;
}

/** The head and state of the clinic's ledger. Call with the clinic's ledger lock held. */
export async function currentBook(db: Db, tx: Tx, clinicId: string): Promise<Folded> {
  const head = (await ledgerHead(tx, clinicId)) ?? { seq: 0, hash: GENESIS_HASH };
  const known = cacheOf(db).get(clinicId);
  if (known !== undefined && known.seq === head.seq && known.hash === head.hash) return known;
  let start: Folded = { seq: 0, hash: GENESIS_HASH, state: emptyLedger };
  if (known !== undefined && known.seq < head.seq) {
    // Only a prefix of this very chain may be extended (not one a rolled-back write left behind).
    if ((await hashAt(tx, clinicId, known.seq)) === known.hash) start = known;
  }
  const rows = await entriesAfter(tx, clinicId, start.seq);
  // One O(n) replay of the new rows (core's applyEntries), not one state copy per row.
  const next = applyEntries(
    start.state,
    rows.map((row) => row.entry),
  );
  if (!next.ok) {
    const seq = rows[next.error.index]?.seq;
    throw new Error(
      `ledger entry ${String(seq)} no longer applies (${next.error.code}); run the ledger verifier`,
    );
  }
  const last = rows.at(-1);
  const folded: Folded =
    last === undefined ? start : { seq: last.seq, hash: last.hash, state: next.value };
  cacheOf(db).set(clinicId, folded);
  return folded;
}

/** Remembers the state after a write (checked against the head before it is used again). */
export function rememberBook(db: Db, clinicId: string, folded: Folded): void {
  cacheOf(db).set(clinicId, folded);
}
