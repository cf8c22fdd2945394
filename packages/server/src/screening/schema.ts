/**
 * Signed screening decisions. A prescriber reviews core's eligibility trace for one intake version and
 * signs eligible / not eligible / eligible with conditions with a reason. The row keeps the facts the
 * rule set read, the full trace and the rule set id@version, so the decision can be explained later
 * exactly as it was seen. Append-only; the latest signed row per patient is the current decision.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { patients } from '../patients/schema.ts';
import { users } from '../users/schema.ts';
import { intakeVersions } from '../intake/schema.ts';

export const SCREENING_DECISIONS = [
  'eligible',
  'not-eligible',
  'eligible-with-conditions',
] as const;

export const screeningDecisions = pgTable(
  'screening_decisions',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    intakeVersionId: uuid('intake_version_id')
      .notNull()
      .references(() => intakeVersions.id),
    intakeVersion: integer('intake_version').notNull(),
    ruleSetId: text('rule_set_id').notNull(),
    ruleSetVersion: text('rule_set_version').notNull(),
    /** The facts handed to the rule set (null = unknown). */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    /** Core's EligibilityResult: computed decision, groups and per-criterion trace. */
    evaluation: jsonb('evaluation').$type<Record<string, unknown>>().notNull(),
    /** Core's computed decision (eligible / needs-review / not-eligible) at signing time. */
    computedDecision: text('computed_decision').notNull(),
    decision: text('decision', { enum: SCREENING_DECISIONS }).notNull(),
    /** Required for eligible-with-conditions. */
    conditions: text('conditions'),
    reason: text('reason').notNull(),
    requestHash: text('request_hash').notNull(),
    signedBy: uuid('signed_by')
      .notNull()
      .references(() => users.id),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('screening_decisions_patient_signed').on(t.patientId, t.signedAt),
    check(
      'screening_decisions_conditions',
      sql`${t.decision} <> 'eligible-with-conditions' OR ${t.conditions} IS NOT NULL`,
    ),
  ],
);
