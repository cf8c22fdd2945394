/**
 * Server guards of session transitions: what core's state machine cannot see because it lives in
 * other features' tables (orders, consent, screening, weights, the chart). They run after core has
 * found the event legal and before anything is written. A refusal is a `GuardFailure` with 409 (the
 * same request can succeed once the cause is dealt with); the caller audits it like core's guards.
 *
 * - start, resume: the bound order is still the active signed version of its session (an order with
 *   no active signed version is blocked, safety-security.md d-4), and consent is current.
 * - start: the latest signed screening decision is not "not eligible"; the order's weight is not
 *   older than its protocol's weightReconfirmation.maxAgeDays on the clinic's today.
 * - resume: running on until the planned stop stays within the session and daily caps (session-cap.ts).
 * - resume, discharge: no stop-rule alarm is active and unacknowledged. Pause, stop, begin-recovery
 *   and transfer are never blocked here: they are how a stop rule is obeyed (and recovery keeps the
 *   patient monitored), so an alarm must never stand in their way.
 */
import type { TransitionRequest } from '@ketaflow/contract';
import { weightNeedsReconfirmation } from '@ketaflow/core';
import type { Scope } from '../access/scope.ts';
import { consentIsCurrent } from '../consent/currency.ts';
import type { Tx } from '../db/client.ts';
import { DomainError, fromCoreError } from '../http/errors.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { weightsOf } from '../intake/repository.ts';
import { latestDecision } from '../screening/repository.ts';
import { protocolOf } from './protocol-rules.ts';
import { boardEntriesOf } from './board-entries.ts';
import { activeOrder, type OrderRow, type SessionRow } from './repository.ts';
import { alarmsOf } from './session-view.ts';
import type { GuardFailure } from './guard-failure.ts';
import { resumeCapFailure } from './session-cap.ts';

export type { GuardFailure } from './guard-failure.ts';

type Event = TransitionRequest['event'];

const refusal = (code: string, message: string, evidence: unknown): GuardFailure => ({
  status: 409,
  code,
  message,
  field: 'body.event',
  evidence,
});

/**
 * The bound order must still be the active one (no silent infusion of version 1 after version 2).
 * Exported for the double check (`double-check`), which compares the pump against the bound order.
 */
export async function orderReplaced(
  tx: Tx,
  scope: Scope,
  order: OrderRow,
  event: Event | 'double-check',
): Promise<GuardFailure | undefined> {
  const active = await activeOrder(tx, scope, order.courseId, order.sessionNumber);
  if (active?.id === order.id) return undefined;
  const replaced =
    active === undefined
      ? `session ${String(order.sessionNumber)} has no active signed order`
      : `version ${String(active.version)} has replaced it`;
  // Before the start nothing has run: the session is re-scheduled, which binds the active order.
  const todo =
    event === 'resume'
      ? 'Stop the infusion; any further infusion needs a session scheduled on the active order.'
      : 'Cancel this session and schedule it again, so that the pre-infusion checks and the double check are made against the active order.';
  return refusal(
    'session.order-replaced',
    `This session delivers order version ${String(order.version)}, but ${replaced}; it cannot ${event === 'double-check' ? 'take a double check' : event} on a replaced order. ${todo}`,
    {
      boundOrder: { id: order.id, version: order.version },
      activeOrder: active === undefined ? null : { id: active.id, version: active.version },
    },
  );
}

async function consentNotCurrent(
  tx: Tx,
  scope: Scope,
  session: SessionRow,
  event: Event,
  now: Date,
): Promise<GuardFailure | undefined> {
  const consent = await consentIsCurrent(tx, scope, session.patientId, now);
  if (consent.current) return undefined;
  return refusal(
    'session.consent-not-current',
    `Consent is not current: ${consent.reason ?? 'no valid consent.'} The infusion cannot ${event} until a current consent is recorded.`,
    { reason: consent.reason, latestTextVersion: consent.latestTextVersion },
  );
}

/**
 * Why the patient may not be infused, when the latest signed screening decision is "not eligible"
 * (or none is signed): a later decision overrides the one the course was created on.
 */
async function notEligible(
  tx: Tx,
  scope: Scope,
  patientId: string,
): Promise<{ message: string; screeningDecisionId: string | null } | undefined> {
  const decision = await latestDecision(tx, scope, patientId);
  if (decision !== undefined && decision.decision !== 'not-eligible') return undefined;
  const why =
    decision === undefined
      ? 'No screening decision is signed for the patient'
      : `The patient's latest signed screening decision (${decision.signedAt.toISOString()}) is not eligible`;
  return {
    message: `${why}; no infusion of this course can be scheduled or started. A prescriber must screen the current intake and sign the patient eligible first.`,
    screeningDecisionId: decision?.id ?? null,
  };
}

const NOT_ELIGIBLE = 'session.patient-not-eligible';

