/**
 * The controlled-substance ledger as a pure fold: `applyEntry(state, entry)` returns the next
 * state or an error, and never a state with a negative balance. Stock is kept per lot and
 * location in exact integers (sealed containers; µg). A drawn container is tracked until it is
 * empty (administered + wasted = drawn) or returned untouched. Corrections reverse an earlier
 * entry by replaying the ledger without it, so a correction that would make any later entry
 * impossible is refused. Hash chaining of the entries is the server's job (see canonical-json.ts).
 */
import { err, ok, type CoreError, type Result } from '../result.ts';
import { validateEntry, type LedgerEntry } from './ledger-entry.ts';
import {
  applyEffect,
  cloneBook,
  lotKey,
  stockKey,
  type Book,
  type BookView,
  type Discrepancy,
} from './ledger-book.ts';

export interface LedgerState extends BookView {
  /** Every accepted entry, in order, including corrections (what the server hash-chains). */
  readonly entries: readonly LedgerEntry[];
  /** Ids of entries reversed by a correction. */
  readonly corrected: ReadonlySet<string>;
}

export const emptyLedger: LedgerState = {
  lots: new Map(),
  stock: new Map(),
  vials: new Map(),
  discrepancies: new Map(),
  entries: [],
  corrected: new Set(),
};

const fail = (code: string, field: string, message: string): Result<never> =>
  err({ code: `ledger.${code}`, field, message });

function replay(entries: readonly LedgerEntry[], skip: ReadonlySet<string>): Result<Book> {
  const book: Book = cloneBook(emptyLedger);
  for (const entry of entries) {
    if (entry.type === 'correction' || skip.has(entry.id)) continue;
    const r = applyEffect(book, entry);
    if (!r.ok) return r;
  }
  return ok(book);
}

/**
 * Applies one entry. Errors (all `ledger.*`): `invalid-field`, `duplicate-entry-id`,
 * `balance-negative`, `self-witness`, `same-witness`, `vial-closed`, `vial-opened`,
 * `unknown-vial`, `duplicate-vial`, `unknown-lot`, `lot-conflict`, `lot-expired`,
 * `session-mismatch`, `inexact-quantity`, `unknown-discrepancy`, `already-resolved`,
 * `resolution-not-applicable`, `unknown-entry`, `already-corrected`, `cannot-correct-correction`,
 * `correction-conflicts`. On error the state is unchanged (a new state is only returned on success).
 */
export function applyEntry(state: LedgerState, entry: LedgerEntry): Result<LedgerState> {
  const valid = validateEntry(entry);
  if (!valid.ok) return valid;
  if (state.entries.some((e) => e.id === entry.id)) {
    return fail(
      'duplicate-entry-id',
      'id',
      `An entry with id ${entry.id} is already on the ledger.`,
    );
  }
  let book: Book;
  let corrected = state.corrected;
  if (entry.type === 'correction') {
    const target = state.entries.find((e) => e.id === entry.correctsEntryId);
    if (target === undefined)
      return fail(
        'unknown-entry',
        'correctsEntryId',
        `No entry ${entry.correctsEntryId} to correct.`,
      );
    if (target.type === 'correction')
      return fail(
        'cannot-correct-correction',
        'correctsEntryId',
        'A correction cannot be corrected; record the entry again instead.',
      );
    if (state.corrected.has(target.id))
      return fail(
        'already-corrected',
        'correctsEntryId',
        `Entry ${target.id} is already corrected.`,
      );
    corrected = new Set([...state.corrected, target.id]);
    const replayed = replay(state.entries, corrected);
    if (!replayed.ok) {
      const cause: CoreError = replayed.error;
      return fail(
        'correction-conflicts',
        'correctsEntryId',
        `Reversing ${target.id} would make a later entry impossible (${cause.message}); correct that entry first.`,
      );
    }
    book = replayed.value;
  } else {
    book = cloneBook(state);
    const r = applyEffect(book, entry);
    if (!r.ok) return r;
  }
  return ok({ ...book, entries: [...state.entries, entry], corrected });
}

/** Applies entries in order, stopping at the first error (reported with its index). */
export function applyEntries(
  state: LedgerState,
  entries: readonly LedgerEntry[],
): Result<LedgerState> {
  let current = state;
  for (const [i, entry] of entries.entries()) {
    const r = applyEntry(current, entry);
    if (!r.ok) return err({ ...r.error, field: `entries[${i}].${r.error.field ?? ''}` });
    current = r.value;
  }
  return ok(current);
}

/** Drug on hand for one lot at one location, µg: sealed containers plus what is left in open ones. */
export function onHandUg(state: LedgerState, ndc: string, lot: string, location: string): number {
  const info = state.lots.get(lotKey(ndc, lot));
  if (info === undefined) return 0;
  const sealed =
    (state.stock.get(stockKey(ndc, lot, location))?.sealedContainers ?? 0) * info.containerUg;
  let open = 0;
  for (const v of state.vials.values()) {
    if (v.status === 'open' && v.ndc === ndc && v.lot === lot && v.location === location) {
      open += v.drawnUg - v.administeredUg - v.wastedUg;
    }
  }
  return sealed + open;
}

/** Count discrepancies still waiting for a resolution note. */
export const openDiscrepancies = (state: LedgerState): readonly Discrepancy[] =>
  [...state.discrepancies.values()].filter((d) => d.resolution === undefined);
