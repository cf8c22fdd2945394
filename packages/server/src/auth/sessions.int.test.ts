/**
 * Sessions through the HTTP API (T-13, T-18): the cookie's attributes, only a hash stored, idle and
 * absolute expiry (the app clock is moved, nothing sleeps), logout and replay, disabled users, and
 * CSRF (synchroniser token, Origin, Sec-Fetch-Site).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../audit/schema.ts';
import { signIn, signInAs, startTestApp, TEST_PASSWORD, type TestApp } from '../testing/harness.ts';
import { authSessions } from './schema.ts';
import { hashToken, SESSION_COOKIE } from './session-token.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const MINUTE = 60_000;
const session = (headers: Record<string, string>) =>
  t.app.inject({ url: '/api/v1/auth/session', headers });

test('sign-in sets a __Host- cookie (Secure, HttpOnly, SameSite=Strict, Path=/) and stores only its hash', async () => {
  const user = await signIn(t.app, { role: 'nurse' });
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: '10.9.9.1',
    payload: { email: user.email, password: 'correct horse battery staple 42' },
  });
  assert.equal(login.statusCode, 200);
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE);
  assert.ok(cookie !== undefined);
  assert.equal(cookie.secure, true);
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal(cookie.path, '/');
  assert.equal(cookie.domain, undefined);
  assert.ok(Buffer.from(cookie.value, 'base64url').length >= 32, 'at least 256 random bits');
  const rows = await t.database.db
    .select({ tokenHash: authSessions.tokenHash })
    .from(authSessions)
    .where(eq(authSessions.userId, user.userId));
  assert.ok(rows.some((row) => row.tokenHash === hashToken(cookie.value)));
  assert.ok(
    rows.every((row) => row.tokenHash !== cookie.value),
    'the raw token is never stored',
  );
  assert.notEqual(cookie.value, user.cookie.split('=')[1], 'a new token at every sign-in');
});

test('a session ends after 30 idle minutes, and activity slides the idle window', async () => {
  const user = await signIn(t.app, { role: 'coordinator' });
  t.advanceClock(29 * MINUTE);
  assert.equal((await session(user.headers())).statusCode, 200, 'used at 29 min');
  t.advanceClock(29 * MINUTE);
  assert.equal((await session(user.headers())).statusCode, 200, 'idle 29 min again');
  t.advanceClock(30 * MINUTE);
  const expired = await session(user.headers());
  assert.equal(expired.statusCode, 401);
  assert.equal(expired.json<{ code: string }>().code, 'auth.required');
  t.advanceClock(-30 * MINUTE);
  assert.equal((await session(user.headers())).statusCode, 401, 'an expired session stays ended');
});

test('a session ends 12 hours after sign-in however active it is', async () => {
  const user = await signIn(t.app, { role: 'researcher' });
  for (let elapsed = 0; elapsed < 11 * 60 + 40; elapsed += 20) {
    t.advanceClock(20 * MINUTE);
    assert.equal(
      (await session(user.headers())).statusCode,
      200,
      `active at ${String(elapsed + 20)} min`,
    );
  }
  t.advanceClock(20 * MINUTE); // 12 h
  assert.equal((await session(user.headers())).statusCode, 401);
});

test('logout ends the session server-side: replaying the old cookie answers 401', async () => {
  const user = await signIn(t.app, { role: 'nurse' });
  const logout = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/logout',
    headers: user.headers(),
  });
  assert.equal(logout.statusCode, 204);
  const cleared = logout.cookies.find((c) => c.name === SESSION_COOKIE);
  assert.equal(cleared?.value, '');
  const replay = await session(user.headers());
  assert.equal(replay.statusCode, 401);
  assert.equal(replay.cookies.find((c) => c.name === SESSION_COOKIE)?.value, '', 'cookie cleared');
});

test('unknown routes and methods answer 404, signed in or not', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  for (const headers of [{}, nurse.headers()]) {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/users', headers });
    assert.equal(response.statusCode, 404);
  }
});

test('disabling a user ends their live sessions and refuses new ones', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const nurse = await signIn(t.app, { role: 'nurse', clinicId: admin.clinicId });
  assert.equal((await session(nurse.headers())).statusCode, 200);
  const disable = await t.app.inject({
    method: 'POST',
    url: `/api/v1/users/${nurse.userId}/disable`,
    headers: admin.headers(),
  });
  assert.equal(disable.statusCode, 200, disable.body);
  assert.equal(disable.json<{ disabled: boolean }>().disabled, true);
  assert.equal((await session(nurse.headers())).statusCode, 401);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: '10.9.9.2',
    payload: { email: nurse.email, password: 'correct horse battery staple 42' },
  });
  assert.equal(login.statusCode, 401);
});

test('an admin can end all sessions of a user', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const nurse = await signIn(t.app, { role: 'nurse', clinicId: admin.clinicId });
  const end = await t.app.inject({
    method: 'POST',
    url: `/api/v1/users/${nurse.userId}/end-sessions`,
    headers: admin.headers(),
  });
  assert.equal(end.statusCode, 200);
  assert.equal(end.json<{ ended: number }>().ended, 1);
  assert.equal((await session(nurse.headers())).statusCode, 401);
});

test('CSRF: a state-changing request needs the session synchroniser token', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const body = { email: 'csrf-target@example.test', displayName: 'Csrf Target', role: 'nurse' };
  const post = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload: body });
  const missing = await post({ cookie: admin.cookie });
  assert.equal(missing.statusCode, 403);
  assert.equal(missing.json<{ code: string }>().code, 'auth.csrf');
  const wrong = await post({ cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(43) });
  assert.equal(wrong.statusCode, 403);
  const other = await signIn(t.app, { role: 'nurse' });
  const foreign = await post({ cookie: admin.cookie, 'x-csrf-token': other.csrfToken });
  assert.equal(foreign.statusCode, 403, "another session's token does not fit");
  const ok = await post(admin.headers());
  assert.equal(ok.statusCode, 201, ok.body);
});

test('CSRF: cross-site Origin or Sec-Fetch-Site is refused even with the right token', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const unlock = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${admin.userId}/unlock`,
      headers: { ...admin.headers(), host: 'ketaflow.example', ...headers },
    });
  for (const headers of [
    { origin: 'https://evil.example' },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
  ]) {
    const response = await unlock(headers);
    assert.equal(response.statusCode, 403, JSON.stringify(headers));
    assert.equal(response.json<{ code: string }>().code, 'auth.cross-site');
  }
  const same = await unlock({
    origin: 'https://ketaflow.example',
    'sec-fetch-site': 'same-origin',
  });
  assert.equal(same.statusCode, 200, same.body);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'sec-fetch-site': 'cross-site' },
    payload: { email: admin.email, password: 'whatever it is here' },
  });
  assert.equal(login.statusCode, 403, 'login CSRF: cross-site sign-in is refused too');
});

test('reading requests need no CSRF token, and unknown routes answer 404 to anonymous callers', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  assert.equal((await session({ cookie: nurse.cookie })).statusCode, 200);
  const unknown = await t.app.inject({ url: '/api/v1/no-such-route' });
  assert.equal(unknown.statusCode, 404);
  assert.equal((await t.app.inject({ url: '/api/v1/auth/session' })).statusCode, 401);
});

test('sign-in and sign-out are audited with user, role, clinic and source address', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: nurse.headers() });
  const events = await t.database.db
    .select({
      action: auditEvents.action,
      role: auditEvents.role,
      clinicId: auditEvents.clinicId,
      sourceIp: auditEvents.sourceIp,
      outcome: auditEvents.outcome,
    })
    .from(auditEvents)
    .where(eq(auditEvents.userId, nurse.userId))
    .orderBy(auditEvents.seq);
  const login = events.find((e) => e.action === 'auth.login');
  const logout = events.find((e) => e.action === 'auth.logout');
  assert.deepEqual(
    { ...login, sourceIp: typeof login?.sourceIp },
    {
      action: 'auth.login',
      role: 'nurse',
      clinicId: nurse.clinicId,
      sourceIp: 'string',
      outcome: 'success',
    },
  );
  assert.equal(logout?.clinicId, nurse.clinicId);
  assert.ok(events.some((e) => e.action === 'auth.clinic-switched'));
});

test('changing the password ends the other sessions of the user, not the current one', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  const second = await signInAs(t.app, {
    email: nurse.email,
    password: TEST_PASSWORD,
    mfaSecret: null,
    clinicId: nurse.clinicId,
  });
  const change = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/password',
    headers: nurse.headers(),
    payload: { currentPassword: TEST_PASSWORD, newPassword: 'an entirely different phrase' },
  });
  assert.equal(change.statusCode, 200, change.body);
  const token = change.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  assert.equal((await session({ cookie: `${SESSION_COOKIE}=${token}` })).statusCode, 200);
  assert.equal((await session(second.headers())).statusCode, 401);
});

test('the API documentation is readable without signing in', async () => {
  const docs = await t.app.inject({ url: '/api/v1/docs' });
  assert.ok(docs.statusCode < 400, String(docs.statusCode));
  assert.equal((await t.app.inject({ url: '/api/v1/openapi.json' })).statusCode, 200);
});
