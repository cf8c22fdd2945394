/**
 * Minimum observation after the infusion ends, the time half of a protocol's discharge rule (e.g.
 * "at least 60 min observation after the infusion ends", SCIRP [P13] in clinical.md 3.1). The
 * infusion ends when the pump last stopped delivering: a pause that was never resumed counts from
 * the pause, not from the later stop, because no drug ran in between.
 */
import { err, ok, type Result } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import { administeredDose, type InfusionEvent } from './cumulative-dose.ts';

const MS_PER_MIN = 60_000;

/** The protocol's minimum observation, whole minutes ≥ 0, with the knowledge file it comes from. */
export interface ObservationRule {
  readonly source: KnowledgeRef;
  readonly minObservationMin: number;
}

export interface ObservationEvaluation {
  readonly met: boolean;
  /** Epoch ms at which the pump last stopped delivering. */
  readonly infusionEndedAtMs: number;
  /** Whole minutes observed so far (rounded down, never overstated). */
  readonly observedMin: number;
  readonly minObservationMin: number;
  /** Earliest epoch ms at which the rule is met. */
  readonly earliestDischargeAtMs: number;
  readonly source: KnowledgeRef;
}

/**
 * When the infusion ended, from its pump events in time order (start, pause, resume, rate change,
 * stop). `session.infusion-not-ended` while the pump has not been stopped.
 */
export function infusionEndedAtMs(events: readonly InfusionEvent[]): Result<number> {
  const last = events.at(-1);
  // The cumulative-dose fold validates order and sequence and tells whether the pump is stopped.
  const folded = administeredDose(events, last?.atMs ?? 0);
  if (!folded.ok) return folded;
  if (last === undefined || folded.value.status !== 'stopped') {
    return err({
      code: 'session.infusion-not-ended',
      field: 'events',
      message: 'The infusion has not been stopped, so observation after it has not begun.',
    });
  }
  let running = false;
  let endedAtMs = last.atMs;
  for (const event of events) {
    if (event.type === 'start' || event.type === 'resume') running = true;
    else if ((event.type === 'pause' || event.type === 'stop') && running) {
      running = false;
      endedAtMs = event.atMs;
    }
  }
  return ok(endedAtMs);
}

/** Has the protocol's minimum observation passed at `atMs` (epoch ms)? */
export function evaluateObservation(
  events: readonly InfusionEvent[],
  atMs: number,
  rule: ObservationRule,
): Result<ObservationEvaluation> {
  if (!Number.isInteger(rule.minObservationMin) || rule.minObservationMin < 0) {
    return err({
      code: 'discharge.invalid-rule',
      field: 'rule.minObservationMin',
      message: 'The protocol minimum observation must be whole minutes, 0 or more.',
    });
  }
  if (!Number.isSafeInteger(atMs) || atMs < 0) {
    return err({
      code: 'charting.invalid-time',
      field: 'atMs',
      message: 'atMs must be whole epoch milliseconds.',
    });
  }
  const ended = infusionEndedAtMs(events);
  if (!ended.ok) return ended;
  const earliestDischargeAtMs = ended.value + rule.minObservationMin * MS_PER_MIN;
  return ok({
    met: atMs >= earliestDischargeAtMs,
    infusionEndedAtMs: ended.value,
    observedMin: Math.max(0, Math.floor((atMs - ended.value) / MS_PER_MIN)),
    minObservationMin: rule.minObservationMin,
    earliestDischargeAtMs,
    source: rule.source,
  });
}
