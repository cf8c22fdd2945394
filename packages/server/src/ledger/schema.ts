/**
 * The controlled-substance (DEA Schedule III) ledger of a clinic.
 *
 * `ledger_locations`: the storage locations (safes, cabinets) stock is kept in; each entry names
 * its location by id. Locations are never removed.
 *
 * `ledger_entries`: every receipt, draw, administration, waste, return, transfer, destruction,
 * count, discrepancy resolution, filed DEA report and correction, as the core `LedgerEntry` that
 * was applied (`entry`), in a per-clinic gapless sequence. Append-only (db/harden.ts) and hash-chained per
 * clinic: `hash` = SHA-256 over the predecessor's hash, the row's envelope and core's canonical
 * JSON of the entry (chain.ts). The other columns are copies of the entry's fields for reports
 * and indexes; they are hashed too, so a copy cannot drift from the entry unnoticed.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { users } from '../users/schema.ts';

export const ledgerLocations = pgTable(
  'ledger_locations',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    name: text('name').notNull(),
    requestHash: text('request_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [uniqueIndex('ledger_locations_clinic_name').on(t.clinicId, t.name)],
);

export const LEDGER_ENTRY_TYPES = [
  'receive',
  'draw',
  'administer',
  'waste',
  'return',
  'transfer',
  'destroy',
  'count',
  'resolve-discrepancy',
  'dea-report',
  'correction',
] as const;

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    /** Client-generated entry id (idempotent retries); also the core entry's id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    /** 1, 2, 3 … per clinic, without gaps. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type', { enum: LEDGER_ENTRY_TYPES }).notNull(),
    /** The actual date and time of the event (21 CFR 1304.21). */
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    /** When the server wrote the entry. */
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Patient of a draw, administration or waste (the vial's patient). */
    patientId: uuid('patient_id'),
    /** Infusion session of a draw, administration or waste. */
    sessionId: uuid('session_id'),
    /** NDC and lot the entry concerns (a correction: those of the entry it reverses). */
    ndc: text('ndc'),
    lot: text('lot'),
    /** The core LedgerEntry as applied. */
    entry: jsonb('entry').$type<Record<string, unknown>>().notNull(),
    requestHash: text('request_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_entries_clinic_seq').on(t.clinicId, t.seq),
    index('ledger_entries_clinic_time').on(t.clinicId, t.occurredAt),
    index('ledger_entries_clinic_lot').on(t.clinicId, t.ndc, t.lot, t.occurredAt),
    index('ledger_entries_clinic_patient').on(t.clinicId, t.patientId, t.occurredAt),
    check('ledger_entries_seq_positive', sql`${t.seq} >= 1`),
  ],
);
