/**
 * When an entry may be dated: never before the entry it depends on. The inventory as of a date
 * folds the standing entries dated before it in the order they were recorded (ledger-as-of.ts),
 * so an entry dated before its cause (a draw before its lot's receipt, or before the lot reached
 * the draw's location by a transfer) would make that inventory impossible to fold
 * (ledger.inventory-inconsistent).
 */
import { err, ok, type Result } from '../result.ts';

/** An entry that brought a lot to a location: its receipt into it or a transfer into it. */
export interface Arrival {
  readonly entryId: string;
  readonly by: 'receipt' | 'transfer';
  /** epoch ms */
  readonly atMs: number;
}

/** Epoch ms of an entry's `occurredAt` (validated as a UTC instant before any effect). */
export const occurredAtMs = (entry: { readonly occurredAt: string }): number =>
  Date.parse(entry.occurredAt);

/** Refuses an entry dated before the entry it depends on (`what` names that entry). */
export function notBefore(
  entry: { readonly occurredAt: string },
  dependencyMs: number,
  what: string,
): Result<true> {
  return occurredAtMs(entry) < dependencyMs
    ? err({
        code: 'ledger.occurred-before-dependency',
        field: 'occurredAt',
        message:
          `occurredAt ${entry.occurredAt} is before ${what} (${new Date(dependencyMs).toISOString()}); ` +
          'check the date and time of this entry.',
      })
    : ok(true);
}

/** The earlier of `known` and `entry` bringing the lot there (a back-dated receipt moves it). */
export const arrivalBy = (
  known: Arrival | undefined,
  entry: { readonly id: string; readonly occurredAt: string },
  by: Arrival['by'],
): Arrival =>
  known !== undefined && known.atMs <= occurredAtMs(entry)
    ? known
    : { entryId: entry.id, by, atMs: occurredAtMs(entry) };

/**
 * Refuses an entry taking containers of `lot` from `location` (or counting them there) dated
 * before the lot first arrived there. With no arrival there is nothing to follow: the balance
 * there is zero at every date, and taking from it is refused as a negative balance.
 */
export function notBeforeArrival(
  entry: { readonly occurredAt: string },
  arrival: Arrival | undefined,
  lot: string,
  location: string,
): Result<true> {
  if (arrival === undefined) return ok(true);
  const how = arrival.by === 'receipt' ? 'its receipt into it' : 'a transfer into it';
  return notBefore(
    entry,
    arrival.atMs,
    `the first arrival of lot ${lot} at location ${location} (entry ${arrival.entryId}, ${how})`,
  );
}
