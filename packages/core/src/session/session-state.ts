/**
 * The infusion session state machine (issue 4 Deliver 3). The allowed transitions are one table
 * of data; guards (pre-infusion checks, independent double check, discharge rule) are evaluated
 * against thresholds passed in from the protocol. An event that is not allowed in the current
 * state is `session.illegal-transition` (the server answers 409); a failed guard is its own code
 * (422), carrying the evidence. A discharge before the protocol's minimum observation is
 * `session.discharge-observation-incomplete` (409: the same request succeeds later).
 *
 *   scheduled → checked-in → prechecks-done → double-checked → running ⇄ paused → stopped
 *   → recovery → discharged | transferred;  cancelled from any state before running.
 */
import { err, ok, type CoreError, type Result } from '../result.ts';
import type { DoubleCheckPolicy } from './charting-knowledge.ts';
import {
  compareDoubleCheck,
  type DoubleCheckComparison,
  type DoubleCheckEntry,
} from './double-check.ts';
import {
  evaluateDischarge,
  type DischargeAssessment,
  type DischargeEvaluation,
  type DischargeRule,
} from './discharge.ts';
import type { InfusionEvent } from './cumulative-dose.ts';
import { evaluateObservation, type ObservationEvaluation } from './observation.ts';
import {
  evaluatePreInfusionChecks,
  type PreCheckResult,
  type PreInfusionEvaluation,
  type PreInfusionFacts,
  type PreInfusionRequirements,
} from './pre-infusion-checks.ts';

