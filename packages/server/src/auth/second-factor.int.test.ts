/**
 * TOTP second factor through the HTTP API (T-16): required for admins and prescribers before any data,
 * enrolment with secret, otpauth URI and QR code, a code accepted once (replay refused), wrong codes
 * counting toward the lockout, and a new session token once the factor is passed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/schema.ts';
import { createUser } from '../users/accounts.ts';
import { signIn, startTestApp, TEST_PASSWORD, type TestApp } from '../testing/harness.ts';
import { SESSION_COOKIE } from './session-token.ts';
import { totpCode } from './totp.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

let address = 0;
interface Client {
  status: number;
  headers: () => Record<string, string>;
  body: Record<string, unknown>;
  post(url: string, payload?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  get(url: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** Signs in with the password only and keeps following the session cookie. */
async function passwordOnly(email: string, password: string): Promise<Client> {
  address += 1;
  const remoteAddress = `10.201.0.${String(address)}`;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    payload: { email, password },
  });
  let token = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  const csrf = response.json<{ csrfToken?: string }>().csrfToken ?? '';
  const headers = () => ({ cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrf });
  const follow = (r: {
    statusCode: number;
    body: string;
    cookies: { name: string; value: string }[];
  }) => {
    token = r.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? token;
    return { status: r.statusCode, body: JSON.parse(r.body || '{}') as Record<string, unknown> };
  };
  return {
    status: response.statusCode,
    body: response.json(),
    headers,
    post: async (url, payload) =>
      follow(
        await t.app.inject({
          method: 'POST',
          url,
          remoteAddress,
          headers: headers(),
          ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
        }),
      ),
    get: async (url) => follow(await t.app.inject({ url, remoteAddress, headers: headers() })),
  };
}

test('an enrolled admin reaches no data before the second factor; passing it re-keys the session', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const secret = admin.mfaSecret ?? '';
  t.advanceClock(60_000); // a later time step than the one the harness used
  const client = await passwordOnly(admin.email, TEST_PASSWORD);
  assert.equal(client.status, 200);
  assert.equal(client.body.next, 'mfa-verify');
  const before = await client.get('/api/v1/users');
  assert.equal(before.status, 403);
  assert.equal(before.body.code, 'auth.mfa-required');
  const wrong = await client.post('/api/v1/auth/mfa/verify', { code: '000000' });
  assert.equal(wrong.status, 400);
  assert.deepEqual([wrong.body.code, wrong.body.field], ['mfa.code-invalid', 'body.code']);
  const oldHeaders = client.headers();
  const ok = await client.post('/api/v1/auth/mfa/verify', {
    code: await totpCode(secret, t.app.clock.now()),
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.next, 'ready', 'a single membership is the active clinic');
  assert.notEqual(client.headers().cookie, oldHeaders.cookie, 'new session token');
  const stale = await t.app.inject({ url: '/api/v1/auth/session', headers: oldHeaders });
  assert.equal(stale.statusCode, 401, 'the pre-MFA token is dead');
  assert.equal((await client.get('/api/v1/users')).status, 200);
});

test('a TOTP code is accepted once: replaying it in another session inside its window fails', async () => {
  const prescriber = await signIn(t.app, { role: 'prescriber' });
  t.advanceClock(30_000);
  const code = await totpCode(prescriber.mfaSecret ?? '', t.app.clock.now());
  const first = await passwordOnly(prescriber.email, TEST_PASSWORD);
  assert.equal((await first.post('/api/v1/auth/mfa/verify', { code })).status, 200);
  const second = await passwordOnly(prescriber.email, TEST_PASSWORD);
  const replay = await second.post('/api/v1/auth/mfa/verify', { code });
  assert.equal(replay.status, 400);
  assert.equal(replay.body.code, 'mfa.code-invalid');
  t.advanceClock(30_000);
  const next = await second.post('/api/v1/auth/mfa/verify', {
    code: await totpCode(prescriber.mfaSecret ?? '', t.app.clock.now()),
  });
  assert.equal(next.status, 200, 'the next time step passes');
});

