/**
 * `referral_requests`: what a prospective patient (or their clinician) sends through the public
 * referral / self-screening form. Minimal PHI by design: a name, one way to reach them, a condition
 * category, an optional referring clinician and the consent to be contacted. Coordinators work the
 * queue (status and version change; the request itself is never edited).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { users } from '../users/schema.ts';

export const REFERRAL_CONDITIONS = [
  'neuropathic-pain',
  'crps',
  'fibromyalgia',
  'other-chronic-pain',
  'not-sure',
] as const;

export const REFERRAL_STATUSES = ['new', 'contacted', 'closed'] as const;

export const referralRequests = pgTable(
  'referral_requests',
  {
    /** Client-generated id (a retried submission is stored once). */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    condition: text('condition', { enum: REFERRAL_CONDITIONS }).notNull(),
    referringClinician: text('referring_clinician'),
    consentToContact: boolean('consent_to_contact').notNull(),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull().default('new'),
    version: integer('version').notNull().default(1),
    requestHash: text('request_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [
    index('referral_requests_queue').on(t.clinicId, t.status, t.createdAt),
    check('referral_requests_contact', sql`${t.email} IS NOT NULL OR ${t.phone} IS NOT NULL`),
    check('referral_requests_consent', sql`${t.consentToContact}`),
  ],
);
