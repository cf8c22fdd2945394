/**
 * Order use cases over `computeOrder` (compute-order.ts: core's weight check and dose calculation).
 * `previewOrder` returns that without storing anything;
 * `signOrder` stores it as a signed, immutable order, or refuses with 422 and the calculation (hard
 * limit, missing override reason, weight to re-confirm). A change supersedes the active order of the
 * session with a reason; the old row is never touched.
 */
import type { Order, OrderInput, OrderSign } from '@ketaflow/contract';
import type { DoseCalculation, WeightCheck } from '@ketaflow/core';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import {
  isReplay,
  isUniqueViolation,
  mappingDuplicateId,
  requestHash,
} from '../intake/write-id.ts';
import { activeSignedOrder } from './active-order.ts';
import { computeOrder, conflict, type Blocker, type ComputedOrder } from './compute-order.ts';
import { orderOf } from './order-view.ts';
import {
  activeOrders,
  findCourse,
  findOrder,
  insertOrder,
  orderWrite,
  ordersOf,
  type CourseRow,
} from './repository.ts';

function activeCourse(course: CourseRow | undefined): CourseRow {
  if (course === undefined) throw notFound('course');
  if (course.status !== 'active') {
    throw conflict('course.not-active', `The course is ${course.status}.`, 'params.courseId');
  }
  return course;
}

function previewOf(input: OrderInput, computed: ComputedOrder) {
  return {
    sessionNumber: input.sessionNumber,
    weight: {
      id: computed.weight.id,
      weightKg: computed.weight.weightKg,
      heightCm: computed.heightCm,
      measuredAt: computed.weight.measuredAt.toISOString(),
    },
    weightCheck: computed.weightCheck as unknown as Order['weightCheck'],
    calculation: computed.calculation as unknown as Order['calculation'],
    signable: computed.blockers.length === 0,
    blockers: computed.blockers.map(({ code, message }) => ({ code, message })),
  };
}

/** Computes an order for review; stores nothing (the read of weights is audited). */
export function previewOrder(ctx: ServiceContext, courseId: string, input: OrderInput, now: Date) {
  ctx.scope.require('order.sign');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const course = activeCourse(await findCourse(tx, ctx.scope, courseId));
    const computed = await computeOrder(tx, ctx.scope, course, input, now);
    audit({
      action: 'order.preview',
      resourceType: 'course',
      resourceId: course.id,
      patientId: course.patientId,
      outcome: 'success',
      detail: { sessionNumber: input.sessionNumber, status: computed.calculation.status },
    });
    return previewOf(input, computed);
  });
}

/** The refusal of an order: 422 with what blocked it and core's results to show. */
export class OrderRefusal extends Error {
  constructor(
    readonly blocker: Blocker,
    readonly calculation: DoseCalculation | null,
    readonly weightCheck: WeightCheck | null,
  ) {
    super(blocker.message);
    this.name = 'OrderRefusal';
  }
}

export type SignOutcome =
  | { readonly kind: 'signed'; readonly order: Order; readonly created: boolean }
  | { readonly kind: 'refused'; readonly refusal: OrderRefusal };

