/**
 * How long a scheduled session holds its chair and its patient: the ordered infusion plus the
 * protocol's minimum observation after it (discharge.minObservationMin), as a half-open interval.
 * Two sessions of one chair, or of one patient, must not overlap (no double booking, ASVS V2 2.3.4
 * business-logic limits). Sessions that touch end to start do not overlap.
 */
import { err, ok, type Result } from '../result.ts';
import type { ObservationRule } from './observation.ts';

const MS_PER_MIN = 60_000;

/** [startMs, endMs) in epoch milliseconds. */
export interface Occupancy {
  readonly startMs: number;
  readonly endMs: number;
}

/** The planned occupancy of a session starting at `startMs` with an infusion of `durationMin` minutes. */
export function plannedOccupancy(
  startMs: number,
  durationMin: number,
  rule: ObservationRule,
): Result<Occupancy> {
  if (!Number.isSafeInteger(startMs)) {
    return err({
      code: 'session.invalid-time',
      field: 'startMs',
      message: 'startMs must be whole epoch milliseconds.',
    });
  }
  for (const [field, minutes] of [
    ['durationMin', durationMin],
    ['rule.minObservationMin', rule.minObservationMin],
  ] as const) {
    if (!Number.isInteger(minutes) || minutes < 0) {
      return err({
        code: 'session.invalid-duration',
        field,
        message: `${field} must be whole minutes, 0 or more.`,
      });
    }
  }
  return ok({ startMs, endMs: startMs + (durationMin + rule.minObservationMin) * MS_PER_MIN });
}

/** True when the two intervals share an instant (half-open: end-to-start contact is no overlap). */
export const overlaps = (a: Occupancy, b: Occupancy): boolean =>
  a.startMs < b.endMs && b.startMs < a.endMs;

/**
 * The longest occupancy any of `protocols` can plan, in minutes (orders never exceed their
 * protocol's session duration): how far before a new session an overlapping one can start.
 */
export function longestOccupancyMin(
  protocols: readonly {
    readonly sessionDurationMin: number;
    readonly discharge: { readonly minObservationMin: number };
  }[],
): number {
  return protocols.reduce(
    (longest, p) => Math.max(longest, p.sessionDurationMin + p.discharge.minObservationMin),
    0,
  );
}
