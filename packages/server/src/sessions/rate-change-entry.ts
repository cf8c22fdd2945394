/**
 * A rate change on a running session, prepared for the chart: core re-checks every guardrail for the
 * minutes left (0 once the planned time is over), including the cumulative caps (a hard stop listing
 * what was given); an increase is refused while an alarm is unacknowledged; a lower rate is never
 * refused for the caps (it only lowers every total; the session-cap alarm asks for the stop). An
 * increase that needs an override reason also needs an independent double check
 * (rate-change-double-check.ts).
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import {
  administeredDose,
  checkRateChange,
  toMicro,
  type ConcentrationChoice,
  type CoreError,
  type PatientMeasures,
  type Protocol,
} from '@ketaflow/core';
import type { Tx } from '../db/client.ts';
import { DomainError, fromCoreError } from '../http/errors.ts';
import type { Witness } from '../ledger/witness.ts';
import { judgeRateDoubleCheck } from './rate-change-double-check.ts';
import type { ChartEntryRow, OrderRow, SessionRow, TransitionRow } from './repository.ts';
import { otherSessionsGivenUg, remainingMinOf } from './session-cap.ts';
import { alarmsOf, infusionEventsOf } from './session-view.ts';
import type { Outcome } from './session-service.ts';

/** The patient measures and bag the order was computed with (stored in the signed order's calculation). */
function orderInputs(order: OrderRow): {
  patient: PatientMeasures;
  concentration: ConcentrationChoice;
} {
  const inputs = (
    order.calculation as {
      inputs?: { patient?: PatientMeasures; concentration?: ConcentrationChoice };
    }
  ).inputs;
  if (inputs?.patient === undefined || inputs.concentration === undefined) {
    throw new DomainError(
      'session.order-incomplete',
      422,
      'The signed order does not carry the inputs its dose was computed from; re-sign the order.',
    );
  }
  return { patient: inputs.patient, concentration: inputs.concentration };
}

/**
 * Given amounts as the calculator takes them (0.1 mg steps), rounded UP from whole µg so the
 * remaining allowance is never overstated.
 */
const upToTenthMg = (ug: number): number => Math.ceil(ug / 100) / 10;

/** What the single path reads of the session before it writes: its transitions and chart so far. */
export interface History {
  readonly transitions: readonly TransitionRow[];
  readonly entries: readonly ChartEntryRow[];
}

/** Core's guardrail findings of the cumulative caps (dose-engine.ts): a lower rate is never refused for them. */
const CAP_FINDINGS = new Set([
  'dose.cap-reached',
  'dose.above-session-cap',
  'dose.above-day-cap',
  'dose.above-course-cap',
]);

/**
 * A rate-change input core refused: a 400 naming the field when it is the request's own (the new
 * rate, the override reason); otherwise it is something the server computed (totals given, minutes
 * left, the order's inputs), which the request cannot fix and must not be named as its field.
 */
function rateChangeInputError(error: CoreError): DomainError {
  const own =
    error.field !== undefined &&
    (error.field.startsWith('newRate') || error.field === 'overrideReason');
  return own ? fromCoreError(error) : new DomainError(error.code, 422, error.message);
}

/** µg/h of a rate in mg/h (core's exact conversion); 0 for a rate core cannot deliver. */
const ugPerH = (rateMgPerH: number): number => {
  const ug = toMicro(rateMgPerH, 'rateMgPerH');
  return ug.ok ? ug.value : 0;
};

