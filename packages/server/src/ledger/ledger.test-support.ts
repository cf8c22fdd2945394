/**
 * Helpers for the ledger's HTTP tests: an app with an admin, nurses and a prescriber of one clinic,
 * a storage location, an infusion session to draw for, and request builders. The session and its
 * order are written directly as the database owner with foreign-key triggers off (course and
 * chair are irrelevant to the ledger, and the sessions feature has its own tests); its start
 * transition gives the chart the cumulative dose an administration is checked against.
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
import { findUserById } from '../auth/repository.ts';
import { TOTP_STEP_MS, totpCode, totpStep } from '../auth/totp.ts';

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

/** A charted infusion: a start at `startedAt` at `rateMgPerH` and, if given, a stop. */
export interface ChartedInfusion {
  readonly rateMgPerH: number;
  readonly startedAt: string;
  readonly stoppedAt?: string;
}

/** The infusion of the fixture's session: a fixed rate since before every entry (test numbers). */
export const FIXTURE_INFUSION: ChartedInfusion = {
  rateMgPerH: 60,
  startedAt: '2026-11-25T14:00:00.000Z',
};

/**
 * An infusion session of `patientId` in the clinic with its order (owner connection, FK triggers
 * off) and, when `infusion` is given, its start (and stop) transitions, so the chart has a dose.
 */
export async function insertSession(
  t: TestApp,
  clinicId: string,
  patientId: string,
  userId: string,
  infusion?: ChartedInfusion,
): Promise<string> {
  const owner = new pg.Client({ connectionString: t.database.adminUrl });
  await owner.connect();
  const id = randomUUID();
  const orderId = randomUUID();
  const courseId = randomUUID();
  try {
    await owner.query('SET session_replication_role = replica');
    await owner.query(
      `INSERT INTO orders (id, clinic_id, patient_id, course_id, session_number, version,
         protocol_id, protocol_version, drug_library_id, drug_library_version,
         weight_measurement_id, weight_kg, height_cm, concentration_mg_per_ml,
         concentration_source, dose_basis, dose_ordered, dose_delivered, rate_mg_per_h,
         rate_ml_per_h, duration_min, session_dose_mg, volume_ml, calculation, weight_check,
         request_hash, signed_by, signed_at)
       VALUES ($1, $2, $3, $4, 1, 1, 'test', '1.0.0', 'test', '1.0.0', $5, 70, 170, 1,
         'library', 'mg/h', $6, $6, $6, $6, 40, $6, 1, '{}', '{}', 'test', $7, now())`,
      [orderId, clinicId, patientId, courseId, randomUUID(), infusion?.rateMgPerH ?? 1, userId],
    );
    await owner.query(
      `INSERT INTO infusion_sessions (id, clinic_id, patient_id, course_id, order_id, chair_id,
         scheduled_start_at, state, version, request_hash, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), 'running', 1, 'test', $7, now(), now())`,
      [id, clinicId, patientId, courseId, orderId, randomUUID(), userId],
    );
    const pump: [string, string, string, string | undefined][] = [
      ['start', 'double-checked', 'running', infusion?.startedAt],
      ['stop', 'running', 'stopped', infusion?.stoppedAt],
    ];
    // Versions from 100: tests add their own state changes from version 2.
    for (const [i, [event, from, to, at]] of pump.entries()) {
      if (at === undefined) continue;
      await owner.query(
        `INSERT INTO session_transitions (id, clinic_id, session_id, event, from_state, to_state,
           version, request_hash, recorded_by, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'test', $8, $9)`,
        [randomUUID(), clinicId, id, event, from, to, 100 + i, userId, at],
      );
    }
  } finally {
    await owner.end();
  }
  return id;
}

export async function ledgerFixture(): Promise<LedgerFixture> {
  const t = await startTestApp();
  const admin = await signIn(t.app, { role: 'admin' });
  const clinicId = admin.clinicId;
  // Both nurses have an authenticator: every ledger witness needs one (T-44).
  const nurse = await signIn(t.app, { role: 'nurse', clinicId, withMfa: true });
  const nurse2 = await signIn(t.app, { role: 'nurse', clinicId, withMfa: true });
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
  const sessionId = await insertSession(t, clinicId, patientId, nurse.userId, FIXTURE_INFUSION);
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

/**
 * Witness credentials of a signed-in test user, with an authenticator code the server will take
 * when the user has one (a ledger witness must: sign them in `withMfa`). A code is accepted once per
 * 30-second step, so when the user's current step is already spent (their sign-in or an earlier
 * witnessing) the app clock is moved on to the next step first: at most 30 s per call, forward only.
 */
export async function witnessOf(
  t: TestApp,
  user: SignedIn,
  password = TEST_PASSWORD,
): Promise<Record<string, string>> {
  if (user.mfaSecret === null) return { email: user.email, password };
  const lastStep = (await findUserById(t.app.database.db, user.userId))?.mfaLastStep ?? null;
  const step = totpStep(t.app.clock.now());
  if (lastStep !== null && lastStep >= step) t.advanceClock((lastStep + 1 - step) * TOTP_STEP_MS);
  return {
    email: user.email,
    password,
    totpCode: await totpCode(user.mfaSecret, t.app.clock.now()),
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