/** Throws 409 `session.patient-not-eligible` naming `field` (scheduling) when screening says no. */
export async function requireEligible(
  tx: Tx,
  scope: Scope,
  patientId: string,
  field: string,
): Promise<void> {
  const refused = await notEligible(tx, scope, patientId);
  if (refused === undefined) return;
  throw new DomainError(NOT_ELIGIBLE, 409, refused.message, field, {
    screeningDecisionId: refused.screeningDecisionId,
  });
}

async function notEligibleToStart(
  tx: Tx,
  scope: Scope,
  patientId: string,
): Promise<GuardFailure | undefined> {
  const refused = await notEligible(tx, scope, patientId);
  return refused === undefined
    ? undefined
    : refusal(NOT_ELIGIBLE, refused.message, { screeningDecisionId: refused.screeningDecisionId });
}

/** The order's weight must still be recent enough for its protocol on the day of the start. */
async function weightTooOld(
  tx: Tx,
  scope: Scope,
  order: OrderRow,
  now: Date,
): Promise<GuardFailure | undefined> {
  const weight = (await weightsOf(tx, scope, order.patientId)).find(
    (w) => w.id === order.weightMeasurementId,
  );
  if (weight === undefined) throw new Error('an order without its weight measurement');
  const protocol = protocolOf({ id: order.protocolId, version: order.protocolVersion });
  const timeZone = await clinicTimeZone(tx, scope.clinicId);
  const measuredOn = calendarDateIn(timeZone, weight.measuredAt);
  // Only the age is re-checked: the change against the previous weight was judged at signing.
  const check = weightNeedsReconfirmation({
    protocol,
    current: { weightKg: order.weightKg, measuredOn },
    previous: null,
    today: calendarDateIn(timeZone, now),
  });
  if (!check.ok) throw fromCoreError(check.error, 409, 'order.weight');
  if (!check.value.needsReconfirmation) return undefined;
  const rule = protocol.weightReconfirmation;
  return refusal(
    'session.order-weight-outdated',
    `The order was dosed on a weight measured ${measuredOn}, ${String(check.value.ageDays)} days ago; ${protocol.ref.id}@${protocol.ref.version} allows ${String(rule.maxAgeDays)} days (weightReconfirmation.maxAgeDays). Re-weigh the patient and have the prescriber sign a new order version on the new weight, then schedule this session again.`,
    {
      weightMeasurementId: weight.id,
      measuredOn,
      ageDays: check.value.ageDays,
      maxAgeDays: rule.maxAgeDays,
      source: protocol.ref,
    },
  );
}

async function alarmUnacknowledged(
  tx: Tx,
  session: SessionRow,
  event: Event,
): Promise<GuardFailure | undefined> {
  const open = alarmsOf(await boardEntriesOf(tx, session.clinicId, [session.id])).filter(
    (a) => !a.acknowledged,
  );
  const [first] = open;
  if (first === undefined) return undefined;
  const named = open
    .map(
      (a) =>
        `${a.ruleId} (${a.field} ${String(a.value)} ${a.comparison} ${String(a.threshold)}, action ${a.action}, raised ${a.raisedAt})`,
    )
    .join('; ');
  return refusal(
    'session.alarm-unacknowledged',
    `Stop-rule alarm${open.length > 1 ? 's' : ''} ${named} ${open.length > 1 ? 'are' : 'is'} not acknowledged. Acknowledge ${open.length > 1 ? 'each' : 'it'} on the chart with the action taken before you ${event}.`,
    { alarms: open.map((a) => ({ id: a.id, ruleId: a.ruleId, action: a.action })) },
  );
}

/**
 * The first server guard `event` fails on this session, or undefined. Call only for an event core
 * found legal in the session's state, inside the transition's transaction, before any write.
 */
export async function serverGuardFailure(
  tx: Tx,
  scope: Scope,
  session: SessionRow,
  order: OrderRow,
  event: Event,
  now: Date,
): Promise<GuardFailure | undefined> {
  switch (event) {
    case 'start':
      return (
        (await orderReplaced(tx, scope, order, event)) ??
        (await notEligibleToStart(tx, scope, session.patientId)) ??
        (await consentNotCurrent(tx, scope, session, event, now)) ??
        (await weightTooOld(tx, scope, order, now))
      );
    case 'resume':
      return (
        (await alarmUnacknowledged(tx, session, event)) ??
        (await orderReplaced(tx, scope, order, event)) ??
        (await consentNotCurrent(tx, scope, session, event, now)) ??
        (await resumeCapFailure(tx, session, order, now))
      );
    case 'discharge':
      return alarmUnacknowledged(tx, session, event);
    // Never blocked by a server guard: pause, stop, begin-recovery and transfer obey stop rules;
    // the steps before the start are guarded by core (pre-checks) or change nothing at the pump.
    case 'check-in':
    case 'complete-prechecks':
    case 'cancel':
    case 'pause':
    case 'stop':
    case 'begin-recovery':
    case 'transfer':
      return undefined;
  }
}
