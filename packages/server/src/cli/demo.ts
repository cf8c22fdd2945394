/**
 * The demo clinic: a fictional Orange County practice (America/Los_Angeles) with one account per staff
 * role and synthetic, obviously fictional patients (family names like "Sampleton", 555-01xx phone numbers,
 * example.org email). For trying Ketaflow out, never for real data. Loading twice changes nothing.
 */
import { createRng } from '@ketaflow/core';
import { eq } from 'drizzle-orm';
import type { Member } from '@ketaflow/contract';
import { Scope } from '../access/scope.ts';
import { clinics } from '../clinics/schema.ts';
import { createClinic } from '../clinics/service.ts';
import type { Database } from '../db/client.ts';
import { createPatient } from '../patients/service.ts';
import { createAccount } from '../users/accounts.ts';

export const DEMO_CLINIC_NAME = 'Saddleback Valley Demo Infusion Clinic (fictional)';
/** Shared by every demo account; printed by `ketaflow demo` and listed in the README. */
export const DEMO_PASSWORD = 'demo clinic only 2026';

export const DEMO_STAFF: readonly { email: string; displayName: string; role: Member['role'] }[] = [
  { email: 'admin@demo.example.org', displayName: 'Alex Admin (demo)', role: 'admin' },
  {
    email: 'prescriber@demo.example.org',
    displayName: 'Dr. Pat Prescriber (demo)',
    role: 'prescriber',
  },
  { email: 'nurse@demo.example.org', displayName: 'Nico Nurse (demo)', role: 'nurse' },
  { email: 'nurse2@demo.example.org', displayName: 'Noa Nurse (demo)', role: 'nurse' },
  {
    email: 'coordinator@demo.example.org',
    displayName: 'Casey Coordinator (demo)',
    role: 'coordinator',
  },
  {
    email: 'researcher@demo.example.org',
    displayName: 'Riley Researcher (demo)',
    role: 'researcher',
  },
];

const GIVEN = [
  'Avery',
  'Jordan',
  'Morgan',
  'Riley',
  'Quinn',
  'Rowan',
  'Sage',
  'Emerson',
  'Harper',
  'Reese',
];
const FAMILY = [
  'Sampleton',
  'Testwood',
  'Exampleby',
  'Mockridge',
  'Fauxley',
  'Placeholder',
  'Dummington',
  'Pretendo',
];
const CITIES: readonly { city: string; zip: string }[] = [
  { city: 'Irvine', zip: '92618' },
  { city: 'Mission Viejo', zip: '92691' },
  { city: 'Laguna Hills', zip: '92653' },
  { city: 'Costa Mesa', zip: '92626' },
  { city: 'Orange', zip: '92868' },
];

export interface DemoResult {
  readonly clinicId: string;
  readonly created: boolean;
}

export async function loadDemo(
  database: Database,
  options: { patients: number },
): Promise<DemoResult> {
  const [existing] = await database.db
    .select({ id: clinics.id })
    .from(clinics)
    .where(eq(clinics.name, DEMO_CLINIC_NAME));
  if (existing !== undefined) return { clinicId: existing.id, created: false };

  const clinic = await createClinic(database.db, {
    name: DEMO_CLINIC_NAME,
    timeZone: 'America/Los_Angeles',
  });
  const staff = new Map<string, Member>();
  for (const person of DEMO_STAFF) {
    staff.set(
      person.role,
      await createAccount(database.db, {
        ...person,
        clinicId: clinic.id,
        password: DEMO_PASSWORD,
        passwordMustChange: false,
      }),
    );
  }
  const coordinator = staff.get('coordinator');
  if (coordinator === undefined) throw new Error('demo coordinator missing');
  const scope = new Scope({
    userId: coordinator.id,
    role: 'coordinator',
    clinicId: clinic.id,
    patientId: null,
  });
  const context = {
    db: database.db,
    scope,
    audit: {
      userId: coordinator.id,
      role: 'coordinator',
      clinicId: clinic.id,
      sourceIp: null,
      requestId: 'demo',
    },
  };
  const rng = createRng(20261125);
  const pick = <T>(list: readonly T[]): T => {
    const item = list[Math.floor(rng.nextUniform() * list.length)];
    if (item === undefined) throw new Error('empty list');
    return item;
  };
  for (let i = 1; i <= options.patients; i += 1) {
    const place = pick(CITIES);
    const year = 1950 + Math.floor(rng.nextUniform() * 50);
    const month = String(1 + Math.floor(rng.nextUniform() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(rng.nextUniform() * 28)).padStart(2, '0');
    const n = String(i).padStart(4, '0');
    await createPatient(context, {
      mrn: `DEMO-${n}`,
      legalGivenName: pick(GIVEN),
      legalFamilyName: pick(FAMILY),
      dateOfBirth: `${String(year)}-${month}-${day}`,
      sexAtBirth: rng.nextUniform() < 0.6 ? 'female' : 'male',
      phone: `+171455501${String(i % 100).padStart(2, '0')}`,
      email: `patient${n}@example.org`,
      address: {
        line1: `${String(100 + i)} Example Way`,
        city: place.city,
        state: 'CA',
        postalCode: place.zip,
      },
    });
  }
  return { clinicId: clinic.id, created: true };
}
