/**
 * The patient record as a value: mapping a stored row to the API shape, applying a correction, and
 * naming the fields a correction changed. Pure functions (no database), so they are tested directly.
 */
import {
  PATIENT_FIELDS,
  type Patient,
  type PatientCreate,
  type PatientField,
  type PatientRecord,
  type PatientUpdate,
} from '@ketaflow/contract';
import { canonicalJson } from '../audit/chain.ts';
import type { patients } from './schema.ts';

export type PatientRow = typeof patients.$inferSelect;

/** The demographic fields of a stored row (the snapshot kept with every version). */
export function recordOf(row: PatientRow): PatientRecord {
  return {
    mrn: row.mrn,
    legalGivenName: row.legalGivenName,
    legalFamilyName: row.legalFamilyName,
    preferredName: row.preferredName,
    dateOfBirth: row.dateOfBirth,
    sexAtBirth: row.sexAtBirth,
    genderIdentity: row.genderIdentity,
    phone: row.phone,
    email: row.email,
    address: row.address,
    emergencyContact: row.emergencyContact,
  };
}

/** The API view of a stored row. */
export function patientOf(row: PatientRow): Patient {
  return {
    id: row.id,
    ...recordOf(row),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

/** A new patient's record: optional fields that were omitted are stored as null (unknown). */
export function recordFromCreate(input: PatientCreate): PatientRecord {
  return {
    mrn: input.mrn,
    legalGivenName: input.legalGivenName,
    legalFamilyName: input.legalFamilyName,
    preferredName: input.preferredName ?? null,
    dateOfBirth: input.dateOfBirth,
    sexAtBirth: input.sexAtBirth,
    genderIdentity: input.genderIdentity ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    address: input.address ?? null,
    emergencyContact: input.emergencyContact ?? null,
  };
}

/** The record after a correction: fields absent from the update keep their value; null clears. */
export function applyUpdate(current: PatientRecord, update: PatientUpdate): PatientRecord {
  const next: Record<string, unknown> = { ...current };
  for (const field of PATIENT_FIELDS) {
    const value = update[field];
    if (value !== undefined) next[field] = value;
  }
  return next as PatientRecord;
}

/** Fields whose value differs (deep, key-order independent), in PATIENT_FIELDS order. */
export function changedFields(before: PatientRecord, after: PatientRecord): PatientField[] {
  return PATIENT_FIELDS.filter(
    (field) => canonicalJson(before[field]) !== canonicalJson(after[field]),
  );
}

/** Fields holding a value (not null): what a registration recorded. */
export function presentFields(record: PatientRecord): PatientField[] {
  return PATIENT_FIELDS.filter((field) => record[field] !== null);
}
