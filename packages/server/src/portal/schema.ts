/**
 * `portal_invitations`: a staff member invites a patient to the portal. The link carries a random
 * token; only its SHA-256 is stored. Single use (used_at) and expiring (expires_at).
 * `portal_consent_attestations` (append-only): the patient read a consent text version in the portal
 * and attested (typed full name + checkbox); a clinician countersigns it as the consent record with
 * the same id (consent_records).
 */
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { consentTexts } from '../consent/schema.ts';
import { patients } from '../patients/schema.ts';
import { users } from '../users/schema.ts';

export const portalInvitations = pgTable(
  'portal_invitations',
  {
    /** Client-generated id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** Stored lower-cased; becomes the account's sign-in email. */
    email: text('email').notNull(),
    /** SHA-256 (hex) of the link token. */
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    accountUserId: uuid('account_user_id').references(() => users.id),
    requestHash: text('request_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('portal_invitations_token').on(t.tokenHash),
    index('portal_invitations_patient').on(t.patientId, t.createdAt),
  ],
);

export const portalConsentAttestations = pgTable(
  'portal_consent_attestations',
  {
    /** Client-generated write id; the countersigned consent record takes the same id. */
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
    /** The full name the patient typed. */
    attestedName: text('attested_name').notNull(),
    attestedAt: timestamp('attested_at', { withTimezone: true }).notNull(),
    /** The patient's portal account. */
    attestedBy: uuid('attested_by')
      .notNull()
      .references(() => users.id),
    requestHash: text('request_hash').notNull(),
  },
  (t) => [index('portal_consent_attestations_patient').on(t.patientId, t.attestedAt)],
);