export async function prepareRateChange(
  tx: Tx,
  session: SessionRow,
  order: OrderRow,
  protocol: Protocol,
  input: Extract<ChartEntryRequest, { kind: 'rate-change' }>,
  now: Date,
  history: History,
  /** The second clinician, authenticated for this request (when it carries a double check). */
  double: { readonly checker: Witness | undefined; readonly recorderId: string },
): Promise<Outcome<{ readonly payload: Record<string, unknown> }>> {
  if (session.state !== 'running') {
    throw new DomainError(
      'session.illegal-transition',
      409,
      `The rate can only be changed while the infusion is running (it is ${session.state}).`,
      'body.kind',
    );
  }
  const events = infusionEventsOf(order, history.transitions, history.entries);
  const atMs = Date.parse(input.occurredAt);
  const given = administeredDose(events, Math.max(atMs, events.at(-1)?.atMs ?? atMs));
  if (!given.ok) throw fromCoreError(given.error, 422);
  const ordered = administeredDose(events, atMs);
  if (!ordered.ok) {
    return {
      ok: false,
      failure: {
        code: ordered.error.code,
        message: ordered.error.message,
        field: 'body.occurredAt',
      },
    };
  }
  const sessionUg = ordered.value.administeredUg;
  const others = await otherSessionsGivenUg(tx, session, now);
  const remainingMin = remainingMinOf(order, ordered.value.runningMs);
  const inputs = orderInputs(order);
  const check = (newRate: typeof input.newRate, mgPerMl: number) =>
    checkRateChange({
      protocol: protocol.ref,
      patient: inputs.patient,
      concentration: { ...inputs.concentration, mgPerMl },
      alreadyGivenMg: {
        session: upToTenthMg(sessionUg),
        day: upToTenthMg(sessionUg + others.day),
        course: upToTenthMg(sessionUg + others.course),
      },
      newRate,
      remainingMin,
      ...(input.overrideReason === undefined ? {} : { overrideReason: input.overrideReason }),
    });
  const calc = check(input.newRate, inputs.concentration.mgPerMl);
  if (!calc.ok) throw rateChangeInputError(calc.error);
  const c = calc.value;
  const newUgPerH = ugPerH(c.rate.deliveredMgPerH);
  const currentUgPerH = ordered.value.rateUgPerH;
  const direction =
    newUgPerH < currentUgPerH ? 'decrease' : newUgPerH > currentUgPerH ? 'increase' : 'same';
  if (direction === 'increase') {
    // An unacknowledged alarm asks for a pause or stop: going up before someone has acted is refused.
    const open = alarmsOf(history.entries).filter((a) => !a.acknowledged);
    if (open.length > 0) {
      return {
        ok: false,
        failure: {
          status: 409,
          code: 'rate-change.alarm-unacknowledged',
          message: `The rate cannot be increased while ${open.length > 1 ? 'alarms' : 'alarm'} ${open.map((a) => `${a.ruleId} (${a.action})`).join(', ')} ${open.length > 1 ? 'are' : 'is'} not acknowledged. Acknowledge on the chart with the action taken first; a lower rate can always be charted.`,
          field: 'body.newRate.value',
          evidence: {
            alarms: open.map((a) => ({ id: a.id, ruleId: a.ruleId, action: a.action })),
          },
        },
      };
    }
  }
  // A lower rate only lowers every total, so the caps never refuse it (the cap alarm asks to stop).
  const findings = c.findings.filter(
    (f) => !(direction === 'decrease' && CAP_FINDINGS.has(f.code)),
  );
  const blocking = findings.filter((f) => f.severity === 'blocked');
  const needsReason =
    blocking.length === 0 &&
    findings.some((f) => f.severity === 'needs-override') &&
    c.overrideReason === null;
  if (blocking.length > 0 || needsReason) {
    return {
      ok: false,
      failure: {
        code: needsReason ? 'rate-change.override-reason-required' : 'rate-change.blocked',
        message:
          findings.map((f) => f.message).join(' ') || 'The new rate is outside the guardrails.',
        field: needsReason ? 'body.overrideReason' : 'body.newRate.value',
        evidence: { findings: c.findings, limitsApplied: c.limitsApplied },
      },
    };
  }
  // T-37: an increase past a soft limit is checked by a second clinician; a decrease never waits.
  const needsDoubleCheck =
    direction === 'increase' && findings.some((f) => f.severity === 'needs-override');
  let doubleCheck: Record<string, unknown> | undefined;
  if (needsDoubleCheck || input.doubleCheck !== undefined) {
    const judged = judgeRateDoubleCheck({
      input,
      ...double,
      concentrationMgPerMl: inputs.concentration.mgPerMl,
      calculation: c,
      recheck: check,
    });
    if (!judged.ok) return judged;
    doubleCheck = { ...judged.value };
  }
  return {
    ok: true,
    value: {
      payload: {
        newRate: input.newRate,
        reason: input.reason,
        overrideReason: c.overrideReason,
        rateMgPerH: c.rate.deliveredMgPerH,
        rateMlPerH: c.pump.roundedMlPerH,
        direction,
        calculation: c,
        ...(doubleCheck === undefined ? {} : { doubleCheck }),
      },
    },
  };
}
