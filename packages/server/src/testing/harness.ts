/**
 * Test harness for HTTP tests: an application on a fresh database, and signed-in users of any role,
 * signed in THROUGH THE REAL API (login, second factor, clinic selection), so every test exercises the
 * real auth path. Use with node:test:
 *
 *   const t = await startTestApp();               // in before()
 *   const nurse = await signIn(t.app, { role: 'nurse' });
 *   await t.app.inject({ method: 'POST', url: '/api/v1/…', headers: nurse.headers(), payload });
 *   await t.close();                              // in after()
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Role } from '../access/permissions.ts';
import { hashPassword } from '../auth/password.ts';
import { newTotpSecret, totpCode } from '../auth/totp.ts';
import { SESSION_COOKIE } from '../auth/session-token.ts';
import { createClinic } from '../clinics/service.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { buildApp } from '../http/app.ts';
import { createAccount } from '../users/accounts.ts';

/** The password of every harness user (passes the password policy). */
export const TEST_PASSWORD = 'correct horse battery staple 42';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  /** Moves the application's clock (session expiry, lockout) forward by `ms`. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export async function startTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({ database });
  let offsetMs = 0;
  app.clock.now = () => new Date(Date.now() + offsetMs);
  // Failed sign-ins are not held (tests that count failures would sleep); auth/failure-delay.int.test.ts
  // records the delays instead.
  app.failureDelay.wait = () => Promise.resolve();
  return {
    app,
    database,
    advanceClock: (ms) => {
      offsetMs += ms;
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export interface SignedIn {
  readonly userId: string;
  readonly clinicId: string;
  readonly email: string;
  readonly role: Role;
  /** Base32 TOTP secret when the user has a second factor (admin and prescriber always do). */
  readonly mfaSecret: string | null;
  /** `name=value` of the session cookie. */
  readonly cookie: string;
  readonly csrfToken: string;
  /** Cookie and X-CSRF-Token headers for `app.inject`. */
  headers(): Record<string, string>;
}

export interface SignInOptions {
  readonly role: Role;
  /** An existing clinic; a new one is created when omitted. */
  readonly clinicId?: string;
  /** Required for the patient role: a patient record of the clinic. */
  readonly patientId?: string;
  /** Enrol a second factor even for roles that do not require it. */
  readonly withMfa?: boolean;
}

/** One argon2id hash of TEST_PASSWORD shared by every harness user (hashing is the slow part). */
let testPasswordHash: Promise<string> | null = null;

const unique = (): string => randomBytes(6).toString('hex');

/** A distinct client address per sign-in, so the per-IP auth rate limit does not throttle tests. */
const testAddress = (): string =>
  `10.${String(randomBytes(1)[0])}.${String(randomBytes(1)[0])}.${String(randomBytes(1)[0])}`;

/** Creates a clinic with a fictional name (America/Los_Angeles). */
export async function createTestClinic(app: FastifyInstance, name?: string): Promise<string> {
  const clinic = await createClinic(app.database.db, {
    name: name ?? `Test clinic ${unique()}`,
    timeZone: 'America/Los_Angeles',
  });
  return clinic.id;
}

function sessionCookie(response: { cookies: { name: string; value: string }[] }): string | null {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  return cookie === undefined ? null : cookie.value;
}

/**
 * Creates a user with `role` (known password TEST_PASSWORD; a confirmed TOTP secret for admin and
 * prescriber) and signs in through the API: login, MFA verify, clinic selection.
 */
export async function signIn(app: FastifyInstance, options: SignInOptions): Promise<SignedIn> {
  const clinicId = options.clinicId ?? (await createTestClinic(app));
  const needsMfa =
    options.withMfa === true || options.role === 'admin' || options.role === 'prescriber';
  const mfaSecret = needsMfa ? newTotpSecret() : null;
  const email = `${options.role}-${unique()}@example.test`;
  const user = await createAccount(app.database.db, {
    email,
    displayName: `Test ${options.role} ${unique()}`,
    role: options.role,
    clinicId,
    ...(options.patientId === undefined ? {} : { patientId: options.patientId }),
    password: TEST_PASSWORD,
    passwordHash: await (testPasswordHash ??= hashPassword(TEST_PASSWORD)),
    passwordMustChange: false,
    ...(mfaSecret === null ? {} : { mfaSecret }),
  });
  const session = await signInAs(app, { email, password: TEST_PASSWORD, mfaSecret, clinicId });
  return { ...session, userId: user.id, clinicId, email, role: options.role, mfaSecret };
}

/** Signs an existing user in through the API and selects `clinicId`. */
export async function signInAs(
  app: FastifyInstance,
  credentials: { email: string; password: string; mfaSecret: string | null; clinicId: string },
): Promise<{ cookie: string; csrfToken: string; headers(): Record<string, string> }> {
  const remoteAddress = testAddress();
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    payload: { email: credentials.email, password: credentials.password },
  });
  if (login.statusCode !== 200) throw new Error(`test sign-in failed: ${login.body}`);
  let token = sessionCookie(login);
  const csrfToken = login.json<{ csrfToken: string }>().csrfToken;
  if (token === null) throw new Error('test sign-in set no session cookie');
  const step = async (url: string, payload: unknown): Promise<void> => {
    const response = await app.inject({
      method: 'POST',
      url,
      remoteAddress,
      headers: { cookie: `${SESSION_COOKIE}=${String(token)}`, 'x-csrf-token': csrfToken },
      payload: payload as Record<string, unknown>,
    });
    if (response.statusCode !== 200) throw new Error(`test sign-in: ${url}: ${response.body}`);
    token = sessionCookie(response) ?? token;
  };
  if (credentials.mfaSecret !== null) {
    await step('/api/v1/auth/mfa/verify', {
      code: await totpCode(credentials.mfaSecret, app.clock.now()),
    });
  }
  await step('/api/v1/auth/clinic', { clinicId: credentials.clinicId });
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { cookie, csrfToken, headers: () => ({ cookie, 'x-csrf-token': csrfToken }) };
}

/** Registers a fictional patient through the API as `admin` (any staff role) and returns its id. */
export async function createTestPatient(app: FastifyInstance, admin: SignedIn): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/patients',
    headers: admin.headers(),
    payload: {
      mrn: `TEST-${unique().toUpperCase()}`,
      legalGivenName: 'Zebediah',
      legalFamilyName: 'Quuxington',
      dateOfBirth: '1971-04-01',
      sexAtBirth: 'unknown',
    },
  });
  if (response.statusCode !== 201) throw new Error(`test patient: ${response.body}`);
  return response.json<{ id: string }>().id;
}

/** A patient-portal account linked to a new fictional patient of `admin`'s clinic, signed in. */
export async function signInPatient(app: FastifyInstance, admin: SignedIn): Promise<SignedIn> {
  const patientId = await createTestPatient(app, admin);
  return signIn(app, { role: 'patient', clinicId: admin.clinicId, patientId });
}
