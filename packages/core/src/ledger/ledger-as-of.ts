/**
 * The ledger as of an instant (what an inventory of that date folds): the standing entries dated
 * before it, in the order they were recorded. A correction takes effect at the date of the entry
 * it reverses, not at its own: it says that entry was entered in error, so what it recorded never
 * physically happened, and an inventory of any date, taken from the records as corrected, must
 * not show it. The corrected entry is left out of every date, whenever the correction was dated.
 *
 * Why this and not a correction effective from its own date (with a dating rule refusing entries
 * dated before a correction they rely on): the book already reverses an entry for all time (a
 * correction replays the ledger without it, so every as-of balance and every count's expected
 * number is computed without it). An inventory folding the corrected entry until the correction's
 * date disagreed with the book: an entry recorded after the correction and dated before it (a
 * draw of the container a reversed draw never took) made that inventory negative or refused. A
 * dating rule would instead make the nurse date that draw later than it happened.
 *
 * Why every inventory folds: after every write the book is the fold of the standing entries in
 * recording order (each correction replays them), and each was accepted by the dating rules at
 * its place in that fold (ledger-dating.ts, sealed-history.ts). So the standing entries are a
 * correction-free ledger the rules accepted, and any date's inventory is that ledger cut at the
 * date, which those rules keep foldable, with each count expecting what the ledger found.
 */
import { err, type Result } from '../result.ts';
import type { LedgerEntry } from './ledger-entry.ts';
import { occurredAtMs } from './ledger-dating.ts';
import {
  applyEntries,
  emptyLedger,
  type LedgerReplayError,
  type LedgerState,
} from './ledger-state.ts';

/**
 * The state as of `beforeMs` (epoch ms, exclusive): the fold of the entries of `entries` (a whole
 * ledger in recording order) dated before it that no correction in `entries` reverses. Corrections
 * themselves are left out, so the state's `entries` are the standing ones and `corrected` is
 * empty. A refusal (a ledger whose dating rules were bypassed) names the entry's index in
 * `entries` and is prefixed `entries[i].` like `applyEntries`.
 */
export function ledgerAsOf(
  entries: readonly LedgerEntry[],
  beforeMs: number,
): Result<LedgerState, LedgerReplayError> {
  const reversed = new Set(
    entries.flatMap((e) => (e.type === 'correction' ? [e.correctsEntryId] : [])),
  );
  const indices: number[] = [];
  const kept: LedgerEntry[] = [];
  for (const [i, e] of entries.entries()) {
    if (e.type === 'correction' || reversed.has(e.id) || occurredAtMs(e) >= beforeMs) continue;
    indices.push(i);
    kept.push(e);
  }
  const folded = applyEntries(emptyLedger, kept);
  if (folded.ok) return folded;
  const index = indices[folded.error.index] ?? -1;
  const field = (folded.error.field ?? '').replace(/^entries\[\d+\]\./, '');
  return err({ ...folded.error, index, field: `entries[${String(index)}].${field}` });
}
