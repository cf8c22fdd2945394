/**
 * Request fixtures for the authorization matrix (access/authorization-matrix.int.test.ts): for a route
 * that needs path parameters, a body or a query to reach its authorization decision, a builder that
 * creates real objects in the target clinic and returns the request parts. In the cross-clinic run the
 * target clinic is another one than the caller's, so ids are foreign. Feature folders add their
 * routes here (keys as in access/route-policy.ts). A route without an entry is called bare, with its
 * path parameters from PARAM_FACTORIES.
 */
import { randomBytes } from 'node:crypto';
import { createAccount } from '../users/accounts.ts';
import { createTestPatient, TEST_PASSWORD } from './harness.ts';
import type { FixtureContext, RouteFixture, RouteRequest } from './route-fixture.ts';
import { INTAKE_COURSE_REQUESTS } from '../courses/matrix-fixtures.test-support.ts';
import { SESSION_REQUESTS } from '../sessions/matrix-fixtures.test-support.ts';
import { LEDGER_REQUESTS } from '../ledger/matrix-fixtures.test-support.ts';
import { OUTCOME_REQUESTS } from '../medications/matrix-fixtures.test-support.ts';
import { QUESTIONNAIRE_REQUESTS } from '../questionnaires/matrix-fixtures.test-support.ts';

export type { FixtureContext, RouteFixture, RouteRequest } from './route-fixture.ts';

const unique = (): string => randomBytes(6).toString('hex');

/** A member of the target clinic who is not signed in (target of user management routes). */
async function memberOf(fx: FixtureContext): Promise<string> {
  const member = await createAccount(fx.app.database.db, {
    email: `target-${unique()}@example.test`,
    displayName: 'Target Member',
    role: 'nurse',
    clinicId: fx.clinicId,
    password: TEST_PASSWORD,
    passwordMustChange: false,
  });
  return member.id;
}

const userTarget = async (fx: FixtureContext): Promise<RouteRequest> => ({
  params: { userId: await memberOf(fx) },
});

const patientTarget = async (fx: FixtureContext): Promise<RouteRequest> => ({
  params: { id: await createTestPatient(fx.app, fx.admin) },
});

/**
 * Default values of path parameters by name, used when a route's fixture does not give one: a fresh
 * object of the target clinic. Feature folders add their parameters here (e.g. `courseId`).
 */
export const PARAM_FACTORIES: Readonly<Record<string, (fx: FixtureContext) => Promise<string>>> = {
  patientId: (fx) => createTestPatient(fx.app, fx.admin),
  userId: memberOf,
};

export const ROUTE_REQUESTS: Readonly<Record<string, RouteFixture>> = {
  ...QUESTIONNAIRE_REQUESTS,
  ...INTAKE_COURSE_REQUESTS,
  ...SESSION_REQUESTS,
  ...LEDGER_REQUESTS,
  ...OUTCOME_REQUESTS,
  'POST /api/v1/auth/login': {
    build: async (fx) => {
      const email = `login-${unique()}@example.test`;
      await createAccount(fx.app.database.db, {
        email,
        displayName: 'Login Target',
        role: 'researcher',
        clinicId: fx.clinicId,
        password: TEST_PASSWORD,
        passwordMustChange: false,
      });
      return { body: { email, password: TEST_PASSWORD } };
    },
  },
  'POST /api/v1/auth/logout': { freshCaller: true },
  'POST /api/v1/auth/mfa/confirm': {
    freshCaller: true,
    build: async (fx) => {
      if (fx.caller === null) return { body: { code: '000000' } };
      const enrol = await fx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/mfa/enrol',
        headers: fx.caller.headers(),
      });
      if (enrol.statusCode !== 200) return { body: { code: '000000' } };
      const { totpCode } = await import('../auth/totp.ts');
      const secret = enrol.json<{ secret: string }>().secret;
      return { body: { code: await totpCode(secret, fx.app.clock.now()) } };
    },
  },
  'POST /api/v1/auth/mfa/verify': { build: () => Promise.resolve({ body: { code: '000000' } }) },
  'POST /api/v1/auth/password': {
    freshCaller: true,
    build: () =>
      Promise.resolve({
        body: { currentPassword: TEST_PASSWORD, newPassword: `a brand new passphrase ${unique()}` },
      }),
  },
  'POST /api/v1/auth/clinic': {
    freshCaller: true,
    crossClinic: true,
    build: (fx) => Promise.resolve({ body: { clinicId: fx.clinicId } }),
  },
  'POST /api/v1/users': {
    build: () =>
      Promise.resolve({
        body: { email: `new-${unique()}@example.test`, displayName: 'New Member', role: 'nurse' },
      }),
  },
  'PUT /api/v1/users/{userId}/role': {
    build: async (fx) => ({ ...(await userTarget(fx)), body: { role: 'coordinator' } }),
  },
  'POST /api/v1/users/{userId}/disable': { build: userTarget },
  'POST /api/v1/users/{userId}/enable': { build: userTarget },
  'POST /api/v1/users/{userId}/end-sessions': { build: userTarget },
  'POST /api/v1/users/{userId}/unlock': { build: userTarget },
  'POST /api/v1/users/{userId}/reset-password': { build: userTarget },
  'POST /api/v1/users/{userId}/reset-mfa': { build: userTarget },

  'POST /api/v1/patients': {
    build: () =>
      Promise.resolve({
        body: {
          mrn: `TEST-${unique().toUpperCase()}`,
          legalGivenName: 'Zebediah',
          legalFamilyName: 'Quuxington',
          dateOfBirth: '1971-04-01',
          sexAtBirth: 'unknown',
        },
      }),
  },
  'GET /api/v1/patients/{id}': { build: patientTarget },
  'GET /api/v1/patients/{id}/history': { build: patientTarget },
  'PATCH /api/v1/patients/{id}': {
    build: async (fx) => ({
      ...(await patientTarget(fx)),
      body: { version: 1, reason: 'Spelling corrected', preferredName: 'Zeb' },
    }),
  },
};
