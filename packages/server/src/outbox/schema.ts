/**
 * `outbox_messages`: messages to deliver later (reminders). Written in the transaction that decides
 * them; a worker marks them ready when due and hands ready ones to a delivery adapter.
 * `outbox_delivery_attempts` (append-only): each hand-over to an adapter and its outcome.
 * The payload carries ids and codes only, never names or answers (PHI stays in the database rows it
 * points to).
 */
import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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

export const DELIVERY_OUTCOMES = ['sent', 'failed'] as const;

export const outboxDeliveryAttempts = pgTable(
  'outbox_delivery_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => outboxMessages.id),
    /** 1 for the first hand-over of the message, 2 for the next … */
    attempt: integer('attempt').notNull(),
    /** The adapter's name, e.g. `recording` (no network). */
    adapter: text('adapter').notNull(),
    outcome: text('outcome', { enum: DELIVERY_OUTCOMES }).notNull(),
    /** The adapter's reason for a failure (codes only, never PHI). */
    detail: text('detail'),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('outbox_delivery_attempts_message').on(t.messageId, t.attempt)],
);
