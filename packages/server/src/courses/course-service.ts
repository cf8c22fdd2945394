/**
 * Course use cases: list the protocols a prescriber can choose from (core's registry), create a course
 * for a patient whose latest signed screening decision is eligible (or eligible with conditions) and
 * was made on the current intake, read and list courses with their active orders.
 */
import type { Course } from '@ketaflow/contract';
import type { z } from 'zod';
import type { CourseCreate } from '@ketaflow/contract';
import { findDrugLibrary, findProtocol, listProtocols, type Protocol } from '@ketaflow/core';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError, notFound } from '../http/errors.ts';
import { latestIntake } from '../intake/repository.ts';
import { requirePatient } from '../intake/service.ts';
import { isReplay, mappingDuplicateId, requestHash } from '../intake/write-id.ts';
import { latestDecision } from '../screening/repository.ts';
import { orderOf } from './order-view.ts';
import {
  activeOrders,
  courseWrite,
  coursesOf,
  findCourse,
  insertCourse,
  ordersOf,
  type CourseRow,
  type OrderRow,
} from './repository.ts';
import type { CoursePhase } from './schema.ts';

export function protocolSummary(p: Protocol) {
  const library = findDrugLibrary(p.drugLibrary);
  if (library === undefined) throw new Error(`drug library of ${p.ref.id} is not loaded`);
  return {
    ref: p.ref,
    status: p.status,
    title: p.title,
    indication: p.indication,
    doseBasis: p.dosing.basis,
    typicalDose: p.dosing.typicalDose,
    sessionDurationMin: p.sessionDurationMin,
    phases: p.phases.map((ph) => ({ ...ph })),
    standardConcentrationsMgPerMl: [...library.standardConcentrationsMgPerMl],
    customConcentration: { ...library.customConcentration },
  };
}

/** Every protocol version of core's registry (drafts included, with their status shown). */
export function protocols(ctx: ServiceContext) {
  ctx.scope.require('course.read');
  return { items: listProtocols().map(protocolSummary) };
}

/** The phases of a protocol with their session numbers (1-based, consecutive). */
export function coursePhases(protocol: Protocol): CoursePhase[] {
  let next = 1;
  return protocol.phases.map((ph) => {
    const phase = { ...ph, firstSession: next, lastSession: next + ph.sessionCount - 1 };
    next += ph.sessionCount;
    return phase;
  });
}

export function courseOf(row: CourseRow, orders: readonly OrderRow[]): Course {
  return {
    id: row.id,
    patientId: row.patientId,
    screeningDecisionId: row.screeningDecisionId,
    protocol: { id: row.protocolId, version: row.protocolVersion },
    phases: [...row.phases],
    totalSessions: row.totalSessions,
    doseBasis: row.doseBasis,
    weightScalar: row.weightScalar,
    status: row.status,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    activeOrders: activeOrders(orders).map((o) => orderOf(o, true)),
  };
}

const refuse = (code: string, message: string, field: string): DomainError =>
  new DomainError(code, 422, message, field);

export async function createCourse(
  ctx: ServiceContext,
  patientId: string,
  body: z.infer<typeof CourseCreate>,
  now: Date,
): Promise<{ course: Course; created: boolean }> {
  ctx.scope.require('course.create');
  const hash = requestHash('course.create', patientId, body);
  return mappingDuplicateId(
    'courses',
    inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      await requirePatient(tx, ctx.scope, patientId, { forUpdate: true });
      const existing = await courseWrite(tx, body.id);
      if (isReplay(existing, hash) && existing !== undefined) {
        if (existing.clinicId !== ctx.scope.clinicId) throw notFound('course');
        return {
          course: courseOf(existing, await ordersOf(tx, ctx.scope, existing.id)),
          created: false,
        };
      }
      const protocol = findProtocol(body.protocol);
      if (protocol === undefined) {
        throw refuse(
          'course.unknown-protocol',
          `No protocol ${body.protocol.id}@${body.protocol.version} in the registry; choose one from GET /protocols.`,
          'body.protocol',
        );
      }
      const decision = await latestDecision(tx, ctx.scope, patientId);
      if (decision === undefined || decision.decision === 'not-eligible') {
        throw refuse(
          'course.not-eligible',
          decision === undefined
            ? 'No screening decision is signed; a prescriber must sign the patient eligible first.'
            : 'The latest signed screening decision is not eligible.',
          'params.patientId',
        );
      }
      const intake = await latestIntake(tx, ctx.scope, patientId);
      if (intake === undefined || intake.version !== decision.intakeVersion) {
        throw new DomainError(
          'course.screening-outdated',
          409,
          `The intake changed after the screening decision (decided on version ${String(decision.intakeVersion)}); screen the current intake and sign again.`,
          'params.patientId',
        );
      }
      const phases = coursePhases(protocol);
      const row = await insertCourse(tx, {
        id: body.id,
        clinicId: ctx.scope.clinicId,
        patientId,
        screeningDecisionId: decision.id,
        protocolId: protocol.ref.id,
        protocolVersion: protocol.ref.version,
        phases,
        totalSessions: phases.reduce((n, p) => n + p.sessionCount, 0),
        doseBasis: protocol.dosing.basis,
        weightScalar: protocol.dosing.weightScalar,
        requestHash: hash,
        createdBy: ctx.scope.userId,
        createdAt: now,
      });
      audit({
        action: 'course.create',
        resourceType: 'course',
        resourceId: row.id,
        patientId,
        outcome: 'success',
        detail: {
          protocol: `${row.protocolId}@${row.protocolVersion}`,
          screeningDecision: decision.id,
          totalSessions: row.totalSessions,
        },
      });
      return { course: courseOf(row, []), created: true };
    }),
  );
}

export function getCourse(ctx: ServiceContext, courseId: string): Promise<Course> {
  ctx.scope.require('course.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const row = await findCourse(tx, ctx.scope, courseId);
    if (row === undefined) throw notFound('course');
    const orders = await ordersOf(tx, ctx.scope, courseId);
    audit({
      action: 'course.read',
      resourceType: 'course',
      resourceId: row.id,
      patientId: row.patientId,
      outcome: 'success',
      detail: {},
    });
    return courseOf(row, orders);
  });
}

export function listCourses(ctx: ServiceContext, patientId: string) {
  ctx.scope.require('course.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const rows = await coursesOf(tx, ctx.scope, patientId);
    audit({
      action: 'course.list',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { count: rows.length },
    });
    return {
      items: rows.map((r) => {
        const { activeOrders: _omit, ...rest } = courseOf(r, []);
        return rest;
      }),
    };
  });
}
