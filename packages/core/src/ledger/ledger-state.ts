/**
 * The controlled-substance ledger as a pure fold: `applyEntry(state, entry)` returns the next
 * state or an error, and never a state with a negative balance. Stock is kept per lot and
 * location in exact integers (sealed containers; µg). A drawn container is tracked until it is
 * empty (administered + wasted = drawn) or returned untouched. Corrections reverse an earlier
 * entry by replaying the ledger without it, so a correction that would make any later entry
 * impossible is refused. Hash chaining of the entries is the server's job (see canonical-json.ts).
 * `applyEntry` is the persistent one-entry step (a write); `applyEntries` replays many in O(n).
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

/** The entry a correction reverses, if the correction is allowed (`find` looks an entry up by id). */
function correctionTarget(
  entry: Extract<LedgerEntry, { type: 'correction' }>,
  find: (id: string) => LedgerEntry | undefined,
  corrected: ReadonlySet<string>,
): Result<LedgerEntry> {
  const target = find(entry.correctsEntryId);
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
  if (corrected.has(target.id))
    return fail('already-corrected', 'correctsEntryId', `Entry ${target.id} is already corrected.`);
  return ok(target);
}

/** The book with `corrected` reversed, or `correction-conflicts` when a later entry no longer applies. */
function replayCorrected(
  entries: readonly LedgerEntry[],
  corrected: ReadonlySet<string>,
  targetId: string,
): Result<Book> {
  const replayed = replay(entries, corrected);
  if (replayed.ok) return replayed;
  const cause: CoreError = replayed.error;
  return fail(
    'correction-conflicts',
    'correctsEntryId',
    `Reversing ${targetId} would make a later entry impossible (${cause.message}); correct that entry first.`,
  );
}

const duplicate = (id: string): Result<never> =>
  fail('duplicate-entry-id', 'id', `An entry with id ${id} is already on the ledger.`);

/**
 * Applies one entry to a persistent state (the argument is never changed). Errors (all `ledger.*`):
 * `invalid-field`, `duplicate-entry-id`, `balance-negative`, `self-witness`, `same-witness`,
 * `vial-closed`, `vial-opened`, `unknown-vial`, `duplicate-vial`, `unknown-lot`, `lot-conflict`,
 * `lot-expired`, `session-mismatch`, `inexact-quantity`, `unknown-discrepancy`, `already-resolved`,
 * `resolution-not-applicable`, `unknown-entry`, `already-corrected`, `cannot-correct-correction`,
 * `correction-conflicts`. Costs O(size of the ledger) per call (it copies the state); to replay
 * many entries use `applyEntries`, which copies once. This is also the reference the fast replay
 * is property-tested against.
 */
export function applyEntry(state: LedgerState, entry: LedgerEntry): Result<LedgerState> {
  const valid = validateEntry(entry);
  if (!valid.ok) return valid;
  if (state.entries.some((e) => e.id === entry.id)) return duplicate(entry.id);
  let book: Book;
  let corrected = state.corrected;
  if (entry.type === 'correction') {
    const target = correctionTarget(
      entry,
      (id) => state.entries.find((e) => e.id === id),
      state.corrected,
    );
    if (!target.ok) return target;
    corrected = new Set([...state.corrected, target.value.id]);
    const replayed = replayCorrected(state.entries, corrected, target.value.id);
    if (!replayed.ok) return replayed;
    book = replayed.value;
  } else {
    book = cloneBook(state);
    const r = applyEffect(book, entry);
    if (!r.ok) return r;
  }
  return ok({ ...book, entries: [...state.entries, entry], corrected });
}

/** A refused entry of a replay: core's error, with the index of the entry in the batch. */
export interface LedgerReplayError extends CoreError {
  readonly index: number;
}

/**
 * Applies entries in order, stopping at the first error (reported with its index; the argument is
 * never changed). One working copy is made and every entry is applied to it in place, so replaying
 * n entries costs O(n) (plus one O(n) replay per correction), where folding `applyEntry` costs
 * O(n²) (safety-security.md T-47: reports over ≥ 50,000 entries).
 */
export function applyEntries(
  state: LedgerState,
  entries: readonly LedgerEntry[],
): Result<LedgerState, LedgerReplayError> {
  let book: Book = cloneBook(state);
  const all = [...state.entries];
  const byId = new Map(all.map((e) => [e.id, e]));
  const corrected = new Set(state.corrected);
  for (const [i, entry] of entries.entries()) {
    const applied = applyInPlace(entry);
    if (!applied.ok) {
      return err({
        ...applied.error,
        field: `entries[${i}].${applied.error.field ?? ''}`,
        index: i,
      });
    }
    all.push(entry);
    byId.set(entry.id, entry);
  }
  return ok({ ...book, entries: all, corrected });

  function applyInPlace(entry: LedgerEntry): Result<unknown> {
    const valid = validateEntry(entry);
    if (!valid.ok) return valid;
    if (byId.has(entry.id)) return duplicate(entry.id);
    if (entry.type !== 'correction') return applyEffect(book, entry);
    const target = correctionTarget(entry, (id) => byId.get(id), corrected);
    if (!target.ok) return target;
    corrected.add(target.value.id);
    const replayed = replayCorrected(all, corrected, target.value.id);
    if (!replayed.ok) return replayed;
    book = replayed.value;
    return replayed;
  }
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
