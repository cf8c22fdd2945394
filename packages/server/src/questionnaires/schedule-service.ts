/**
 * Course questionnaire schedules as the clinic edits them: read the course's schedule (the shipped
 * default until edited, version 0), replace it (optimistic concurrency on `version`; every saved
 * version kept in the append-only history with who, when and why) and read the history. Reads and
 * writes are audited with ids and versions only.
 */
import type {
  CourseQuestionnaireSchedule,
  CourseQuestionnaireScheduleUpdate,
} from '@ketaflow/contract';
import { parseQuestionnaireSchedule, type QuestionnaireSchedule } from '@ketaflow/core';
import { and, desc, eq } from 'drizzle-orm';
import { canonicalJson } from '../audit/chain.ts';
import { courses } from '../courses/schema.ts';
import type { Tx } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { notFound, staleVersion } from '../http/errors.ts';
import { shippedSchedule } from './course-calendar.ts';
import { itemDatesOf, scheduleDocument, type ItemDates } from './schedule-document.ts';
import { courseQuestionnaireScheduleVersions, courseQuestionnaireSchedules } from './schema.ts';

interface Saved {
  readonly version: number;
  readonly schedule: unknown;
  readonly changeNote: string | null;
  readonly changedBy: string | null;
  readonly changedAt: Date | null;
}

function viewOf(courseId: string, protocolId: string, saved: Saved): CourseQuestionnaireSchedule {
  const parsed = saved.version === 0 ? null : parseQuestionnaireSchedule(saved.schedule);
  // A stored edit was validated by core when saved; should a later core reject it, the course
  // falls back to the default everywhere (course-calendar.ts), so show that.
  const schedule: QuestionnaireSchedule =
    parsed?.ok === true ? parsed.value : shippedSchedule(protocolId);
  const dates: ItemDates = parsed?.ok === true ? itemDatesOf(saved.schedule) : new Map();
  return {
    courseId,
    version: saved.version,
    edited: parsed?.ok === true,
    basedOn: `${schedule.ref.id}@${schedule.ref.version}`,
    followUpDaysAfterLastSession: schedule.followUpDaysAfterLastSession,
    items: schedule.items.map((item) => ({
      id: item.id,
      instrumentId: item.instrumentId,
      respondent: item.respondent,
      ...(item.conditions === undefined ? {} : { conditions: [...item.conditions] }),
      trigger: item.trigger,
      ...dates.get(item.id),
    })),
    changeNote: saved.changeNote,
    changedBy: saved.changedBy,
    changedAt: saved.changedAt?.toISOString() ?? null,
  };
}

const DEFAULT: Saved = {
  version: 0,
  schedule: null,
  changeNote: null,
  changedBy: null,
  changedAt: null,
};

