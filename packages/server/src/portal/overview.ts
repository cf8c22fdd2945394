/**
 * The patient's own portal overview: how to greet them, their courses, upcoming infusions and how
 * to prepare (the cited patient-instructions text, sections chosen by their protocols' pre-check
 * flags). Reads only actor.patientId's rows; audited.
 */
import {
  defaultPreparationInstructions,
  findProtocol,
  preparationSections,
  type PreparationFlags,
} from '@ketaflow/core';
import { and, asc, eq, gte, ne } from 'drizzle-orm';
import { courses } from '../courses/schema.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { patients } from '../patients/schema.ts';
import { infusionSessions } from '../sessions/schema.ts';

export interface PortalOverviewView {
  readonly patientId: string;
  readonly preferredName: string;
  readonly courses: {
    courseId: string;
    protocol: string;
    totalSessions: number;
    status: string;
    startedOn: string;
  }[];
  readonly upcomingSessions: {
    sessionId: string;
    courseId: string;
    scheduledStartAt: string;
    state: string;
  }[];
  readonly preparation: {
    source: string;
    sections: { id: string; heading: string; text: string }[];
  };
}

/** Protocol pre-check flags over the patient's courses (any course setting one counts). */
function flagsOf(protocols: readonly { id: string; version: string }[]): PreparationFlags | null {
  const found = protocols.map((ref) => findProtocol(ref)).filter((p) => p !== undefined);
  if (found.length === 0) return null;
  return {
    fastingRequired: found.some((p) => p.preChecks.fastingRequired),
    escortRequired: found.some((p) => p.preChecks.escortRequired),
  };
}

function preparationFor(
  protocols: readonly { id: string; version: string }[],
): PortalOverviewView['preparation'] {
  const instructions = defaultPreparationInstructions();
  // The shipped file is checked by core's tests; a corrupt release is a programming error.
  if (!instructions.ok) throw new Error(`preparation text invalid: ${instructions.error.message}`);
  const { ref } = instructions.value;
  return {
    source: `${ref.id}@${ref.version}`,
    sections: preparationSections(instructions.value, flagsOf(protocols)).map((s) => ({
      id: s.id,
      heading: s.heading,
      text: s.text,
    })),
  };
}

export function portalOverview(ctx: ServiceContext, now: Date): Promise<PortalOverviewView> {
  ctx.scope.require('questionnaire.answer-own');
  const patientId = ctx.scope.actor.patientId;
  if (patientId === null) throw forbidden('questionnaire.answer-own');
  const clinicId = ctx.scope.clinicId;
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const [patient] = await tx
      .select({ given: patients.legalGivenName, preferred: patients.preferredName })
      .from(patients)
      .where(and(eq(patients.id, patientId), eq(patients.clinicId, clinicId)));
    if (patient === undefined) throw notFound('patient');
    const timeZone = await clinicTimeZone(tx, clinicId);
    const courseRows = await tx
      .select()
      .from(courses)
      .where(and(eq(courses.clinicId, clinicId), eq(courses.patientId, patientId)))
      .orderBy(asc(courses.createdAt));
    const sessions = await tx
      .select()
      .from(infusionSessions)
      .where(
        and(
          eq(infusionSessions.clinicId, clinicId),
          eq(infusionSessions.patientId, patientId),
          ne(infusionSessions.state, 'cancelled'),
          gte(infusionSessions.scheduledStartAt, now),
        ),
      )
      .orderBy(asc(infusionSessions.scheduledStartAt))
      .limit(20);
    audit({
      action: 'portal.overview-read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { courses: courseRows.length, upcomingSessions: sessions.length },
    });
    return {
      patientId,
      preferredName: patient.preferred ?? patient.given,
      courses: courseRows.map((c) => ({
        courseId: c.id,
        protocol: `${c.protocolId}@${c.protocolVersion}`,
        totalSessions: c.totalSessions,
        status: c.status,
        startedOn: calendarDateIn(timeZone, c.createdAt),
      })),
      upcomingSessions: sessions.map((s) => ({
        sessionId: s.id,
        courseId: s.courseId,
        scheduledStartAt: s.scheduledStartAt.toISOString(),
        state: s.state,
      })),
      preparation: preparationFor(
        courseRows.map((c) => ({ id: c.protocolId, version: c.protocolVersion })),
      ),
    };
  });
}
