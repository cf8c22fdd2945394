/**
 * Creating clinics and changing their registrant fields (postal address, DEA registration number),
 * for the CLI, the demo and tests. Input is parsed here (an edge); the DEA number is checked by
 * core's checkDeaNumber, the same check a supplier's number gets on a receipt. Both writes are
 * audited in their transaction; a refused update is audited in its own.
 */
import {
  CLINIC_REGISTRATION_FIELDS,
  CreateClinicInput,
  UpdateClinicInput,
  type Clinic,
} from '@ketaflow/contract';
import { checkDeaNumber } from '@ketaflow/core';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditContext } from '../audit/append.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import { DomainError, notFound } from '../http/errors.ts';
import { parseInput } from '../users/parse-input.ts';
import { clinics } from './schema.ts';

const SYSTEM: AuditContext = {
  userId: null,
  role: null,
  clinicId: null,
  sourceIp: null,
  requestId: null,
};

const CLINIC_COLUMNS = {
  id: clinics.id,
  name: clinics.name,
  timeZone: clinics.timeZone,
  address: clinics.address,
  deaNumber: clinics.deaNumber,
};

/** Refuses (400, naming body.deaNumber) a number that fails core's format or check digit. */
function checkDea(deaNumber: string | null | undefined): void {
  if (deaNumber === null || deaNumber === undefined) return;
  const checked = checkDeaNumber(deaNumber, 'deaNumber');
  if (!checked.ok) {
    throw new DomainError(
      'validation.invalid',
      400,
      checked.error.message,
      `body.${checked.error.field ?? 'deaNumber'}`,
    );
  }
}

/**
 * Creates a clinic. Rejects (400, naming the field) an empty name, a time zone that is not an IANA
 * name, an incomplete address or a DEA number that fails core's check; nothing is repaired.
 */
export async function createClinic(
  db: Db,
  input: CreateClinicInput,
  context: AuditContext = SYSTEM,
): Promise<Clinic> {
  const parsed = parseInput(CreateClinicInput, input);
  checkDea(parsed.deaNumber);
  return inTransaction(db, context, async (tx, audit) => {
    const [clinic] = await tx.insert(clinics).values(parsed).returning(CLINIC_COLUMNS);
    if (clinic === undefined) throw new Error('clinic insert returned no row');
    audit({
      action: 'clinic.created',
      resourceType: 'clinic',
      resourceId: clinic.id,
      clinicId: clinic.id,
      outcome: 'success',
    });
    return clinic;
  });
}

/**
 * Sets or clears (`null`) the clinic's postal address and DEA registration number; fields left out
 * keep their value. The row is locked for the change, so concurrent updates apply one after the
 * other. A refusal (400 naming the field) is audited as `clinic.update-refused`; an unknown clinic
 * is a 404 (nothing to attach an audit event to).
 */
export async function updateClinic(
  db: Db,
  clinicId: string,
  input: UpdateClinicInput,
  context: AuditContext = SYSTEM,
): Promise<Clinic> {
  if (!z.uuid().safeParse(clinicId).success) throw notFound('clinic');
  try {
    const parsed = parseInput(UpdateClinicInput, input);
    checkDea(parsed.deaNumber);
    return await inTransaction(db, context, async (tx, audit) => {
      const [before] = await tx
        .select(CLINIC_COLUMNS)
        .from(clinics)
        .where(eq(clinics.id, clinicId))
        .for('update');
      if (before === undefined) throw notFound('clinic');
      const fields = CLINIC_REGISTRATION_FIELDS.filter(
        (field) =>
          parsed[field] !== undefined &&
          JSON.stringify(parsed[field]) !== JSON.stringify(before[field]),
      );
      const [after] = await tx
        .update(clinics)
        .set({ address: parsed.address, deaNumber: parsed.deaNumber })
        .where(eq(clinics.id, clinicId))
        .returning(CLINIC_COLUMNS);
      if (after === undefined) throw new Error('clinic update returned no row');
      audit({
        action: 'clinic.updated',
        resourceType: 'clinic',
        resourceId: clinicId,
        clinicId,
        outcome: 'success',
        detail: { fields },
      });
      return after;
    });
  } catch (error) {
    if (error instanceof DomainError && error.status === 400) {
      await inTransaction(db, context, (_tx, audit) => {
        audit({
          action: 'clinic.update-refused',
          resourceType: 'clinic',
          resourceId: clinicId,
          clinicId,
          outcome: 'failure',
          detail: { code: error.code, field: error.field ?? null },
        });
        return Promise.resolve();
      });
    }
    throw error;
  }
}
