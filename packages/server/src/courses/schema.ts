/**
 * Treatment courses and their signed per-session orders.
 *
 * `courses`: a prescriber's choice of protocol id@version for a patient with a signed eligible (or
 * eligible-with-conditions) screening decision; phases, session count and dose basis copied from the
 * protocol so the course reads the same even if the registry changes.
 *
 * `orders`: one row per signed order version. Append-only (db/harden.ts APPEND_ONLY_TABLES: INSERT and
 * SELECT only for the app role, and a trigger refusing UPDATE/DELETE/TRUNCATE), so a signed order can
 * never change. Every row is signed at insert; there are no drafts (a prescriber previews with
 * `POST /courses/{id}/orders/preview`, which stores nothing). A change is a new row for the same
 * (course_id, session_number) with version + 1, `supersedes_order_id` = the previous row and a
 * `change_reason`. The ACTIVE order of a session is its highest version (`activeSignedOrder`).
 *
 * Order columns the infusion-session feature reads (all numbers exact decimals; units in names):
 * - id, course_id, patient_id, clinic_id, session_number (1-based), version
 * - protocol_id/protocol_version, drug_library_id/drug_library_version: the knowledge used
 * - weight_measurement_id, weight_kg, height_cm: the weight (and height) the dose was computed from
 * - concentration_mg_per_ml, concentration_source ('library' | 'custom')
 * - dose_basis ('mg/kg/h' | 'mg/h'), dose_ordered, dose_delivered (in dose_basis)
 * - rate_mg_per_h (delivered at the pump rate), rate_ml_per_h (pump setting, rounded down to the
 *   library's resolution), duration_min, session_dose_mg, volume_ml
 * - override_reason (soft limits crossed), calculation (core's full DoseCalculation: inputs, formula,
 *   every limit checked with its source, knowledge refs), weight_check (core's WeightCheck)
 * - signed_by, signed_at
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { patients } from '../patients/schema.ts';
import { users } from '../users/schema.ts';
import { screeningDecisions } from '../screening/schema.ts';
import { weightMeasurements } from '../intake/schema.ts';

export const COURSE_STATUSES = ['active', 'completed', 'discontinued'] as const;

/** A course phase as copied from the protocol. */
export interface CoursePhase {
  readonly name: string;
  readonly sessionCount: number;
  readonly maxSessionsPerDay: number;
  /** First and last session number of the phase (1-based, inclusive). */
  readonly firstSession: number;
  readonly lastSession: number;
}

export const courses = pgTable(
  'courses',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    screeningDecisionId: uuid('screening_decision_id')
      .notNull()
      .references(() => screeningDecisions.id),
    protocolId: text('protocol_id').notNull(),
    protocolVersion: text('protocol_version').notNull(),
    phases: jsonb('phases').$type<readonly CoursePhase[]>().notNull(),
    totalSessions: integer('total_sessions').notNull(),
    doseBasis: text('dose_basis', { enum: ['mg/kg/h', 'mg/h'] }).notNull(),
    weightScalar: text('weight_scalar').notNull(),
    status: text('status', { enum: COURSE_STATUSES }).notNull().default('active'),
    version: integer('version').notNull().default(1),
    requestHash: text('request_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('courses_patient').on(t.patientId, t.createdAt),
    check('courses_total_sessions_positive', sql`${t.totalSessions} >= 1`),
  ],
);

export const orders = pgTable(
  'orders',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    sessionNumber: integer('session_number').notNull(),
    version: integer('version').notNull(),
    supersedesOrderId: uuid('supersedes_order_id').references((): AnyPgColumn => orders.id),
    changeReason: text('change_reason'),
    protocolId: text('protocol_id').notNull(),
    protocolVersion: text('protocol_version').notNull(),
    drugLibraryId: text('drug_library_id').notNull(),
    drugLibraryVersion: text('drug_library_version').notNull(),
    weightMeasurementId: uuid('weight_measurement_id')
      .notNull()
      .references(() => weightMeasurements.id),
    weightKg: numeric('weight_kg', { mode: 'number' }).notNull(),
    heightCm: numeric('height_cm', { mode: 'number' }).notNull(),
    concentrationMgPerMl: numeric('concentration_mg_per_ml', { mode: 'number' }).notNull(),
    concentrationSource: text('concentration_source', { enum: ['library', 'custom'] }).notNull(),
    doseBasis: text('dose_basis', { enum: ['mg/kg/h', 'mg/h'] }).notNull(),
    doseOrdered: numeric('dose_ordered', { mode: 'number' }).notNull(),
    doseDelivered: numeric('dose_delivered', { mode: 'number' }).notNull(),
    rateMgPerH: numeric('rate_mg_per_h', { mode: 'number' }).notNull(),
    rateMlPerH: numeric('rate_ml_per_h', { mode: 'number' }).notNull(),
    durationMin: integer('duration_min').notNull(),
    sessionDoseMg: numeric('session_dose_mg', { mode: 'number' }).notNull(),
    volumeMl: numeric('volume_ml', { mode: 'number' }).notNull(),
    overrideReason: text('override_reason'),
    calculation: jsonb('calculation').$type<Record<string, unknown>>().notNull(),
    weightCheck: jsonb('weight_check').$type<Record<string, unknown>>().notNull(),
    requestHash: text('request_hash').notNull(),
    signedBy: uuid('signed_by')
      .notNull()
      .references(() => users.id),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('orders_course_session_version').on(t.courseId, t.sessionNumber, t.version),
    uniqueIndex('orders_supersedes').on(t.supersedesOrderId),
    check('orders_session_number_positive', sql`${t.sessionNumber} >= 1`),
    check(
      'orders_version_chain',
      sql`(${t.version} = 1 AND ${t.supersedesOrderId} IS NULL AND ${t.changeReason} IS NULL) OR (${t.version} > 1 AND ${t.supersedesOrderId} IS NOT NULL AND ${t.changeReason} IS NOT NULL)`,
    ),
  ],
);
