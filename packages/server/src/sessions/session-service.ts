/**
 * Chairs, scheduling and the session state machine. Each use case is one transaction with its audit
 * events; transitions go through core's `transition` (legality first, then the guard), are stored as
 * append-only rows with their evidence, and are published to the chair board after commit. A failed
 * guard (core's or the server's, transition-guards.ts) is returned as a value (not thrown) so its
 * audit event commits while nothing else is written; a thrown refusal is audited after the rollback
 * (transition-refusal.ts).
 */
import type {
  ChairCreate,
  InfusionSession,
  SessionCreate,
  TransitionRequest,
} from '@ketaflow/contract';
import {
  allowedEvents,
  defaultVitalPlausibility,
  parseIsoDate,
  transition,
  validateVitals,
  type SessionEvent,
  type SessionState,
} from '@ketaflow/core';
import type { Scope } from '../access/scope.ts';
import { consentIsCurrent } from '../consent/currency.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import { DomainError, fromCoreError, notFound, staleVersion } from '../http/errors.ts';
import type { ServiceContext } from '../http/context.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { isReplay, mappingDuplicateId, requestHash } from '../intake/write-id.ts';
import { auditRefusedBooking, refuseDoubleBooking } from './booking.ts';
import { publish } from './bus.ts';
import { protocolOf, sessionContextOf } from './protocol-rules.ts';
import { EVENT_PERMISSION, sessionOffers } from './session-permissions.ts';
import { infusionEventsOf } from './session-view.ts';
import { requireEligible, serverGuardFailure, type GuardFailure } from './transition-guards.ts';
import { auditRefusedTransition, type RefusedOn } from './transition-refusal.ts';
import {
  activeOrder,
  doubleCheckEntriesOf,
  findChair,
  findCourse,
  findSession,
  findTransition,
  insertChair,
  insertSession,
  insertTransition,
  listChairs,
  ordersByIds,
  patientBasics,
  setSessionState,
  transitionsOf,
  type DoubleCheckRow,
  type OrderRow,
  type SessionRow,
} from './repository.ts';
import type { Tx } from '../db/client.ts';

export type { GuardFailure } from './transition-guards.ts';

export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: GuardFailure };

export const illegalTransition = (message: string): DomainError =>
  new DomainError('session.illegal-transition', 409, message, 'body.event');

export async function createChair(ctx: ServiceContext, input: ChairCreate, now: Date) {
  ctx.scope.require('chair.manage');
  const hash = requestHash('chair.create', '', input);
  const result = await mappingDuplicateId(
    'chairs',
    inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      const stored = await findChair(tx, ctx.scope, input.id);
      if (isReplay(stored, hash) && stored !== undefined) return { chair: stored, created: false };
      const taken = (await listChairs(tx, ctx.scope)).some((c) => c.name === input.name);
      if (taken) {
        throw new DomainError(
          'chair.name-taken',
          409,
          'This clinic already has a chair with this name.',
          'body.name',
        );
      }
      const chair = await insertChair(tx, ctx.scope, { ...input, requestHash: hash, now });
      audit({
        action: 'chair.create',
        resourceType: 'chair',
        resourceId: chair.id,
        outcome: 'success',
      });
      return { chair, created: true };
    }),
  );
  publish(ctx.scope.clinicId);
  return { chair: { id: result.chair.id, name: result.chair.name }, created: result.created };
}

export async function chairList(ctx: ServiceContext) {
  ctx.scope.require('chair.read');
  return inTransaction(ctx.db, ctx.audit, async (tx) => ({
    items: (await listChairs(tx, ctx.scope)).map((c) => ({ id: c.id, name: c.name })),
  }));
}

/** The session as the API shows it. Double-check values are never included (blindness). */
export function sessionDto(
  row: SessionRow,
  order: OrderRow,
  entries: readonly DoubleCheckRow[],
  scope: Scope,
): InfusionSession {
  const round = entries.at(-1)?.round ?? 0;
  const current = entries.filter((e) => e.round === round);
  const complete = current.length === 2;
  return {
    id: row.id,
    patientId: row.patientId,
    courseId: row.courseId,
    chairId: row.chairId,
    scheduledStartAt: row.scheduledStartAt.toISOString(),
    state: row.state as InfusionSession['state'],
    version: row.version,
    allowedEvents: [...allowedEvents(row.state as SessionState)],
    ...sessionOffers(row.state as SessionState, scope),
    order: {
      id: order.id,
      version: order.version,
      protocol: { id: order.protocolId, version: order.protocolVersion },
      concentrationMgPerMl: order.concentrationMgPerMl,
      rateMgPerH: order.rateMgPerH,
      rateMlPerH: order.rateMlPerH,
      durationMin: order.durationMin,
      sessionDoseMg: order.sessionDoseMg,
    },
    doubleCheck: {
      round,
      firstEnteredBy: current[0]?.enteredBy ?? null,
      complete,
    },
  };
}

