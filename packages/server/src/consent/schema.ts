/**
 * Informed consent. `consent_texts` are the clinic's consent documents, versioned (1, 2, …) and never
 * edited; `consent_records` are signed consents (the text version, the patient's typed full name and
 * time, the witness, the date); `consent_revocations` withdraw a record. All three are append-only.
 * "Consent current" = a record for the clinic's latest text version with no revocation.
 */
import {
  date,
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

export const consentTexts = pgTable(
  'consent_texts',
  {
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    /** Plain-language text shown to the patient (markdown-free paragraphs). */
    body: text('body').notNull(),
    /** Why this version replaced the previous one. */
    changeNote: text('change_note').notNull(),
    requestHash: text('request_hash').notNull(),
    /** Null only for the default text seeded by the system. */
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('consent_texts_clinic_version').on(t.clinicId, t.version)],
);

export const consentRecords = pgTable(
  'consent_records',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    consentTextId: uuid('consent_text_id')
      .notNull()
      .references(() => consentTexts.id),
    textVersion: integer('text_version').notNull(),
    /** The full name the patient typed as attestation. */
    attestedName: text('attested_name').notNull(),
    attestedAt: timestamp('attested_at', { withTimezone: true }).notNull(),
    witnessUserId: uuid('witness_user_id')
      .notNull()
      .references(() => users.id),
    /** The calendar date of the consent discussion (clinic date). */
    consentDate: date('consent_date', { mode: 'string' }).notNull(),
    requestHash: text('request_hash').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('consent_records_patient').on(t.patientId, t.attestedAt)],
);

export const consentRevocations = pgTable(
  'consent_revocations',
  {
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    consentRecordId: uuid('consent_record_id')
      .notNull()
      .references(() => consentRecords.id),
    reason: text('reason').notNull(),
    requestHash: text('request_hash').notNull(),
    revokedBy: uuid('revoked_by')
      .notNull()
      .references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('consent_revocations_record').on(t.consentRecordId)],
);