export const SESSION_STATES = [
  'scheduled',
  'checked-in',
  'prechecks-done',
  'double-checked',
  'running',
  'paused',
  'stopped',
  'recovery',
  'discharged',
  'transferred',
  'cancelled',
] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export type SessionEvent =
  | { readonly type: 'check-in' }
  | { readonly type: 'complete-prechecks'; readonly facts: PreInfusionFacts }
  | {
      readonly type: 'record-double-check';
      readonly first: DoubleCheckEntry;
      readonly second: DoubleCheckEntry;
    }
  | { readonly type: 'start' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' }
  | { readonly type: 'begin-recovery' }
  | {
      readonly type: 'discharge';
      readonly assessment: DischargeAssessment;
      /** The session's pump events in time order: the observation counts from their end. */
      readonly infusion: readonly InfusionEvent[];
      /** Epoch ms of the discharge. */
      readonly atMs: number;
    }
  | { readonly type: 'transfer' }
  | { readonly type: 'cancel' };
export type SessionEventType = SessionEvent['type'];

/**
 * Which states each event leaves from, and where it goes. Transfer is allowed from `stopped` as
 * well as `recovery`: a patient who deteriorates is sent on as soon as the infusion is stopped,
 * without waiting for a recovery phase.
 */
export const SESSION_TRANSITIONS: Readonly<
  Record<SessionEventType, { readonly from: readonly SessionState[]; readonly to: SessionState }>
> = {
  'check-in': { from: ['scheduled'], to: 'checked-in' },
  'complete-prechecks': { from: ['checked-in'], to: 'prechecks-done' },
  'record-double-check': { from: ['prechecks-done'], to: 'double-checked' },
  start: { from: ['double-checked'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  stop: { from: ['running', 'paused'], to: 'stopped' },
  'begin-recovery': { from: ['stopped'], to: 'recovery' },
  discharge: { from: ['recovery'], to: 'discharged' },
  transfer: { from: ['stopped', 'recovery'], to: 'transferred' },
  cancel: {
    from: ['scheduled', 'checked-in', 'prechecks-done', 'double-checked'],
    to: 'cancelled',
  },
};

/** Protocol thresholds the guards need. */
export interface SessionContext {
  readonly preInfusion: PreInfusionRequirements;
  readonly doubleCheck: DoubleCheckPolicy;
  readonly discharge: DischargeRule;
}

/** What a guarded transition proved; stored with the transition by the server. */
export type TransitionEvidence =
  | { readonly kind: 'pre-infusion-checks'; readonly evaluation: PreInfusionEvaluation }
  | { readonly kind: 'double-check'; readonly comparison: DoubleCheckComparison }
  | {
      readonly kind: 'discharge';
      readonly evaluation: DischargeEvaluation;
      readonly observation: ObservationEvaluation;
    };

export interface SessionTransition {
  readonly from: SessionState;
  readonly to: SessionState;
  readonly event: SessionEventType;
  readonly evidence?: TransitionEvidence;
}

/** A refused transition. `failedChecks` lists unmet/unknown pre-checks; `comparison` a disagreeing double check. */
export interface SessionError extends CoreError {
  readonly failedChecks?: readonly PreCheckResult[];
  readonly comparison?: DoubleCheckComparison;
  readonly shortfalls?: readonly string[];
  /** Set on `session.discharge-observation-incomplete`: the rule, its source and the times. */
  readonly observation?: ObservationEvaluation;
}

/** Events that are allowed from a state (for enabling buttons); guards may still refuse them. */
export const allowedEvents = (state: SessionState): readonly SessionEventType[] =>
  (Object.keys(SESSION_TRANSITIONS) as SessionEventType[]).filter((type) =>
    SESSION_TRANSITIONS[type].from.includes(state),
  );

/** True when no event leaves the state. */
export const isFinalState = (state: SessionState): boolean => allowedEvents(state).length === 0;

function guard(
  event: SessionEvent,
  context: SessionContext,
): Result<TransitionEvidence | undefined, SessionError> {
  switch (event.type) {
    case 'complete-prechecks': {
      const evaluation = evaluatePreInfusionChecks(event.facts, context.preInfusion);
      if (evaluation.passed) return ok({ kind: 'pre-infusion-checks', evaluation });
      const failedChecks = evaluation.trace.filter((c) => c.status !== 'met');
      return err({
        code: 'session.prechecks-not-met',
        field: `facts.${failedChecks[0]?.check ?? ''}`,
        message: `Pre-infusion checks not met: ${failedChecks.map((c) => c.detail).join(' ')}`,
        failedChecks,
      });
    }
    case 'record-double-check': {
      const compared = compareDoubleCheck(event.first, event.second, context.doubleCheck);
      if (compared.ok) return ok({ kind: 'double-check', comparison: compared.value });
      return err(compared.error);
    }
    case 'discharge': {
      const observed = evaluateObservation(event.infusion, event.atMs, context.discharge);
      if (!observed.ok) return err(observed.error);
      const observation = observed.value;
      if (!observation.met) {
        const { id, version } = observation.source;
        return err({
          code: 'session.discharge-observation-incomplete',
          field: 'event',
          message:
            `Discharge rule discharge.minObservationMin of ${id}@${version}: at least ` +
            `${observation.minObservationMin} min of observation after the infusion ends ` +
            `(${new Date(observation.infusionEndedAtMs).toISOString()}); ${observation.observedMin} min ` +
            `have passed. Discharge is possible from ${new Date(observation.earliestDischargeAtMs).toISOString()}.`,
          observation,
        });
      }
      const evaluated = evaluateDischarge(event.assessment, context.discharge);
      if (!evaluated.ok) return err(evaluated.error);
      if (evaluated.value.met)
        return ok({ kind: 'discharge', evaluation: evaluated.value, observation });
      return err({
        code: 'session.discharge-criteria-not-met',
        field: 'assessment.total',
        message: `Discharge criteria not met: ${evaluated.value.shortfalls.join(' ')}`,
        shortfalls: evaluated.value.shortfalls,
      });
    }
    case 'check-in':
    case 'start':
    case 'pause':
    case 'resume':
    case 'stop':
    case 'begin-recovery':
    case 'transfer':
    case 'cancel':
      return ok(undefined);
  }
}

/**
 * Applies one event to a session state. Legality is checked before any guard, so an event in the
 * wrong state is always `session.illegal-transition`, whatever its payload.
 */
export function transition(
  state: SessionState,
  event: SessionEvent,
  context: SessionContext,
): Result<SessionTransition, SessionError> {
  const rule = SESSION_TRANSITIONS[event.type];
  if (!rule.from.includes(state)) {
    const allowed = allowedEvents(state);
    return err({
      code: 'session.illegal-transition',
      field: 'event.type',
      message: `A session that is ${state} cannot take "${event.type}"; allowed now: ${allowed.length === 0 ? 'nothing (the session is closed)' : allowed.join(', ')}.`,
    });
  }
  const checked = guard(event, context);
  if (!checked.ok) return checked;
  return ok({
    from: state,
    to: rule.to,
    event: event.type,
    ...(checked.value === undefined ? {} : { evidence: checked.value }),
  });
}
