/**
 * Research consent and pseudonyms.
 *
 * `research_consents`: append-only grants and withdrawals of a patient's consent to the use of
 * their de-identified data for research. The latest row decides; no row means no consent.
 *
 * `research_ids`: one random pseudonym per patient (never derived from an identifier), created at
 * the first export so the same patient keeps the same research id across exports. Append-only.
 */
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { patients } from '../patients/schema.ts';
import { users } from '../users/schema.ts';

export const researchConsents = pgTable(
  'research_consents',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    granted: boolean('granted').notNull(),
    requestHash: text('request_hash').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('research_consents_patient').on(t.patientId, t.recordedAt)],
);

export const researchIds = pgTable(
  'research_ids',
  {
    patientId: uuid('patient_id')
      .primaryKey()
      .references(() => patients.id),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    researchId: text('research_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('research_ids_research_id').on(t.researchId)],
);
