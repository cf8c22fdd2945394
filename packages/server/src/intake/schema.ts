/**
 * Intake and body measurements. `intake_versions` is the whole intake history of a patient: every save
 * is a new row (version n+1, the full document, who, when, why); the highest version is the current
 * intake. `weight_measurements` records every weighing with its time. Both tables are append-only
 * (db/harden.ts): a correction is a new row, never an edit.
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
} from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { patients } from '../patients/schema.ts';
import { users } from '../users/schema.ts';

export const intakeVersions = pgTable(
  'intake_versions',
  {
    /** Client-generated write id: a retried save with the same id returns this row. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** 1, 2, 3 … per patient; the unique index makes two concurrent saves of one version collide. */
    version: integer('version').notNull(),
    /** The full intake document as of this version (contract `IntakeDocument`). */
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    /** Section names this save changed. */
    changedSections: text('changed_sections').array().notNull(),
    /** Opioid MME/day from core with the factor table id@version that produced it (null: no opioids). */
    mme: jsonb('mme').$type<Record<string, unknown>>(),
    reason: text('reason').notNull(),
    /** SHA-256 of the canonical request body: same id + different body → 409 idempotency.key-reused. */
    requestHash: text('request_hash').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('intake_versions_patient_version').on(t.patientId, t.version),
    check('intake_versions_version_positive', sql`${t.version} >= 1`),
  ],
);

export const weightMeasurements = pgTable(
  'weight_measurements',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** Measured total body weight, kg (exact decimal as entered). */
    weightKg: numeric('weight_kg', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    /** Height, cm, when measured with the weight. */
    heightCm: numeric('height_cm', { precision: 5, scale: 1, mode: 'number' }),
    /** When the patient was weighed (not when it was typed). */
    measuredAt: timestamp('measured_at', { withTimezone: true }).notNull(),
    /** Set when this weighing was made to re-confirm a flagged weight (informational). */
    reconfirms: uuid('reconfirms'),
    /** The intake version this measurement was recorded with, if any. */
    intakeVersionId: uuid('intake_version_id'),
    requestHash: text('request_hash').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('weight_measurements_patient_time').on(t.patientId, t.measuredAt),
    check('weight_measurements_weight_positive', sql`${t.weightKg} > 0`),
    check('weight_measurements_height_positive', sql`${t.heightCm} IS NULL OR ${t.heightCm} > 0`),
  ],
);
