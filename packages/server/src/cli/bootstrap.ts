/**
 * First start of a fresh install: when no clinic exists, create one and its administrator with a
 * one-time password (changed, and an authenticator enrolled, at first sign-in). Never creates an account
 * with a default password.
 */
import { count } from 'drizzle-orm';
import { clinics } from '../clinics/schema.ts';
import { createClinic } from '../clinics/service.ts';
import type { Database } from '../db/client.ts';
import { createUser } from '../users/accounts.ts';

export interface FirstRun {
  readonly clinicName: string;
  readonly email: string;
  readonly oneTimePassword: string;
}

export async function bootstrapFirstRun(
  database: Database,
  env: NodeJS.ProcessEnv = process.env,
): Promise<FirstRun | null> {
  const [existing] = await database.db.select({ n: count() }).from(clinics);
  if ((existing?.n ?? 0) > 0) return null;
  const clinic = await createClinic(database.db, {
    name: env.KETAFLOW_CLINIC_NAME ?? 'My Ketaflow Clinic',
    timeZone: env.KETAFLOW_TIME_ZONE ?? 'America/Los_Angeles',
  });
  const email = env.KETAFLOW_ADMIN_EMAIL ?? 'admin@example.org';
  const { oneTimePassword } = await createUser(database.db, {
    email,
    displayName: 'Clinic administrator',
    role: 'admin',
    clinicId: clinic.id,
  });
  return { clinicName: clinic.name, email, oneTimePassword };
}
