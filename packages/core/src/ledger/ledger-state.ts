/**
 * The controlled-substance ledger as a pure fold: `applyEntry(state, entry)` returns the next
 * state or an error, and never a state with a negative balance. Stock is kept per lot and
 * location in exact integers (sealed containers; µg). A drawn container is tracked until it is
 * empty (administered + wasted = drawn) or returned untouched. Corrections reverse an earlier
 * entry by replaying the ledger without it, for all time (an inventory of any date leaves the
 * entry out too: ledger-as-of.ts), so a correction that would make any later entry impossible is
 * refused. A count discrepancy is an incident the DEA may ask about: a count cannot be corrected,
 * and no correction may make a recorded discrepancy vanish, change or appear (a wrong count is
 * answered by a new count and the discrepancy's resolution note). Hash chaining of the entries is
 * the server's job (see canonical-json.ts).
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
import { notBefore } from './ledger-dating.ts';

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
  if (target.type === 'count')
    return fail(
      'count-not-correctable',
      'correctsEntryId',
      'A count cannot be corrected: it records what was found. Record a new count, and explain ' +
        "the wrong one in its discrepancy's resolution note.",
    );
  if (corrected.has(target.id))
    return fail('already-corrected', 'correctsEntryId', `Entry ${target.id} is already corrected.`);
  const witnessed = reversalWitnessed(entry, target);
  if (!witnessed.ok) return witnessed;
  const after = notBefore(entry, Date.parse(target.occurredAt), `the entry it corrects`);
  return after.ok ? ok(target) : after;
}

/** Witnesses a reversal needs: as many as the reversed entry had (waste 1, destruction 2). */
const WITNESSES_TO_REVERSE: Partial<Record<LedgerEntry['type'], number>> = {
  waste: 1,
  destroy: 2,
};

/** A witnessed entry is reversed only with as many witnesses, all different and not the recorder. */
function reversalWitnessed(
  entry: Extract<LedgerEntry, { type: 'correction' }>,
  target: LedgerEntry,
): Result<true> {
  const needed = WITNESSES_TO_REVERSE[target.type] ?? 0;
  const witnesses = entry.witnessIds ?? [];
  if (witnesses.includes(entry.userId))
    return fail('self-witness', 'witnessIds', 'You cannot witness your own correction.');
  if (new Set(witnesses).size !== witnesses.length)
    return fail('same-witness', 'witnessIds', 'Each witness must be a different user.');
  if (witnesses.length < needed)
    return fail(
      'correction-needs-witness',
      'witnessIds',
      `Reversing a ${target.type} needs ${String(needed)} witness(es) other than you, as the ${target.type} itself had.`,
    );
  return ok(true);
}

/**
 * The count discrepancy of `before` that the replayed book lost or changed, or one it found where
 * `before` had none, if any. Only the resolution that is itself being corrected may go (the
 * discrepancy is then open again).
 */
function erasedDiscrepancy(
  before: BookView,
  after: Book,
  target: LedgerEntry,
): Discrepancy | undefined {
  for (const d of before.discrepancies.values()) {
    const now = after.discrepancies.get(d.countEntryId);
    const keepsResolution =
      d.resolution === undefined ||
      d.resolution.entryId === target.id ||
      now?.resolution?.entryId === d.resolution.entryId;
    if (
      now === undefined ||
      now.expectedContainers !== d.expectedContainers ||
      now.countedContainers !== d.countedContainers ||
      !keepsResolution
    ) {
      return d;
    }
  }
  // A count that matched must keep matching: the correction would change what it expected.
  for (const d of after.discrepancies.values())
    if (!before.discrepancies.has(d.countEntryId)) return d;
  return undefined;
}

/**
 * The book with `corrected` reversed, or `correction-conflicts` when a later entry no longer
 * applies or a recorded count discrepancy of `before` would vanish or change.
 */
function replayCorrected(
  entries: readonly LedgerEntry[],
  corrected: ReadonlySet<string>,
  target: LedgerEntry,
  before: BookView,
): Result<Book> {
  const replayed = replay(entries, corrected);
  if (!replayed.ok) {
    const cause: CoreError = replayed.error;
    return fail(
      'correction-conflicts',
      'correctsEntryId',
      `Reversing ${target.id} would make a later entry impossible (${cause.message}); correct that entry first.`,
    );
  }
  const erased = erasedDiscrepancy(before, replayed.value, target);
  if (erased !== undefined) {
    return fail(
      'correction-conflicts',
      'correctsEntryId',
      `Reversing ${target.id} would change the number count ${erased.countEntryId} expected, ` +
        'and so its discrepancy, ' +
        'and a recorded discrepancy stays on the ledger; record a new count and explain in the ' +
        "discrepancy's resolution note instead.",
    );
  }
  return replayed;
}

const duplicate = (id: string): Result<never> =>
  fail('duplicate-entry-id', 'id', `An entry with id ${id} is already on the ledger.`);

/**
 * Applies one entry to a persistent state (the argument is never changed). Errors (all `ledger.*`):
 * `invalid-field`, `duplicate-entry-id`, `balance-negative`, `self-witness`, `same-witness`,
 * `vial-closed`, `vial-opened`, `unknown-vial`, `duplicate-vial`, `unknown-lot`, `lot-conflict`,
 * `lot-expired`, `session-mismatch`, `inexact-quantity`, `unknown-discrepancy`, `already-resolved`,
 * `resolution-not-applicable`, `unknown-entry`, `already-corrected`, `cannot-correct-correction`,
 * `count-not-correctable`, `correction-needs-witness`, `correction-conflicts`,
 * `occurred-before-dependency`. Costs O(size of the ledger) per call (it copies the state); to replay
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
    const replayed = replayCorrected(state.entries, corrected, target.value, state);
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
    const replayed = replayCorrected(all, corrected, target.value, book);
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
