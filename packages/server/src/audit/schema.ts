/**
 * The audit trail: append-only, hash-chained in AUDIT_CHAINS independent chains (docs/adr/0003). Within
 * a chain `seq` is gapless; `hash` = SHA-256 of the predecessor's hash and the canonical JSON of this
 * event (see chain.ts). The application role may only INSERT and SELECT events (db/harden.ts).
 * `audit_chain_heads` holds each chain's last seq and hash: its row lock is what serialises writers of
 * one chain, and it is only a cache of the events (verify.ts checks it against them).
 */
import {
  bigint,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * How many chains writers spread over (the migration seeds one head row per chain). Eight: more than
 * the connection pool's concurrent writers on a 2-core server, few enough to verify at a glance.
 */
export const AUDIT_CHAINS = 8;

export const auditEvents = pgTable(
  'audit_events',
  {
    /** Position in its chain (1, 2, …), gapless per chain. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
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
    /** Which chain (0 … AUDIT_CHAINS − 1); every event written before chains were striped is in 0. */
    chain: smallint('chain').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'audit_events_chain_seq', columns: [t.chain, t.seq] }),
    index('audit_events_patient').on(t.patientId, t.occurredAt),
    index('audit_events_user').on(t.userId, t.occurredAt),
    index('audit_events_time').on(t.occurredAt),
    index('audit_events_clinic_time').on(t.clinicId, t.occurredAt),
  ],
);

export const auditChainHeads = pgTable('audit_chain_heads', {
  chain: smallint('chain').primaryKey(),
  /** seq of the chain's last event; 0 while it has none. */
  seq: bigint('seq', { mode: 'number' }).notNull(),
  /** hash of the chain's last event; GENESIS_HASH while it has none. */
  hash: text('hash').notNull(),
});