/** The course of the clinic (404 for a foreign or unknown id), locked when about to change. */
async function courseOf(
  tx: Tx,
  clinicId: string,
  courseId: string,
  forUpdate = false,
): Promise<{ patientId: string; protocolId: string }> {
  const query = tx
    .select({ patientId: courses.patientId, protocolId: courses.protocolId })
    .from(courses)
    .where(and(eq(courses.id, courseId), eq(courses.clinicId, clinicId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (row === undefined) throw notFound('course');
  return row;
}

async function savedOf(tx: Tx, clinicId: string, courseId: string): Promise<Saved> {
  const [row] = await tx
    .select()
    .from(courseQuestionnaireSchedules)
    .where(
      and(
        eq(courseQuestionnaireSchedules.courseId, courseId),
        eq(courseQuestionnaireSchedules.clinicId, clinicId),
      ),
    );
  if (row === undefined) return DEFAULT;
  const [history] = await tx
    .select({ changeNote: courseQuestionnaireScheduleVersions.changeNote })
    .from(courseQuestionnaireScheduleVersions)
    .where(
      and(
        eq(courseQuestionnaireScheduleVersions.courseId, courseId),
        eq(courseQuestionnaireScheduleVersions.version, row.version),
      ),
    );
  return {
    version: row.version,
    schedule: row.schedule,
    changeNote: history?.changeNote ?? null,
    changedBy: row.updatedBy,
    changedAt: row.updatedAt,
  };
}

/** The course's current schedule (care team). */
export function courseSchedule(
  ctx: ServiceContext,
  courseId: string,
): Promise<CourseQuestionnaireSchedule> {
  ctx.scope.require('questionnaire.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const course = await courseOf(tx, ctx.scope.clinicId, courseId);
    const saved = await savedOf(tx, ctx.scope.clinicId, courseId);
    audit({
      action: 'questionnaire-schedule.read',
      resourceType: 'course',
      resourceId: courseId,
      patientId: course.patientId,
      outcome: 'success',
      detail: { version: saved.version },
    });
    return viewOf(courseId, course.protocolId, saved);
  });
}

/**
 * Replaces the course's schedule. `version` must be the current one (0 = the default), otherwise
 * 409; resending the request that produced the current version returns it unchanged (a retry).
 */
export function updateCourseSchedule(
  ctx: ServiceContext,
  courseId: string,
  body: CourseQuestionnaireScheduleUpdate,
  now: Date,
): Promise<{ schedule: CourseQuestionnaireSchedule; changed: boolean }> {
  ctx.scope.require('questionnaire-schedule.edit');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const course = await courseOf(tx, ctx.scope.clinicId, courseId, true);
    // The edit is a version of the schedule the course's protocol starts with.
    const { document } = scheduleDocument(
      shippedSchedule(course.protocolId),
      body.followUpDaysAfterLastSession,
      body.items,
    );
    const current = await savedOf(tx, ctx.scope.clinicId, courseId);
    const isRetry =
      current.version === body.version + 1 &&
      current.changedBy === ctx.scope.userId &&
      current.changeNote === body.changeNote &&
      canonicalJson(current.schedule) === canonicalJson(document);
    if (isRetry) return { schedule: viewOf(courseId, course.protocolId, current), changed: false };
    if (current.version !== body.version) throw staleVersion('questionnaire-schedule');
    const version = body.version + 1;
    const row = { schedule: document, version, updatedBy: ctx.scope.userId, updatedAt: now };
    if (body.version === 0) {
      await tx
        .insert(courseQuestionnaireSchedules)
        .values({ courseId, clinicId: ctx.scope.clinicId, ...row });
    } else {
      await tx
        .update(courseQuestionnaireSchedules)
        .set(row)
        .where(eq(courseQuestionnaireSchedules.courseId, courseId));
    }
    await tx.insert(courseQuestionnaireScheduleVersions).values({
      courseId,
      version,
      clinicId: ctx.scope.clinicId,
      schedule: document,
      changeNote: body.changeNote,
      changedBy: ctx.scope.userId,
      changedAt: now,
    });
    audit({
      action: 'questionnaire-schedule.update',
      resourceType: 'course',
      resourceId: courseId,
      patientId: course.patientId,
      outcome: 'success',
      detail: { version, items: body.items.length },
    });
    const saved: Saved = {
      version,
      schedule: document,
      changeNote: body.changeNote,
      changedBy: ctx.scope.userId,
      changedAt: now,
    };
    return { schedule: viewOf(courseId, course.protocolId, saved), changed: true };
  });
}

/** Every saved version of the course's schedule, newest first (empty while it is the default). */
export function courseScheduleHistory(
  ctx: ServiceContext,
  courseId: string,
): Promise<{ items: CourseQuestionnaireSchedule[] }> {
  ctx.scope.require('questionnaire.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const course = await courseOf(tx, ctx.scope.clinicId, courseId);
    const rows = await tx
      .select()
      .from(courseQuestionnaireScheduleVersions)
      .where(
        and(
          eq(courseQuestionnaireScheduleVersions.courseId, courseId),
          eq(courseQuestionnaireScheduleVersions.clinicId, ctx.scope.clinicId),
        ),
      )
      .orderBy(desc(courseQuestionnaireScheduleVersions.version));
    audit({
      action: 'questionnaire-schedule.history-read',
      resourceType: 'course',
      resourceId: courseId,
      patientId: course.patientId,
      outcome: 'success',
      detail: { versions: rows.length },
    });
    return { items: rows.map((r) => viewOf(courseId, course.protocolId, r)) };
  });
}
