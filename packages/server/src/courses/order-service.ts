/**
 * Order use cases. `computeOrder` gathers the inputs (course protocol, the latest weight and the one
 * before it, the most recent height, the patient's sex for body-size equations, the planned course total
 * of the other sessions' active orders) and asks core for the weight re-confirmation check and the dose
 * calculation; nothing is calculated here. `previewOrder` returns that without storing anything;
 * `signOrder` stores it as a signed, immutable order, or refuses with 422 and the calculation (hard
 * limit, missing override reason, weight to re-confirm). A change supersedes the active order of the
 * session with a reason; the old row is never touched.
 */
import type { Order, OrderInput, OrderSign } from '@ketaflow/contract';
import {
  calculateDose,
  findDrugLibrary,
  findProtocol,
  weightNeedsReconfirmation,
  type DoseCalculation,
  type DoseInput,
  type WeightCheck,
} from '@ketaflow/core';
import type { Scope } from '../access/scope.ts';
import type { Tx } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError, fromCoreError, notFound } from '../http/errors.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { weightsOf, type WeightRow } from '../intake/repository.ts';
import { requirePatient } from '../intake/service.ts';
import {
  isReplay,
  isUniqueViolation,
  mappingDuplicateId,
  requestHash,
} from '../intake/write-id.ts';
import { activeSignedOrder } from './active-order.ts';
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

export interface Blocker {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

export interface ComputedOrder {
  readonly weight: WeightRow;
  readonly heightCm: number;
  readonly weightCheck: WeightCheck;
  readonly calculation: DoseCalculation;
  readonly blockers: readonly Blocker[];
}

const conflict = (code: string, message: string, field: string): DomainError =>
  new DomainError(code, 409, message, field);

/** What stops an order from being signed, in the order a prescriber should fix them. */
function blockersOf(
  input: OrderInput,
  weightCheck: WeightCheck,
  calculation: DoseCalculation,
): Blocker[] {
  const blockers: Blocker[] = [];
  if (weightCheck.needsReconfirmation) {
    blockers.push({
      code: 'order.weight-needs-reconfirmation',
      message: `Re-weigh the patient and record the weight before ordering: ${weightCheck.reasons.join(' ')}`,
    });
  }
  for (const f of calculation.findings.filter((x) => x.severity === 'blocked')) {
    blockers.push({ code: f.code, message: f.message, field: `body.${f.field ?? 'orderedDose'}` });
  }
  if (calculation.needsOverrideReason && calculation.overrideReason === null) {
    blockers.push({
      code: 'order.override-reason-required',
      message: 'A soft limit is crossed; give an override reason or change the order.',
      field: 'body.overrideReason',
    });
  }
  // ISMP: a custom concentration is an exception to the library and needs its reason on the order.
  if (input.concentration.source === 'custom' && input.overrideReason === undefined) {
    blockers.push({
      code: 'order.custom-concentration-reason-required',
      message: 'A custom concentration needs an override reason.',
      field: 'body.overrideReason',
    });
  }
  return blockers;
}

async function computeOrder(
  tx: Tx,
  scope: Scope,
  course: CourseRow,
  input: OrderInput,
  now: Date,
): Promise<ComputedOrder> {
  if (input.sessionNumber > course.totalSessions) {
    throw new DomainError(
      'order.session-out-of-course',
      400,
      `The course has ${String(course.totalSessions)} sessions; choose a session from 1 to ${String(course.totalSessions)}.`,
      'body.sessionNumber',
    );
  }
  const ref = { id: course.protocolId, version: course.protocolVersion };
  const protocol = findProtocol(ref);
  if (protocol === undefined || findDrugLibrary(protocol.drugLibrary) === undefined) {
    throw new Error(`course protocol ${ref.id}@${ref.version} is not in the registry`);
  }
  const patient = await requirePatient(tx, scope, course.patientId);
  const weights = await weightsOf(tx, scope, course.patientId);
  const [current, previous] = weights;
  if (current === undefined) {
    throw conflict('order.no-weight', 'Record the patient’s weight first.', 'body');
  }
  const heightCm = weights.find((w) => w.heightCm !== null)?.heightCm;
  if (heightCm === undefined || heightCm === null) {
    throw conflict('order.no-height', 'Record the patient’s height with a weight first.', 'body');
  }
  const sexAtBirth = patient.sexAtBirth;
  const recordedSex = sexAtBirth === 'female' || sexAtBirth === 'male' ? sexAtBirth : undefined;
  if (
    recordedSex !== undefined &&
    input.sexForBodySize !== undefined &&
    input.sexForBodySize !== recordedSex
  ) {
    throw new DomainError(
      'order.sex-conflict',
      400,
      'The patient’s recorded sex at birth is used for body-size equations; omit sexForBodySize.',
      'body.sexForBodySize',
    );
  }
  const sex = recordedSex ?? input.sexForBodySize;
  if (sex === undefined) {
    throw new DomainError(
      'order.sex-required',
      400,
      'The patient’s sex at birth is not female or male; choose the sex for the body-size equations.',
      'body.sexForBodySize',
    );
  }
  const timeZone = await clinicTimeZone(tx, scope.clinicId);
  const check = weightNeedsReconfirmation({
    protocol,
    current: {
      weightKg: current.weightKg,
      measuredOn: calendarDateIn(timeZone, current.measuredAt),
    },
    previous:
      previous === undefined
        ? null
        : {
            weightKg: previous.weightKg,
            measuredOn: calendarDateIn(timeZone, previous.measuredAt),
          },
    today: calendarDateIn(timeZone, now),
  });
  if (!check.ok) throw fromCoreError(check.error, 409, 'weight');
  // Planned course total: the session doses of the other sessions' active orders (what the
  // course cap must leave room for); amounts actually given are re-checked at the pump.
  const others = activeOrders(await ordersOf(tx, scope, course.id)).filter(
    (o) => o.sessionNumber !== input.sessionNumber,
  );
  const plannedCourseMg = others.reduce((sum, o) => sum + o.sessionDoseMg, 0);
  const doseInput: DoseInput = {
    protocol: ref,
    patient: { weightKg: current.weightKg, heightCm, sex },
    concentration: input.concentration,
    alreadyGivenMg: { session: 0, day: 0, course: plannedCourseMg },
    ...(input.orderedDose === undefined ? {} : { orderedDose: input.orderedDose }),
    ...(input.plannedDurationMin === undefined
      ? {}
      : { plannedDurationMin: input.plannedDurationMin }),
    ...(input.overrideReason === undefined ? {} : { overrideReason: input.overrideReason }),
  };
  const calculation = calculateDose(doseInput);
  if (!calculation.ok) throw fromCoreError(calculation.error);
  return {
    weight: current,
    heightCm,
    weightCheck: check.value,
    calculation: calculation.value,
    blockers: blockersOf(input, check.value, calculation.value),
  };
}

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
