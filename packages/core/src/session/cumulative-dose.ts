/**
 * Cumulative administered ketamine from the charted pump events (start, pause, resume, rate
 * change, stop): the integral of the programmed rate over the time it ran. Exact integer
 * arithmetic in micrograms and milliseconds, rounded up to the whole microgram, so the charted
 * total never under-reports (safety-security.md T-36). Events must come in time order: a rate
 * change can never be back-dated. `wouldExceedCap` projects a proposed event to its planned stop
 * against the session and daily hard totals.
 */
import { err, ok, type Result } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';

export type InfusionEvent =
  | { readonly type: 'start'; readonly atMs: number; readonly rateMgPerH: number }
  | { readonly type: 'rate-change'; readonly atMs: number; readonly rateMgPerH: number }
  | { readonly type: 'pause'; readonly atMs: number }
  | { readonly type: 'resume'; readonly atMs: number }
  | { readonly type: 'stop'; readonly atMs: number };

export type InfusionStatus = 'not-started' | 'running' | 'paused' | 'stopped';

export interface AdministeredDose {
  /** Administered so far, whole micrograms, rounded up. */
  readonly administeredUg: number;
  readonly status: InfusionStatus;
  /** Programmed rate, µg/h (0 before the start); kept while paused, applied again on resume. */
  readonly rateUgPerH: number;
  /** Time the pump actually ran, ms. */
  readonly runningMs: number;
  readonly asOfMs: number;
}

/** Hard cumulative totals from the protocol (mg; at most 3 decimals). */
export interface DoseCaps {
  readonly sessionMaxMg: number;
  readonly dailyMaxMg: number;
  readonly source: KnowledgeRef;
}

export interface CapProjection {
  readonly exceeds: boolean;
  /** Which cap the projection breaks, or would reach first. */
  readonly limitingCap: 'session' | 'daily' | null;
  readonly projectedSessionUg: number;
  readonly projectedDayUg: number;
  readonly sessionMaxUg: number;
  readonly dailyMaxUg: number;
  /** When running at the proposed rate, the last instant (ms) at which both caps still hold. */
  readonly capReachedAtMs: number | null;
  readonly source: KnowledgeRef;
}

const MS_PER_H = 3_600_000;

/** Converts mg (or mg/h) with at most 3 decimals to whole µg; float noise below 1e-6 µg is tolerated. */
export function toMicro(valueMg: number, field: string): Result<number> {
  const scaled = valueMg * 1000;
  const rounded = Math.round(scaled);
  if (
    !Number.isFinite(valueMg) ||
    valueMg <= 0 ||
    Math.abs(scaled - rounded) > 1e-6 ||
    !Number.isSafeInteger(rounded)
  ) {
    return err({
      code: 'charting.invalid-amount',
      field,
      message: `${field} must be greater than 0 with at most 3 decimals (got ${valueMg}).`,
    });
  }
  return ok(rounded);
}

interface Fold {
  readonly status: InfusionStatus;
  readonly rateUgPerH: number;
  /** Exact integral so far in µg·ms/h (divide by 3 600 000 for µg). */
  readonly ugMsPerH: number;
  readonly runningMs: number;
  readonly lastMs: number;
}

const outOfOrder = (i: number, type: string, status: InfusionStatus): Result<never> =>
  err({
    code: 'charting.event-out-of-order',
    field: `events[${i}].type`,
    message: `"${type}" is not possible while the infusion is ${status}.`,
  });

function accrue(fold: Fold, untilMs: number, field: string): Result<Fold> {
  if (!Number.isSafeInteger(untilMs) || untilMs < 0) {
    return err({
      code: 'charting.invalid-time',
      field,
      message: `${field} must be whole epoch milliseconds.`,
    });
  }
  if (untilMs < fold.lastMs) {
    return err({
      code: 'charting.back-dated-event',
      field,
      message: `${field} is earlier than the previous pump event; record the change at the time it is made.`,
    });
  }
  if (fold.status !== 'running') return ok({ ...fold, lastMs: untilMs });
  const span = untilMs - fold.lastMs;
  const ugMsPerH = fold.ugMsPerH + fold.rateUgPerH * span;
  if (!Number.isSafeInteger(ugMsPerH)) {
    return err({
      code: 'charting.overflow',
      field,
      message: 'The infusion record is too long to total exactly.',
    });
  }
  return ok({ ...fold, ugMsPerH, runningMs: fold.runningMs + span, lastMs: untilMs });
}

