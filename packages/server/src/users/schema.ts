/** Staff and patient accounts, and their memberships (role per clinic). */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased; unique. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** argon2id PHC string. */
    passwordHash: text('password_hash').notNull(),
    /** A one-time password from `ketaflow user create` must be replaced at first sign-in. */
    passwordMustChange: boolean('password_must_change').notNull().default(true),
    /** Base32 TOTP secret once enrolment is confirmed; pending secret while enrolling. */
    mfaSecret: text('mfa_secret'),
    mfaPendingSecret: text('mfa_pending_secret'),
    /** Last accepted TOTP time step: a code is accepted once (no replay inside its window). */
    mfaLastStep: integer('mfa_last_step'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

export const ROLES = [
  'admin',
  'prescriber',
  'nurse',
  'coordinator',
  'researcher',
  'patient',
] as const;

export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    role: text('role', { enum: ROLES }).notNull(),
    /** For the patient role: the patient record this account may see (and nothing else). */
    patientId: uuid('patient_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.clinicId] }),
    check('memberships_patient_link', sql`(${t.role} = 'patient') = (${t.patientId} IS NOT NULL)`),
  ],
);