test('a new admin replaces the one-time password, then must enrol a second factor', async () => {
  const existing = await signIn(t.app, { role: 'admin' });
  const created = await createUser(t.database.db, {
    email: 'new-admin@example.test',
    displayName: 'New Admin',
    role: 'admin',
    clinicId: existing.clinicId,
  });
  const client = await passwordOnly('new-admin@example.test', created.oneTimePassword);
  assert.equal(client.body.next, 'password-change');
  const early = await client.post('/api/v1/auth/mfa/enrol');
  assert.equal(early.body.code, 'auth.password-change-required');
  const changed = await client.post('/api/v1/auth/password', {
    currentPassword: created.oneTimePassword,
    newPassword: 'quiet orchard under winter light',
  });
  assert.equal(changed.body.next, 'mfa-enrol');
  const data = await client.get('/api/v1/users');
  assert.equal(data.status, 403);
  assert.equal(data.body.code, 'auth.mfa-enrolment-required');

  const enrol = await client.post('/api/v1/auth/mfa/enrol');
  assert.equal(enrol.status, 200);
  const secret = String(enrol.body.secret);
  assert.match(secret, /^[A-Z2-7]{32}$/, '20-byte base32 secret');
  assert.match(
    String(enrol.body.otpauthUri),
    /^otpauth:\/\/totp\/Ketaflow:new-admin%40example\.test\?/,
  );
  assert.match(String(enrol.body.otpauthUri), new RegExp(`secret=${secret}`));
  assert.match(
    String(enrol.body.qrCodePngDataUrl),
    /^data:image\/png;base64,[A-Za-z0-9+/=]{100,}$/,
  );
  const wrong = await client.post('/api/v1/auth/mfa/confirm', { code: '000000' });
  assert.equal(wrong.status, 400);
  const confirmed = await client.post('/api/v1/auth/mfa/confirm', {
    code: await totpCode(secret, t.app.clock.now()),
  });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  assert.equal(confirmed.body.next, 'ready');
  assert.equal(confirmed.body.mfaEnrolled, true);
  assert.equal((await client.get('/api/v1/users')).status, 200);
  const again = await client.post('/api/v1/auth/mfa/enrol');
  assert.equal(again.status, 409);
  const events = await t.database.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.resourceId, created.user.id), eq(auditEvents.outcome, 'success')));
  const actions = events.map((e) => e.action);
  for (const action of ['user.created', 'auth.password-changed', 'auth.mfa-enrolled']) {
    assert.ok(actions.includes(action), action);
  }
});

test('wrong codes count toward the lockout: the 10th ends the session and locks the account', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const client = await passwordOnly(admin.email, TEST_PASSWORD);
  for (let i = 0; i < 9; i += 1) {
    assert.equal((await client.post('/api/v1/auth/mfa/verify', { code: '000000' })).status, 400);
  }
  assert.equal((await client.post('/api/v1/auth/mfa/verify', { code: '000000' })).status, 400);
  assert.equal((await client.get('/api/v1/auth/session')).status, 401, 'session ended');
  const relogin = await passwordOnly(admin.email, TEST_PASSWORD);
  assert.equal(relogin.status, 401, 'locked');
});

test('staff without a required factor may enrol one; it is then asked at every sign-in', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  const client = await passwordOnly(nurse.email, TEST_PASSWORD);
  assert.equal(client.body.next, 'ready');
  assert.equal(client.body.mfaRequired, false);
  const enrol = await client.post('/api/v1/auth/mfa/enrol');
  const confirm = await client.post('/api/v1/auth/mfa/confirm', {
    code: await totpCode(String(enrol.body.secret), t.app.clock.now()),
  });
  assert.equal(confirm.status, 200);
  const later = await passwordOnly(nurse.email, TEST_PASSWORD);
  assert.equal(later.body.next, 'mfa-verify');
  assert.equal((await later.get('/api/v1/patients')).status, 403);
});
