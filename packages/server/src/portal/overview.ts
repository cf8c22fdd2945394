/**
 * The patient's own portal overview: how to greet them, their courses and upcoming infusions. Reads
 * only actor.patientId's rows; audited.
 */
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
    };
  });
}
