/**
 * Questionnaire reminders through the outbox. `planQuestionnaireReminders` writes one reminder per
 * open (due or overdue) patient questionnaire occurrence, keyed so that re-running never duplicates
 * (core questionnairesDue decides what is open); `markDueReminders` is the worker step that moves
 * pending messages whose time has come to `ready` for the delivery adapters (which come later).
 * Payloads hold ids and codes only, never names or answers.
 */
import { and, eq, lte, sql } from 'drizzle-orm';
import { appendAuditEvents, type AuditEventInput } from '../audit/append.ts';
import type { Db } from '../db/client.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { memberships } from '../users/schema.ts';
import { courseDue, patientCourses } from '../questionnaires/course-calendar.ts';
import { patientResponses } from '../questionnaires/repository.ts';
import { outboxMessages } from './schema.ts';

export const REMINDER_KIND = 'questionnaire.reminder';

/** The worker acts as the system, not as a user: audit events carry no user and no address. */
export const workerAudit = (clinicId: string, step: string) => ({
  userId: null,
  role: null,
  clinicId,
  sourceIp: null,
  requestId: `worker:outbox:${step}`,
});

/**
 * Plans reminders for every patient of `clinicId` who has a portal account. Returns how many new
 * messages were written (existing keys are skipped).
 */
export async function planQuestionnaireReminders(
  db: Db,
  clinicId: string,
  now: Date,
): Promise<number> {
  return db.transaction(async (tx) => {
    const timeZone = await clinicTimeZone(tx, clinicId);
    const today = calendarDateIn(timeZone, now);
    const accounts = await tx
      .selectDistinct({ patientId: memberships.patientId })
      .from(memberships)
      .where(and(eq(memberships.clinicId, clinicId), eq(memberships.role, 'patient')));
    let written = 0;
    // Planning reads each patient's courses and answers: one audit event per reminder written,
    // appended in this transaction with the messages themselves.
    const events: AuditEventInput[] = [];
    for (const { patientId } of accounts) {
      if (patientId === null) continue;
      const courses = await patientCourses(tx, clinicId, patientId, timeZone);
      const responses = await patientResponses(tx, clinicId, patientId);
      for (const course of courses) {
        const answered = responses
          .filter((r) => r.courseId === course.courseId && r.itemId !== null && r.dueOn !== null)
          .map((r) => ({
            itemId: r.itemId ?? '',
            dueOn: r.dueOn ?? '',
            completedOn: r.answeredOn,
          }));
        const due = courseDue(course, answered, today);
        if (!due.ok) continue;
        for (const o of due.value.occurrences) {
          if (o.respondent !== 'patient' || (o.status !== 'due' && o.status !== 'overdue'))
            continue;
          const inserted = await tx
            .insert(outboxMessages)
            .values({
              clinicId,
              patientId,
              kind: REMINDER_KIND,
              dedupeKey: `${REMINDER_KIND}:${course.courseId}:${o.itemId}:${o.dueOn}`,
              payload: {
                courseId: course.courseId,
                itemId: o.itemId,
                instrumentId: o.instrumentId,
                dueOn: o.dueOn,
              },
              dueAt: now,
              createdAt: now,
            })
            .onConflictDoNothing()
            .returning({ id: outboxMessages.id });
          written += inserted.length;
          for (const { id } of inserted) {
            events.push({
              action: 'outbox.reminder-planned',
              resourceType: 'outbox_message',
              resourceId: id,
              patientId,
              outcome: 'success',
              detail: { kind: REMINDER_KIND, instrumentId: o.instrumentId },
            });
          }
        }
      }
    }
    await appendAuditEvents(tx, workerAudit(clinicId, 'plan'), events);
    return written;
  });
}

/** Worker step: pending messages due by `now` become ready. Returns how many were marked. */
export async function markDueReminders(db: Db, now: Date): Promise<number> {
  const marked = await db
    .update(outboxMessages)
    .set({ status: 'ready', readyAt: now })
    .where(and(eq(outboxMessages.status, 'pending'), lte(outboxMessages.dueAt, now)))
    .returning({ id: outboxMessages.id });
  return marked.length;
}

/** Count of messages by status for a clinic (monitoring). */
export async function outboxCounts(db: Db, clinicId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: outboxMessages.status, n: sql<number>`count(*)::int` })
    .from(outboxMessages)
    .where(eq(outboxMessages.clinicId, clinicId))
    .groupBy(outboxMessages.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
