/**
 * The audit trail: append-only, hash-chained. `seq` is gapless; `hash` = SHA-256 of the predecessor's
 * hash and the canonical JSON of this event (see chain.ts). The application role may only INSERT and
 * SELECT here (db/harden.ts).
 */
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    userId: uuid('user_id'),
    role: text('role'),
    clinicId: uuid('clinic_id'),
    patientId: uuid('patient_id'),
    /** Dotted verb, e.g. `patient.read`, `auth.login-failed`, `user.role-changed`. */
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
    sourceIp: text('source_ip'),
    requestId: text('request_id'),
    /** Non-PHI details (changed field names, counts, reasons codes). */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_patient').on(t.patientId, t.occurredAt),
    index('audit_events_user').on(t.userId, t.occurredAt),
    index('audit_events_time').on(t.occurredAt),
    index('audit_events_clinic_time').on(t.clinicId, t.occurredAt),
  ],
);
