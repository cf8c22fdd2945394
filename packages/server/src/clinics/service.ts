/** Creating clinics (sites), for the CLI, the demo and tests. Input is parsed here (an edge). */
import { CreateClinicInput, type Clinic } from '@ketaflow/contract';
import type { AuditContext } from '../audit/append.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import { parseInput } from '../users/parse-input.ts';
import { clinics } from './schema.ts';

const SYSTEM: AuditContext = {
  userId: null,
  role: null,
  clinicId: null,
  sourceIp: null,
  requestId: null,
};

/**
 * Creates a clinic. Rejects (400, naming the field) an empty name or a time zone that is not an IANA
 * name; nothing is repaired.
 */
export async function createClinic(
  db: Db,
  input: { name: string; timeZone: string },
  context: AuditContext = SYSTEM,
): Promise<Clinic> {
  const parsed = parseInput(CreateClinicInput, input);
  return inTransaction(db, context, async (tx, audit) => {
    const [clinic] = await tx
      .insert(clinics)
      .values(parsed)
      .returning({ id: clinics.id, name: clinics.name, timeZone: clinics.timeZone });
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
