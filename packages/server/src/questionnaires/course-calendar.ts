/**
 * Reads what core's questionnairesDue needs about a patient's courses: the start date, the
 * planned and past infusion dates (clinic-local) and the course's schedule (the clinic's edited one,
 * or the shipped default); `courseDue` runs core on one course and applies the items' start and
 * stop dates.
 */
import {
  defaultScheduleForProtocol,
  parseQuestionnaireSchedule,
  questionnairesDue,
  type CourseCalendar,
  type QuestionnaireOccurrence,
  type QuestionnaireSchedule,
  type Result,
  type ScheduleResponse,
} from '@ketaflow/core';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { courses } from '../courses/schema.ts';
import type { Tx } from '../db/client.ts';
import { calendarDateIn } from '../intake/clinic-date.ts';
import { intakeVersions } from '../intake/schema.ts';
import { infusionSessions } from '../sessions/schema.ts';
import { itemDatesOf, withinItemDates, type ItemDates } from './schedule-document.ts';
import { courseQuestionnaireSchedules } from './schema.ts';

export interface PatientCourse {
  readonly courseId: string;
  readonly protocol: string;
  readonly totalSessions: number;
  readonly status: string;
  readonly calendar: CourseCalendar;
  readonly schedule: QuestionnaireSchedule;
  /** The schedule's id@version, with the clinic's edit number when edited. */
  readonly scheduleLabel: string;
  readonly itemDates: ItemDates;
}

/** The schedule a course of `protocolId` starts with (core's per-protocol defaults file). */
export const shippedSchedule = (protocolId: string): QuestionnaireSchedule =>
  defaultScheduleForProtocol(protocolId).schedule;

/** The diagnoses of an intake document (contract IntakeDocument; validated when it was saved). */
const IntakeDiagnoses = z.object({
  diagnoses: z.array(z.object({ code: z.string() })).optional(),
});

/** ICD-10-CM codes of the patient's current intake (none without an intake). */
async function diagnosisCodesOf(tx: Tx, clinicId: string, patientId: string): Promise<string[]> {
  const [latest] = await tx
    .select({ document: intakeVersions.document })
    .from(intakeVersions)
    .where(and(eq(intakeVersions.clinicId, clinicId), eq(intakeVersions.patientId, patientId)))
    .orderBy(desc(intakeVersions.version))
    .limit(1);
  const parsed = IntakeDiagnoses.safeParse(latest?.document ?? {});
  return parsed.success ? (parsed.data.diagnoses ?? []).map((d) => d.code) : [];
}

/** Every course of one patient of the clinic, oldest first, with its calendar and schedule. */
export async function patientCourses(
  tx: Tx,
  clinicId: string,
  patientId: string,
  timeZone: string,
): Promise<PatientCourse[]> {
  const courseRows = await tx
    .select()
    .from(courses)
    .where(and(eq(courses.clinicId, clinicId), eq(courses.patientId, patientId)))
    .orderBy(asc(courses.createdAt));
  const sessionRows = await tx
    .select({
      courseId: infusionSessions.courseId,
      scheduledStartAt: infusionSessions.scheduledStartAt,
    })
    .from(infusionSessions)
    .where(
      and(
        eq(infusionSessions.clinicId, clinicId),
        eq(infusionSessions.patientId, patientId),
        ne(infusionSessions.state, 'cancelled'),
      ),
    );
  const edited = await tx
    .select()
    .from(courseQuestionnaireSchedules)
    .where(eq(courseQuestionnaireSchedules.clinicId, clinicId));
  const editedBy = new Map(edited.map((row) => [row.courseId, row]));
  // Condition-specific items (FIQR for fibromyalgia, the CRPS severity score) follow the intake.
  const diagnosisCodes = await diagnosisCodesOf(tx, clinicId, patientId);
  return courseRows.map((course) => {
    const stored = editedBy.get(course.id);
    const parsed = stored === undefined ? null : parseQuestionnaireSchedule(stored.schedule);
    const schedule = parsed?.ok === true ? parsed.value : shippedSchedule(course.protocolId);
    const ref = `${schedule.ref.id}@${schedule.ref.version}`;
    return {
      courseId: course.id,
      protocol: `${course.protocolId}@${course.protocolVersion}`,
      totalSessions: course.totalSessions,
      status: course.status,
      calendar: {
        startDate: calendarDateIn(timeZone, course.createdAt),
        sessionDates: sessionRows
          .filter((s) => s.courseId === course.id)
          .map((s) => calendarDateIn(timeZone, s.scheduledStartAt)),
        diagnosisCodes,
      },
      schedule,
      scheduleLabel:
        parsed?.ok === true && stored !== undefined
          ? `${ref} (clinic edit ${String(stored.version)})`
          : ref,
      itemDates:
        parsed?.ok === true && stored !== undefined ? itemDatesOf(stored.schedule) : new Map(),
    };
  });
}

/** Core's due list for one course, without the occurrences outside an item's start and stop dates. */
export function courseDue(
  course: PatientCourse,
  answered: readonly ScheduleResponse[],
  today: string,
): Result<{ occurrences: QuestionnaireOccurrence[] }> {
  const due = questionnairesDue(course.schedule, course.calendar, answered, today);
  if (!due.ok) return due;
  return {
    ok: true,
    value: { occurrences: withinItemDates(due.value.occurrences, course.itemDates) },
  };
}
