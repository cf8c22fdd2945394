/**
 * Admin credential resets: a new one-time password or removal of the second factor ends the user's
 * sessions and forces the matching step at the next sign-in; a user who also belongs to a clinic the
 * admin does not administer cannot be reset (no cross-site account takeover).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTestClinic,
  signIn,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../testing/harness.ts';
import { addMembership } from './accounts.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

let address = 0;
const login = (email: string, password: string) => {
  address += 1;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: `10.203.0.${String(address)}`,
    payload: { email, password },
  });
};

test('a password reset ends the sessions and hands out a one-time password', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const nurse = await signIn(t.app, { role: 'nurse', clinicId: admin.clinicId });
  const reset = await t.app.inject({
    method: 'POST',
    url: `/api/v1/users/${nurse.userId}/reset-password`,
    headers: admin.headers(),
  });
  assert.equal(reset.statusCode, 200, reset.body);
  const { oneTimePassword } = reset.json<{ oneTimePassword: string }>();
  const old = await t.app.inject({ url: '/api/v1/auth/session', headers: nurse.headers() });
  assert.equal(old.statusCode, 401);
  assert.equal((await login(nurse.email, TEST_PASSWORD)).statusCode, 401, 'old password gone');
  const fresh = await login(nurse.email, oneTimePassword);
  assert.equal(fresh.json<{ next: string }>().next, 'password-change');
});

test('a second-factor reset makes an admin-required role enrol again', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const prescriber = await signIn(t.app, { role: 'prescriber', clinicId: admin.clinicId });
  const reset = await t.app.inject({
    method: 'POST',
    url: `/api/v1/users/${prescriber.userId}/reset-mfa`,
    headers: admin.headers(),
  });
  assert.equal(reset.statusCode, 200, reset.body);
  assert.equal(reset.json<{ mfaEnrolled: boolean }>().mfaEnrolled, false);
  const old = await t.app.inject({ url: '/api/v1/auth/session', headers: prescriber.headers() });
  assert.equal(old.statusCode, 401);
  const again = await login(prescriber.email, TEST_PASSWORD);
  assert.equal(again.json<{ next: string }>().next, 'mfa-enrol');
});

test('a user of a clinic the admin does not administer cannot be reset', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const nurse = await signIn(t.app, { role: 'nurse', clinicId: admin.clinicId });
  const otherSite = await createTestClinic(t.app, 'Other site');
  await addMembership(t.database.db, { userId: nurse.userId, clinicId: otherSite, role: 'nurse' });
  const reset = () =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${nurse.userId}/reset-password`,
      headers: admin.headers(),
    });
  const refused = await reset();
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json<{ code: string }>().code, 'user.other-clinics');
  await addMembership(t.database.db, { userId: admin.userId, clinicId: otherSite, role: 'admin' });
  assert.equal((await reset()).statusCode, 200, 'an admin of both sites may');
});