export async function loadSessionDto(
  tx: Tx,
  ctx: ServiceContext,
  row: SessionRow,
): Promise<InfusionSession> {
  const [order] = await ordersByIds(tx, ctx.scope.clinicId, [row.orderId]);
  if (order === undefined) throw new Error('a session without its order');
  return sessionDto(
    row,
    order,
    await doubleCheckEntriesOf(tx, ctx.scope.clinicId, row.id),
    ctx.scope,
  );
}

export async function scheduleSession(ctx: ServiceContext, input: SessionCreate, now: Date) {
  ctx.scope.require('session.schedule');
  const hash = requestHash('session.create', '', input);
  const result = await mappingDuplicateId(
    'infusion_sessions',
    inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      const stored = await findSession(tx, ctx.scope, input.id);
      if (isReplay(stored, hash) && stored !== undefined) {
        return { session: await loadSessionDto(tx, ctx, stored), created: false };
      }
      const course = await findCourse(tx, ctx.scope, input.courseId);
      if (course === undefined || course.patientId !== input.patientId) throw notFound('course');
      if (course.status !== 'active') {
        throw new DomainError(
          'session.course-not-active',
          409,
          `The course is ${course.status}; sessions can only be scheduled on an active course.`,
          'body.courseId',
        );
      }
      // A later "not eligible" decision stops the course even though it was created on an eligible one.
      await requireEligible(tx, ctx.scope, input.patientId, 'body.patientId');
      if ((await findChair(tx, ctx.scope, input.chairId)) === undefined) throw notFound('chair');
      const order = await activeOrder(tx, ctx.scope, input.courseId, input.sessionNumber);
      if (order === undefined) {
        throw new DomainError(
          'session.no-signed-order',
          422,
          `Session ${input.sessionNumber} of this course has no signed order; a prescriber must sign one first.`,
          'body.sessionNumber',
        );
      }
      const scheduledStartAt = new Date(input.scheduledStartAt);
      await refuseDoubleBooking(
        tx,
        ctx.scope.clinicId,
        { chairId: input.chairId, patientId: input.patientId, scheduledStartAt },
        order,
      );
      const row = await insertSession(tx, {
        id: input.id,
        clinicId: ctx.scope.clinicId,
        patientId: input.patientId,
        courseId: input.courseId,
        orderId: order.id,
        chairId: input.chairId,
        scheduledStartAt,
        state: 'scheduled',
        requestHash: hash,
        createdBy: ctx.scope.userId,
        createdAt: now,
        updatedAt: now,
      });
      audit({
        action: 'session.schedule',
        resourceType: 'infusion-session',
        resourceId: row.id,
        patientId: row.patientId,
        outcome: 'success',
        detail: { orderId: order.id, orderVersion: order.version },
      });
      return { session: sessionDto(row, order, [], ctx.scope), created: true };
    }),
  ).catch(async (error: unknown) => {
    await auditRefusedBooking(ctx, input, error);
    throw error;
  });
  publish(ctx.scope.clinicId);
  return result;
}

export async function getSession(ctx: ServiceContext, id: string): Promise<InfusionSession> {
  ctx.scope.require('session.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const row = await findSession(tx, ctx.scope, id);
    if (row === undefined) throw notFound('session');
    audit({
      action: 'session.read',
      resourceType: 'infusion-session',
      resourceId: row.id,
      patientId: row.patientId,
      outcome: 'success',
    });
    return loadSessionDto(tx, ctx, row);
  });
}

/** Builds core's event from the request, reading what only the server knows (consent, clinic date). */
async function coreEvent(
  tx: Tx,
  ctx: ServiceContext,
  session: SessionRow,
  order: OrderRow,
  request: TransitionRequest,
  now: Date,
): Promise<SessionEvent> {
  switch (request.event) {
    case 'complete-prechecks': {
      const vitals = validateVitals(request.facts.baselineVitals, defaultVitalPlausibility);
      if (!vitals.ok)
        throw fromCoreError({
          ...vitals.error,
          field: `facts.baselineVitals.${vitals.error.field?.replace(/^vitals\./, '') ?? ''}`,
        });
      const clinicDate = parseIsoDate(
        calendarDateIn(await clinicTimeZone(tx, ctx.scope.clinicId), now),
        'clinicDate',
      );
      if (!clinicDate.ok) throw new Error('the clinic calendar produced an invalid date');
      // The consent feature's one rule (latest text, not revoked, attested by now).
      const consent = await consentIsCurrent(tx, ctx.scope, session.patientId, now);
      return {
        type: 'complete-prechecks',
        facts: {
          clinicDate: clinicDate.value,
          consentValidThrough: consent.current ? clinicDate.value : null,
          fastingConfirmed: request.facts.fastingConfirmed,
          escortConfirmed: request.facts.escortConfirmed,
          pregnancyTest: request.facts.pregnancyTest,
          baselineVitals: vitals.value,
        },
      };
    }
    case 'discharge': {
      const transitions = await transitionsOf(tx, ctx.scope.clinicId, [session.id]);
      return {
        type: 'discharge',
        assessment:
          request.assessment.items === undefined
            ? { total: request.assessment.total }
            : { total: request.assessment.total, items: request.assessment.items },
        // Rate changes do not move the end of the infusion: only the pump transitions are needed.
        infusion: infusionEventsOf(order, transitions, []),
        atMs: now.getTime(),
      };
    }
    case 'check-in':
    case 'start':
    case 'pause':
    case 'resume':
    case 'stop':
    case 'begin-recovery':
    case 'transfer':
    case 'cancel':
      return { type: request.event };
  }
}

