/**
 * Helpers for the ledger's HTTP tests: an app with an admin, nurses and a prescriber of one clinic,
 * a storage location, an infusion session to draw for, and request builders. The session row is
 * written directly as the database owner with foreign-key triggers off (its course, order and
 * chair are irrelevant to the ledger, and the sessions feature has its own tests).
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import {
  createTestPatient,
  signIn,
  startTestApp,
  TEST_PASSWORD,
  type SignedIn,
  type TestApp,
} from '../testing/harness.ts';
import { totpCode } from '../auth/totp.ts';

export const NDC = '00000-0000-01';
export const AT = '2026-11-25T15:00:00.000Z';

export interface LedgerFixture {
  readonly t: TestApp;
  readonly admin: SignedIn;
  readonly nurse: SignedIn;
  readonly nurse2: SignedIn;
  readonly prescriber: SignedIn;
  readonly locationId: string;
  readonly patientId: string;
  readonly sessionId: string;
  close(): Promise<void>;
}

const unique = (): string => randomBytes(6).toString('hex');

/** An infusion session of `patientId` in the clinic (owner connection, FK triggers off). */
export async function insertSession(
  t: TestApp,
  clinicId: string,
  patientId: string,
  userId: string,
): Promise<string> {
  const owner = new pg.Client({ connectionString: t.database.adminUrl });
  await owner.connect();
  const id = randomUUID();
  try {
    await owner.query('SET session_replication_role = replica');
    await owner.query(
      `INSERT INTO infusion_sessions (id, clinic_id, patient_id, course_id, order_id, chair_id,
         scheduled_start_at, state, version, request_hash, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), 'running', 1, 'test', $7, now(), now())`,
      [id, clinicId, patientId, randomUUID(), randomUUID(), randomUUID(), userId],
    );
  } finally {
    await owner.end();
  }
  return id;
}

export async function ledgerFixture(): Promise<LedgerFixture> {
  const t = await startTestApp();
  const admin = await signIn(t.app, { role: 'admin' });
  const clinicId = admin.clinicId;
  const nurse = await signIn(t.app, { role: 'nurse', clinicId });
  const nurse2 = await signIn(t.app, { role: 'nurse', clinicId });
  const prescriber = await signIn(t.app, { role: 'prescriber', clinicId });
  const locationId = randomUUID();
  const location = await t.app.inject({
    method: 'POST',
    url: '/api/v1/ledger/locations',
    headers: admin.headers(),
    payload: { id: locationId, name: 'Safe A' },
  });
  assert.equal(location.statusCode, 201, location.body);
  const patientId = await createTestPatient(t.app, admin);
  const sessionId = await insertSession(t, clinicId, patientId, nurse.userId);
  return {
    t,
    admin,
    nurse,
    nurse2,
    prescriber,
    locationId,
    patientId,
    sessionId,
    close: () => t.close(),
  };
}

/** Witness credentials of a signed-in test user (with the current code when they have MFA). */
export async function witnessOf(
  t: TestApp,
  user: SignedIn,
  password = TEST_PASSWORD,
): Promise<Record<string, string>> {
  return {
    email: user.email,
    password,
    ...(user.mfaSecret === null
      ? {}
      : { totpCode: await totpCode(user.mfaSecret, t.app.clock.now()) }),
  };
}

export function post(
  t: TestApp,
  user: SignedIn,
  body: Record<string, unknown>,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/ledger/entries',
    headers: user.headers(),
    payload: body,
  });
}

export const receipt = (
  locationId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> => ({
  type: 'receive',
  id: randomUUID(),
  occurredAt: AT,
  locationId,
  ndc: NDC,
  lot: 'LOT-A',
  expiry: '2028-01-31',
  strengthUgPerMl: 50_000,
  containerVolumeUl: 10_000,
  containers: 3,
  supplierName: 'Example Wholesale (fictional)',
  supplierDeaNumber: 'AB1234563',
  orderReference: `PO-${unique()}`,
  ...overrides,
});

export const draw = (
  f: LedgerFixture,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> => ({
  type: 'draw',
  id: randomUUID(),
  occurredAt: AT,
  vialId: randomUUID(),
  locationId: f.locationId,
  ndc: NDC,
  lot: 'LOT-A',
  sessionId: f.sessionId,
  ...overrides,
});

/** Problem code and field of a refusal. */
export function problemOf(response: LightMyRequestResponse): { code: string; field?: string } {
  const body = response.json<{ code: string; field?: string }>();
  return body.field === undefined ? { code: body.code } : { code: body.code, field: body.field };
}