function fold(events: readonly InfusionEvent[], asOfMs: number): Result<Fold> {
  let state: Fold = { status: 'not-started', rateUgPerH: 0, ugMsPerH: 0, runningMs: 0, lastMs: 0 };
  for (const [i, event] of events.entries()) {
    const accrued = accrue(state, event.atMs, `events[${i}].atMs`);
    if (!accrued.ok) return accrued;
    state = accrued.value;
    switch (event.type) {
      case 'start':
      case 'rate-change': {
        if (event.type === 'start' ? state.status !== 'not-started' : state.status !== 'running') {
          return outOfOrder(i, event.type, state.status);
        }
        const rate = toMicro(event.rateMgPerH, `events[${i}].rateMgPerH`);
        if (!rate.ok) return rate;
        state = { ...state, status: 'running', rateUgPerH: rate.value };
        break;
      }
      case 'pause':
        if (state.status !== 'running') return outOfOrder(i, event.type, state.status);
        state = { ...state, status: 'paused' };
        break;
      case 'resume':
        if (state.status !== 'paused') return outOfOrder(i, event.type, state.status);
        state = { ...state, status: 'running' };
        break;
      case 'stop':
        if (state.status !== 'running' && state.status !== 'paused')
          return outOfOrder(i, event.type, state.status);
        state = { ...state, status: 'stopped' };
        break;
    }
  }
  return accrue(state, asOfMs, 'asOfMs');
}

/** Whole micrograms from the exact integral, rounded up (never under-reports). */
const ceilUg = (ugMsPerH: number): number => {
  const rest = ugMsPerH % MS_PER_H;
  return (ugMsPerH - rest) / MS_PER_H + (rest > 0 ? 1 : 0);
};

/**
 * Administered dose from the pump events up to `asOfMs` (epoch ms, not before the last event).
 * Rates are mg/h with at most 3 decimals; errors name the offending event.
 */
export function administeredDose(
  events: readonly InfusionEvent[],
  asOfMs: number,
): Result<AdministeredDose> {
  const folded = fold(events, asOfMs);
  if (!folded.ok) return folded;
  const f = folded.value;
  return ok({
    administeredUg: ceilUg(f.ugMsPerH),
    status: f.status,
    rateUgPerH: f.rateUgPerH,
    runningMs: f.runningMs,
    asOfMs,
  });
}

/**
 * Would recording `next` (a start, rate change or resume, then running until `plannedStopAtMs`)
 * break the session or daily hard total? `earlierTodayUg` is what the patient already received
 * today in other sessions. The caller must refuse the event when `exceeds` is true, and stop at
 * `plannedStopAtMs` (or at `capReachedAtMs`, whichever comes first): then no sequence of events
 * can exceed either cap.
 */
export function wouldExceedCap(input: {
  readonly events: readonly InfusionEvent[];
  readonly next: InfusionEvent;
  readonly plannedStopAtMs: number;
  readonly earlierTodayUg: number;
  readonly caps: DoseCaps;
}): Result<CapProjection> {
  const { events, next, plannedStopAtMs, earlierTodayUg, caps } = input;
  const sessionMax = toMicro(caps.sessionMaxMg, 'caps.sessionMaxMg');
  if (!sessionMax.ok) return sessionMax;
  const dailyMax = toMicro(caps.dailyMaxMg, 'caps.dailyMaxMg');
  if (!dailyMax.ok) return dailyMax;
  if (!Number.isSafeInteger(earlierTodayUg) || earlierTodayUg < 0) {
    return err({
      code: 'charting.invalid-amount',
      field: 'earlierTodayUg',
      message: 'earlierTodayUg must be whole micrograms, 0 or more.',
    });
  }
  const now = fold([...events, next], next.atMs);
  if (!now.ok) return now;
  const until = now.value.status === 'running' ? plannedStopAtMs : next.atMs;
  const projected = accrue(now.value, until, 'plannedStopAtMs');
  if (!projected.ok) return projected;
  const projectedSessionUg = ceilUg(projected.value.ugMsPerH);
  const projectedDayUg = earlierTodayUg + projectedSessionUg;
  const sessionRoomUg = sessionMax.value;
  const dailyRoomUg = dailyMax.value - earlierTodayUg;
  const limitingCap = sessionRoomUg <= dailyRoomUg ? 'session' : 'daily';
  const roomUg = Math.min(sessionRoomUg, dailyRoomUg);
  let capReachedAtMs: number | null = null;
  if (now.value.status === 'running') {
    // Largest t with ceil((integral + rate·t) / 3 600 000) ≤ room.
    const spare = roomUg * MS_PER_H - now.value.ugMsPerH;
    capReachedAtMs = spare < 0 ? next.atMs : next.atMs + Math.floor(spare / now.value.rateUgPerH);
  }
  const exceeds = projectedSessionUg > sessionMax.value || projectedDayUg > dailyMax.value;
  return ok({
    exceeds,
    limitingCap: exceeds
      ? projectedSessionUg > sessionMax.value
        ? 'session'
        : 'daily'
      : limitingCap,
    projectedSessionUg,
    projectedDayUg,
    sessionMaxUg: sessionMax.value,
    dailyMaxUg: dailyMax.value,
    capReachedAtMs,
    source: caps.source,
  });
}
