/**
 * The demo clinic: a fictional Orange County practice (America/Los_Angeles) with one account per staff
 * role and a synthetic registry of obviously fictional patients (family names like "Sampleton",
 * 555-01xx phone numbers, example.org email) with courses, sessions, diaries, adverse events and
 * opioid histories (research/synthetic-registry.ts), so outcomes and analytics have data. For trying
 * Ketaflow out, never for real data. Loading twice changes nothing.
 */
import { eq } from 'drizzle-orm';
import type { Member } from '@ketaflow/contract';
import { clinics } from '../clinics/schema.ts';
import { createClinic } from '../clinics/service.ts';
import type { Database } from '../db/client.ts';
import type { SyntheticIdentity } from '../research/synthetic-patient.ts';
import { generateSyntheticRegistry, type RegistryCounts } from '../research/synthetic-registry.ts';
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

export interface DemoOptions {
  /** Synthetic registry patients to load. */
  readonly patients: number;
  /** The registry's day 0 (ISO date; default the current UTC date): courses start before it. */
  readonly today?: string;
  readonly onProgress?: (loaded: RegistryCounts) => void;
}

/** Fixed, so every demo clinic holds the same registry. */
const DEMO_SEED = 20_261_125;

/** Demo patient i: fictional names, MRN DEMO-0001…, 555-01xx phones, example.org email. */
const demoIdentity = (i: number): SyntheticIdentity => {
  const n = String(i + 1).padStart(4, '0');
  const place = CITIES[i % CITIES.length] as (typeof CITIES)[number];
  return {
    given: GIVEN[i % GIVEN.length] as string,
    family: FAMILY[(i * 7 + 3) % FAMILY.length] as string,
    mrn: `DEMO-${n}`,
    phone: `+171455501${String(i % 100).padStart(2, '0')}`,
    email: `patient${n}@example.org`,
    address: {
      line1: `${String(101 + i)} Example Way`,
      city: place.city,
      state: 'CA',
      postalCode: place.zip,
    },
  };
};

export async function loadDemo(database: Database, options: DemoOptions): Promise<DemoResult> {
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
  const admin = staff.get('admin');
  if (admin === undefined) throw new Error('demo admin missing');
  // The patients are a synthetic registry (courses, sessions, diaries, adverse events, opioid
  // lines) loaded in bulk, one audit event per batch, ending at today's date.
  const now = new Date();
  await generateSyntheticRegistry(database.db, {
    clinicId: clinic.id,
    authorUserId: admin.id,
    patients: options.patients,
    seed: DEMO_SEED,
    today: options.today ?? now.toISOString().slice(0, 10),
    recordedAt: now,
    identity: (i) => demoIdentity(i),
    ...(options.onProgress === undefined ? {} : { onBatch: options.onProgress }),
  });
  return { clinicId: clinic.id, created: true };
}
