/**
 * A stock line's sealed containers over time, so that a count is compared with the balance as of
 * its own `occurredAt` (entries dated at or before it, in whatever order they were recorded), not
 * with the balance in recording order. Once a count is recorded, no entry may change that
 * balance any more: an entry moving the line's sealed containers may not be dated before the
 * latest count of the line (it would silently change the number that count expected, and the
 * inventory as of a date after the count would find another discrepancy than the ledger did).
 * Likewise a take may not be dated when, as of then or any later date, fewer were there.
 */
import { err, ok, type Result } from '../result.ts';
import { occurredAtMs } from './ledger-dating.ts';

/**
 * One change of a line's sealed containers, newest first. A persistent list: a node is never
 * changed, so states before and after an entry share it (a write stays O(1) per move).
 */
export interface SealedMove {
  /** epoch ms of the entry that moved them */
  readonly atMs: number;
  readonly delta: number;
  /** Latest `atMs` of this move and every one recorded before it (`sealedAsOf` stops early). */
  readonly latestMs: number;
  readonly prev: SealedMove | undefined;
}

/** The latest-dated count recorded for a line. */
export interface CountMark {
  readonly entryId: string;
  /** epoch ms */
  readonly atMs: number;
}

/** `history` with one more move, by `entry`. */
export const moved = (
  history: SealedMove | undefined,
  entry: { readonly occurredAt: string },
  delta: number,
): SealedMove => {
  const atMs = occurredAtMs(entry);
  return { atMs, delta, latestMs: Math.max(atMs, history?.latestMs ?? atMs), prev: history };
};

/**
 * Sealed containers as of `atMs` (moves dated at or before it): the current number minus the
 * moves dated after it. Walks back only while some earlier move is dated after `atMs`, so a count
 * dated now costs O(1).
 */
export function sealedAsOf(current: number, history: SealedMove | undefined, atMs: number): number {
  let sealed = current;
  for (let m = history; m !== undefined && m.latestMs > atMs; m = m.prev) {
    if (m.atMs > atMs) sealed -= m.delta;
  }
  return sealed;
}

/**
 * The fewest sealed containers there are as of `atMs` or any later instant (the moves dated after
 * it taken in date order). A take dated `atMs` must leave none of those balances negative: the
 * inventory as of any later date folds it, with only the moves dated before that date.
 */
export function fewestFrom(current: number, history: SealedMove | undefined, atMs: number): number {
  const later: SealedMove[] = [];
  for (let m = history; m !== undefined && m.latestMs > atMs; m = m.prev) {
    if (m.atMs > atMs) later.push(m);
  }
  let sealed = later.reduce((n, m) => n - m.delta, current);
  let fewest = sealed;
  later.sort((a, b) => a.atMs - b.atMs);
  for (const [i, m] of later.entries()) {
    sealed += m.delta;
    // Moves at one instant count together: the balance as of an instant has them all.
    if (later[i + 1]?.atMs !== m.atMs) fewest = Math.min(fewest, sealed);
  }
  return fewest;
}

/** The sealed part of a stock line. */
export interface SealedLine {
  readonly sealedContainers: number;
  readonly sealedMoves?: SealedMove;
  readonly lastCount?: CountMark;
}

/**
 * `line` with `delta` sealed containers moved by `entry` (negative: taken), refused when dated
 * before the line's latest count, or when fewer are there than taken as of its date or later.
 */
export function movedLine<L extends SealedLine>(
  line: L,
  delta: number,
  entry: { readonly occurredAt: string },
  where: { readonly lot: string; readonly location: string; readonly field: string },
): Result<L> {
  const { lot, location, field } = where;
  const afterCount = notBeforeCount(entry, line.lastCount, lot, location);
  if (!afterCount.ok) return afterCount;
  const fewest =
    delta < 0 ? fewestFrom(line.sealedContainers, line.sealedMoves, occurredAtMs(entry)) : 0;
  if (fewest + delta < 0) {
    const when = fewest < line.sealedContainers ? ` as of ${entry.occurredAt} or later` : '';
    return err({
      code: 'ledger.balance-negative',
      field,
      message: `Only ${String(fewest)} sealed container(s) of lot ${lot} at ${location}${when}; ${String(-delta)} cannot be taken.`,
    });
  }
  return ok({
    ...line,
    sealedContainers: line.sealedContainers + delta,
    sealedMoves: moved(line.sealedMoves, entry, delta),
  });
}

/** The later of `known` and the count `entry`. */
export const countMarkBy = (
  known: CountMark | undefined,
  entry: { readonly id: string; readonly occurredAt: string },
): CountMark =>
  known !== undefined && known.atMs >= occurredAtMs(entry)
    ? known
    : { entryId: entry.id, atMs: occurredAtMs(entry) };

/** Refuses an entry moving the sealed containers of `lot` at `location` dated before its latest count. */
export function notBeforeCount(
  entry: { readonly occurredAt: string },
  count: CountMark | undefined,
  lot: string,
  location: string,
): Result<true> {
  if (count === undefined || occurredAtMs(entry) >= count.atMs) return ok(true);
  return err({
    code: 'ledger.occurred-before-dependency',
    field: 'occurredAt',
    message:
      `occurredAt ${entry.occurredAt} is before count ${count.entryId} of lot ${lot} at location ` +
      `${location} (${new Date(count.atMs).toISOString()}); an entry that moves sealed containers ` +
      'must follow the last count of its lot there (it would change the number that count ' +
      'expected). Date it at or after the count.',
  });
}
