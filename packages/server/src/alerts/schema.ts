/**
 * `care_alerts`: urgent alerts to the care team (PHQ-9 item 9 above 0). Raised in the transaction
 * that stores the response; acknowledged by a prescriber or nurse (the only change ever made).
 */
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { patients } from '../patients/schema.ts';
import { users } from '../users/schema.ts';

export const careAlerts = pgTable(
  'care_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** The flag code from core, e.g. phq9.item9-positive. */
    code: text('code').notNull(),
    severity: text('severity', { enum: ['urgent'] }).notNull(),
    /** The questionnaire response that raised it. */
    sourceId: uuid('source_id').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('care_alerts_open').on(t.clinicId, t.acknowledgedAt, t.raisedAt)],
);
