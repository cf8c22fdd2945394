/**
 * Questionnaires of a course:
 * - `course_questionnaire_schedules`: the clinic's edited schedule of one course (a
 *   questionnaire-schedules knowledge document); absent = the protocol's default from core.
 * - `course_questionnaire_schedule_versions` (append-only): every saved version of that schedule,
 *   with who changed it, when and why (the history of the clinic's edits).
 * - `questionnaire_responses` (append-only): one answered questionnaire with the instrument
 *   id@version, the answers and core's complete score. Daily NRS diary entries are responses too.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  index,
  primaryKey,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { courses } from '../courses/schema.ts';
import { patients } from '../patients/schema.ts';
import { users } from '../users/schema.ts';

export const courseQuestionnaireSchedules = pgTable('course_questionnaire_schedules', {
  courseId: uuid('course_id')
    .primaryKey()
    .references(() => courses.id),
  clinicId: uuid('clinic_id')
    .notNull()
    .references(() => clinics.id),
  /** The whole schedule document (core parseQuestionnaireSchedule validates it). */
  schedule: jsonb('schedule').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by')
    .notNull()
    .references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const courseQuestionnaireScheduleVersions = pgTable(
  'course_questionnaire_schedule_versions',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    version: integer('version').notNull(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    schedule: jsonb('schedule').notNull(),
    changeNote: text('change_note').notNull(),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.version] })],
);

export const questionnaireResponses = pgTable(
  'questionnaire_responses',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    courseId: uuid('course_id').references(() => courses.id),
    /** The schedule item and due date this answers (null for an unscheduled entry). */
    itemId: text('item_id'),
    dueOn: date('due_on', { mode: 'string' }),
    instrumentId: text('instrument_id').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    /** core CompleteScore.score (unit per instrument). */
    score: doublePrecision('score').notNull(),
    bandCode: text('band_code'),
    /** core flags raised (e.g. phq9.item9-positive). */
    flags: jsonb('flags').$type<readonly string[]>().notNull(),
    /** The clinic-local day answered. */
    answeredOn: date('answered_on', { mode: 'string' }).notNull(),
    respondent: text('respondent', { enum: ['patient', 'clinician'] }).notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    requestHash: text('request_hash').notNull(),
  },
  (t) => [
    index('questionnaire_responses_patient').on(t.patientId, t.instrumentId, t.answeredOn),
    check('questionnaire_responses_due', sql`(${t.itemId} IS NULL) = (${t.dueOn} IS NULL)`),
  ],
);
