/**
 * The patient registry. `patients` holds the current version of each record; `patient_versions` keeps
 * every version ever written (who, when, which fields, why) and is append-only. Nothing is deleted.
 */
import type { EmergencyContact, PostalAddress } from '@ketaflow/contract';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
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
import { users } from '../users/schema.ts';

export type { EmergencyContact, PostalAddress };

export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    /** Medical record number, unique per clinic. */
    mrn: text('mrn').notNull(),
    legalGivenName: text('legal_given_name').notNull(),
    legalFamilyName: text('legal_family_name').notNull(),
    preferredName: text('preferred_name'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    sexAtBirth: text('sex_at_birth', { enum: ['female', 'male', 'intersex', 'unknown'] }).notNull(),
    genderIdentity: text('gender_identity'),
    phone: text('phone'),
    email: text('email'),
    address: jsonb('address').$type<PostalAddress>(),
    emergencyContact: jsonb('emergency_contact').$type<EmergencyContact>(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    uniqueIndex('patients_clinic_mrn').on(t.clinicId, t.mrn),
    index('patients_clinic_family_name').on(
      t.clinicId,
      sql`lower(${t.legalFamilyName}) text_pattern_ops`,
    ),
    index('patients_clinic_given_name').on(
      t.clinicId,
      sql`lower(${t.legalGivenName}) text_pattern_ops`,
    ),
    index('patients_clinic_preferred_name').on(
      t.clinicId,
      sql`lower(${t.preferredName}) text_pattern_ops`,
    ),
    index('patients_clinic_dob').on(t.clinicId, t.dateOfBirth),
  ],
);

export const patientVersions = pgTable(
  'patient_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    clinicId: uuid('clinic_id').notNull(),
    version: integer('version').notNull(),
    /** The whole record as written in this version. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    changedFields: text('changed_fields').array().notNull(),
    reason: text('reason').notNull(),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('patient_versions_patient_version').on(t.patientId, t.version)],
);
