/**
 * Test support for the registry: a clinic with staff seeded straight into the database, service
 * contexts for a fabricated actor, and synthetic, obviously fictional patients.
 */
import type { PatientCreate } from '@ketaflow/contract';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../access/actor.ts';
import type { Role } from '../access/permissions.ts';
import { Scope } from '../access/scope.ts';
import { clinics } from '../clinics/schema.ts';
import type { Db } from '../db/client.ts';
import type { ServiceContext } from '../http/context.ts';
import { memberships, users } from '../users/schema.ts';

export async function seedClinic(db: Db, name: string): Promise<string> {
  const [clinic] = await db
    .insert(clinics)
    .values({ name, timeZone: 'America/Los_Angeles' })
    .returning({ id: clinics.id });
  if (clinic === undefined) throw new Error('no clinic');
  return clinic.id;
}

/** A user with a membership of `clinicId`; returns the actor the auth layer would build. */
export async function seedActor(
  db: Db,
  clinicId: string,
  role: Role,
  patientId: string | null = null,
): Promise<Actor> {
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${randomUUID()}@example.test`,
      displayName: `Test ${role}`,
      passwordHash: 'not-a-real-hash',
    })
    .returning({ id: users.id });
  if (user === undefined) throw new Error('no user');
  await db.insert(memberships).values({ userId: user.id, clinicId, role, patientId });
  return { userId: user.id, role, clinicId, patientId };
}

export function contextFor(db: Db, actor: Actor): ServiceContext {
  return {
    db,
    scope: new Scope(actor),
    audit: {
      userId: actor.userId,
      role: actor.role,
      clinicId: actor.clinicId,
      sourceIp: '127.0.0.1',
      requestId: `req-${randomUUID()}`,
    },
  };
}

let serial = 0;

/** A fictional patient (names from a storybook register), unique MRN unless one is given. */
export function fictionalPatient(overrides: Partial<PatientCreate> = {}): PatientCreate {
  serial += 1;
  return {
    mrn: `TEST-${String(serial).padStart(6, '0')}-${randomUUID().slice(0, 8).toUpperCase()}`,
    legalGivenName: 'Zebediah',
    legalFamilyName: 'Quuxington',
    dateOfBirth: '1971-04-01',
    sexAtBirth: 'unknown',
    ...overrides,
  };
}
