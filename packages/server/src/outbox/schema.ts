/**
 * `outbox_messages`: messages to deliver later (reminders). Written in the transaction that decides
 * them; a worker marks them ready when due; delivery adapters (email, SMS) take ready ones later.
 * The payload carries ids and codes only, never names or answers (PHI stays in the database rows it
 * points to).
 */
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { patients } from '../patients/schema.ts';

export const OUTBOX_STATUSES = ['pending', 'ready', 'sent', 'failed'] as const;

export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id').references(() => patients.id),
    /** e.g. questionnaire.reminder */
    kind: text('kind').notNull(),
    /** One message per key: re-running the planner never duplicates a reminder. */
    dedupeKey: text('dedupe_key').notNull(),
    payload: jsonb('payload').$type<Record<string, string>>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('outbox_messages_dedupe').on(t.clinicId, t.dedupeKey),
    index('outbox_messages_due').on(t.status, t.dueAt),
  ],
);
