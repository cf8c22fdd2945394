/**
 * The opioid medication list of a patient, for MME over time.
 *
 * `patient_medications`: append-only versions of medication lines. A line has a stable
 * `medication_id` (the write id of its first version); a change (dose, frequency, stop date) is a
 * new row with version + 1. The current list is the highest version of each line. Each row stores
 * the MME/day core computed for it at write time with the factor table id@version that produced it
 * (null MME/day for an opioid the table excludes, such as buprenorphine).
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { patients } from '../patients/schema.ts';
import { users } from '../users/schema.ts';

export const patientMedications = pgTable(
  'patient_medications',
  {
    /** Client-generated write id of this version. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** Stable id of the medication line (the write id of version 1). */
    medicationId: uuid('medication_id').notNull(),
    version: integer('version').notNull(),
    /** RxNorm ingredient RxCUI or an ingredient name core's factor table accepts. */
    drug: text('drug').notNull(),
    doseMg: doublePrecision('dose_mg'),
    patchMcgPerH: doublePrecision('patch_mcg_per_h'),
    timesPerDay: integer('times_per_day'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    /** Last day taken (inclusive); null while ongoing. */
    stopDate: date('stop_date', { mode: 'string' }),
    /** MME/day of this line from core at write time; null when the factor table excludes the drug. */
    mmePerDay: doublePrecision('mme_per_day'),
    factorTableId: text('factor_table_id').notNull(),
    factorTableVersion: text('factor_table_version').notNull(),
    /** Why this version replaced the previous one (null for version 1). */
    changeReason: text('change_reason'),
    requestHash: text('request_hash').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('patient_medications_line_version').on(t.medicationId, t.version),
    index('patient_medications_patient').on(t.patientId, t.startDate),
    check('patient_medications_version_positive', sql`${t.version} >= 1`),
    check(
      'patient_medications_stop_after_start',
      sql`${t.stopDate} IS NULL OR ${t.stopDate} >= ${t.startDate}`,
    ),
  ],
);