/** Signs an order (prescribers): stored immutable, or refused with 422 and the guardrail results. */
export async function signOrder(
  ctx: ServiceContext,
  courseId: string,
  body: OrderSign,
  now: Date,
): Promise<SignOutcome> {
  ctx.scope.require('order.sign');
  const hash = requestHash('order.sign', courseId, body);
  try {
    return await mappingDuplicateId(
      'orders',
      inTransaction(ctx.db, ctx.audit, async (tx, audit): Promise<SignOutcome> => {
        const course = activeCourse(await findCourse(tx, ctx.scope, courseId, { forUpdate: true }));
        const existing = await orderWrite(tx, body.id);
        if (isReplay(existing, hash) && existing !== undefined) {
          if (existing.clinicId !== ctx.scope.clinicId) throw notFound('order');
          const active = await activeSignedOrder(tx, ctx.scope, courseId, existing.sessionNumber);
          return {
            kind: 'signed',
            order: orderOf(existing, active?.id === existing.id),
            created: false,
          };
        }
        const active = await activeSignedOrder(tx, ctx.scope, courseId, body.sessionNumber);
        if (active === undefined && body.supersedesOrderId !== undefined) {
          throw conflict(
            'order.version-conflict',
            'Session has no signed order to supersede; sign a first order without supersedesOrderId.',
            'body.supersedesOrderId',
          );
        }
        if (active !== undefined && body.supersedesOrderId !== active.id) {
          throw conflict(
            'order.version-conflict',
            `Session ${String(body.sessionNumber)} already has signed order version ${String(active.version)}; a change must supersede it (supersedesOrderId ${active.id}) with a reason.`,
            'body.supersedesOrderId',
          );
        }
        const computed = await computeOrder(tx, ctx.scope, course, body, now);
        const [first] = computed.blockers;
        if (first !== undefined) {
          audit({
            action: 'order.refused',
            resourceType: 'course',
            resourceId: course.id,
            patientId: course.patientId,
            outcome: 'failure',
            detail: {
              sessionNumber: body.sessionNumber,
              codes: computed.blockers.map((b) => b.code),
            },
          });
          return {
            kind: 'refused',
            refusal: new OrderRefusal(first, computed.calculation, computed.weightCheck),
          };
        }
        const c = computed.calculation;
        const row = await insertOrder(tx, {
          id: body.id,
          clinicId: ctx.scope.clinicId,
          patientId: course.patientId,
          courseId: course.id,
          sessionNumber: body.sessionNumber,
          version: (active?.version ?? 0) + 1,
          supersedesOrderId: active?.id ?? null,
          changeReason: active === undefined ? null : (body.changeReason ?? null),
          protocolId: course.protocolId,
          protocolVersion: course.protocolVersion,
          drugLibraryId: c.knowledge.find((k) => k.id !== course.protocolId)?.id ?? '',
          drugLibraryVersion: c.knowledge.find((k) => k.id !== course.protocolId)?.version ?? '',
          weightMeasurementId: computed.weight.id,
          weightKg: computed.weight.weightKg,
          heightCm: computed.heightCm,
          concentrationMgPerMl: body.concentration.mgPerMl,
          concentrationSource: body.concentration.source,
          doseBasis: c.dose.unit,
          doseOrdered: c.dose.ordered,
          doseDelivered: c.dose.delivered,
          rateMgPerH: c.rate.deliveredMgPerH,
          rateMlPerH: c.pump.roundedMlPerH,
          durationMin: c.session.durationMin,
          sessionDoseMg: c.session.doseMg,
          volumeMl: c.session.volumeMl,
          overrideReason: body.overrideReason ?? null,
          calculation: c as unknown as Record<string, unknown>,
          weightCheck: computed.weightCheck as unknown as Record<string, unknown>,
          requestHash: hash,
          signedBy: ctx.scope.userId,
          signedAt: now,
        });
        audit({
          action: 'order.sign',
          resourceType: 'order',
          resourceId: row.id,
          patientId: course.patientId,
          outcome: 'success',
          detail: {
            courseId: course.id,
            sessionNumber: row.sessionNumber,
            version: row.version,
            supersedes: row.supersedesOrderId,
            override: row.overrideReason !== null,
            knowledge: c.knowledge.map((k) => `${k.id}@${k.version}`),
          },
        });
        return { kind: 'signed', order: orderOf(row, true), created: true };
      }),
    );
  } catch (error) {
    // Two prescribers signing the same session at once: the unique (course, session, version) index
    // lets one through; the other must reload and supersede.
    if (
      isUniqueViolation(error, 'orders_course_session_version') ||
      isUniqueViolation(error, 'orders_supersedes')
    ) {
      throw conflict(
        'order.version-conflict',
        'Another order for this session was signed at the same time; reload and supersede it.',
        'body.supersedesOrderId',
      );
    }
    throw error;
  }
}

/** Every order version of a course (newest version first per session). */
export function listOrders(ctx: ServiceContext, courseId: string): Promise<{ items: Order[] }> {
  ctx.scope.require('course.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const course = await findCourse(tx, ctx.scope, courseId);
    if (course === undefined) throw notFound('course');
    const rows = await ordersOf(tx, ctx.scope, courseId);
    const activeIds = new Set(activeOrders(rows).map((o) => o.id));
    audit({
      action: 'order.list',
      resourceType: 'course',
      resourceId: course.id,
      patientId: course.patientId,
      outcome: 'success',
      detail: { count: rows.length },
    });
    return { items: rows.map((r) => orderOf(r, activeIds.has(r.id))) };
  });
}

export function getOrder(ctx: ServiceContext, orderId: string): Promise<Order> {
  ctx.scope.require('course.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const row = await findOrder(tx, ctx.scope, orderId);
    if (row === undefined) throw notFound('order');
    const active = await activeSignedOrder(tx, ctx.scope, row.courseId, row.sessionNumber);
    audit({
      action: 'order.read',
      resourceType: 'order',
      resourceId: row.id,
      patientId: row.patientId,
      outcome: 'success',
      detail: { version: row.version },
    });
    return orderOf(row, active?.id === row.id);
  });
}