/**
 * Applies one transition. Replays (same id, same body) return the current session; a stale version
 * answers 409; an event not allowed in the current state 409 `session.illegal-transition`; a failed
 * guard 422 with core's evidence.
 */
export async function applyTransition(
  ctx: ServiceContext,
  sessionId: string,
  request: TransitionRequest,
  now: Date,
): Promise<Outcome<InfusionSession>> {
  ctx.scope.require(EVENT_PERMISSION[request.event]);
  const hash = requestHash('session.transition', sessionId, request);
  let refusedOn: RefusedOn | undefined;
  const outcome = await mappingDuplicateId(
    'session_transitions',
    inTransaction(ctx.db, ctx.audit, async (tx, audit): Promise<Outcome<InfusionSession>> => {
      const replayed = await findTransition(tx, ctx.scope, request.id);
      if (isReplay(replayed, hash)) {
        const row = await findSession(tx, ctx.scope, sessionId);
        if (row === undefined || replayed?.sessionId !== sessionId) throw notFound('session');
        return { ok: true, value: await loadSessionDto(tx, ctx, row) };
      }
      const session = await findSession(tx, ctx.scope, sessionId, { forUpdate: true });
      if (session === undefined) throw notFound('session');
      refusedOn = { sessionId: session.id, patientId: session.patientId, from: session.state };
      if (session.version !== request.version) throw staleVersion('session');
      const [patient] = await patientBasics(tx, ctx.scope.clinicId, [session.patientId]);
      const [order] = await ordersByIds(tx, ctx.scope.clinicId, [session.orderId]);
      if (patient === undefined || order === undefined)
        throw new Error('session without patient or order');
      const protocol = protocolOf({ id: order.protocolId, version: order.protocolVersion });
      const event = await coreEvent(tx, ctx, session, order, request, now);
      const result = transition(
        session.state as SessionState,
        event,
        sessionContextOf(protocol, patient.sexAtBirth),
      );
      const auditBase = {
        action: `session.${request.event}`,
        resourceType: 'infusion-session',
        resourceId: session.id,
        patientId: session.patientId,
      } as const;
      if (!result.ok && result.error.code === 'session.illegal-transition')
        throw illegalTransition(result.error.message);
      const refused = await serverGuardFailure(tx, ctx.scope, session, order, request.event, now);
      if (refused !== undefined) {
        audit({
          ...auditBase,
          outcome: 'failure',
          detail: { code: refused.code, from: session.state },
        });
        return { ok: false, failure: refused };
      }
      if (!result.ok) {
        audit({
          ...auditBase,
          outcome: 'failure',
          detail: { code: result.error.code, from: session.state },
        });
        const { code, message, field, ...evidence } = result.error;
        return {
          ok: false,
          failure: {
            ...(code === 'session.discharge-observation-incomplete' ? { status: 409 } : {}),
            code,
            message,
            ...(field === undefined ? {} : { field: `body.${field}` }),
            evidence,
          },
        };
      }
      const updated = await setSessionState(tx, ctx.scope, session, result.value.to, now);
      await insertTransition(tx, {
        id: request.id,
        clinicId: ctx.scope.clinicId,
        sessionId: session.id,
        event: request.event,
        fromState: result.value.from,
        toState: result.value.to,
        version: updated.version,
        evidence: {
          ...(result.value.evidence === undefined ? {} : { guard: result.value.evidence }),
          ...('reason' in request ? { reason: request.reason } : {}),
          ...(request.event === 'complete-prechecks' ? { facts: request.facts } : {}),
          ...(request.event === 'discharge' ? { assessment: request.assessment } : {}),
        },
        requestHash: hash,
        recordedBy: ctx.scope.userId,
        occurredAt: now,
      });
      audit({
        ...auditBase,
        outcome: 'success',
        detail: { from: result.value.from, to: result.value.to, version: updated.version },
      });
      return { ok: true, value: await loadSessionDto(tx, ctx, updated) };
    }),
  ).catch(async (error: unknown) => {
    await auditRefusedTransition(ctx, request.event, refusedOn, error);
    throw error;
  });
  if (outcome.ok) publish(ctx.scope.clinicId);
  return outcome;
}
