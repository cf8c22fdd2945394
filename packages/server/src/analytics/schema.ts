/**
 * `cohort_rows`: one row per patient course, exactly core's CohortRow (research/cohort.ts) as
 * computed by core's cohortRowFor from the per-patient outcome functions, with the knowledge that
 * produced it. A derived, refreshable projection (not a clinical record): the outcomes service
 * rewrites a course's row when its inputs change, and the clinic analytics aggregate over it in SQL.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { patients } from '../patients/schema.ts';

export const cohortRows = pgTable(
  'cohort_rows',
  {
    /** The course id. */
    courseId: uuid('course_id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    conditionCode: text('condition_code').notNull(),
    protocolId: text('protocol_id').notNull(),
    protocolVersion: text('protocol_version').notNull(),
    sex: text('sex', { enum: ['female', 'male', 'other', 'unknown'] }).notNull(),
    ageYears: integer('age_years').notNull(),
    baselineMmePerDay: doublePrecision('baseline_mme_per_day'),
    sessions: integer('sessions').notNull(),
    sessionDoseMgPerKg: doublePrecision('session_dose_mg_per_kg').notNull(),
    courseDoseMgPerKg: doublePrecision('course_dose_mg_per_kg').notNull(),
    /** IMMPACT pain class codes reached; null when unknown. */
    painClasses: text('pain_classes').array(),
    pgicClasses: text('pgic_classes').array(),
    /** Durable relief as time to event from the last infusion; both null when unknown. */
    reliefDays: integer('relief_days'),
    reliefEvent: boolean('relief_event'),
    /** Reached MME milestones: months[i] pairs with changes[i] (MME/day). */
    mmeChangeMonths: integer('mme_change_months').array().notNull(),
    mmeChangeMmePerDay: doublePrecision('mme_change_mme_per_day').array().notNull(),
    adverseEvents: integer('adverse_events').notNull(),
    rapidOnsetResponses: integer('rapid_onset_responses').notNull(),
    rapidOnsetAssessed: integer('rapid_onset_assessed').notNull(),
    /** Outcome rules id@version the row was computed with. */
    rulesId: text('rules_id').notNull(),
    rulesVersion: text('rules_version').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('cohort_rows_clinic').on(t.clinicId),
    index('cohort_rows_patient').on(t.patientId),
    check('cohort_rows_sessions_positive', sql`${t.sessions} >= 1`),
    check('cohort_rows_relief_pair', sql`(${t.reliefDays} IS NULL) = (${t.reliefEvent} IS NULL)`),
    check(
      'cohort_rows_mme_pairs',
      sql`cardinality(${t.mmeChangeMonths}) = cardinality(${t.mmeChangeMmePerDay})`,
    ),
  ],
);
