/**
 * Sign-in through the HTTP API (T-14, T-15): identical answers for unknown email and wrong password,
 * lockout after 10 consecutive failures (temporary, lifted by an admin), the per-IP rate limit (429
 * with Retry-After), the one-time password flow, and every attempt audited.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hash } from '@node-rs/argon2';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/schema.ts';
import { createUser } from '../users/accounts.ts';
import { users } from '../users/schema.ts';
import { signIn, startTestApp, TEST_PASSWORD, type TestApp } from '../testing/harness.ts';
import { ARGON2_PARAMS, hashParameters } from './password.ts';
import { SESSION_COOKIE } from './session-token.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

let address = 0;
const login = (email: string, password: string, remoteAddress?: string) => {
  address += 1;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress:
      remoteAddress ?? `10.200.${String(Math.floor(address / 250))}.${String(address % 250)}`,
    payload: { email, password },
  });
};
const withoutRequestId = (body: string) => {
  const { requestId: _ignored, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
};

test('unknown email and wrong password answer identically (status and body)', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  const unknown = await login('nobody-here@example.test', 'some password at all');
  const wrong = await login(nurse.email, 'some password at all');
  assert.equal(unknown.statusCode, 401);
  assert.equal(wrong.statusCode, 401);
  assert.deepEqual(withoutRequestId(unknown.body), withoutRequestId(wrong.body));
  assert.equal(unknown.cookies.length, 0);
  const failed = await t.database.db
    .select({ userId: auditEvents.userId, detail: auditEvents.detail })
    .from(auditEvents)
    .where(eq(auditEvents.action, 'auth.login-failed'));
  assert.ok(failed.some((e) => e.userId === null && e.detail.reason === 'unknown-account'));
  assert.ok(failed.some((e) => e.userId === nurse.userId && e.detail.reason === 'wrong-password'));
});

test('emails are matched case-insensitively', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  assert.equal((await login(nurse.email.toUpperCase(), TEST_PASSWORD)).statusCode, 200);
});

test('10 consecutive failures lock the account for 15 minutes; the lock answers like a wrong password', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  for (let i = 1; i <= 9; i += 1)
    assert.equal((await login(nurse.email, `wrong password ${String(i)}`)).statusCode, 401);
  assert.equal((await login(nurse.email, TEST_PASSWORD)).statusCode, 200, '9 failures do not lock');
  for (let i = 1; i <= 10; i += 1) await login(nurse.email, `wrong password ${String(i)}`);
  const locked = await login(nurse.email, TEST_PASSWORD);
  const unknown = await login('nobody-here@example.test', TEST_PASSWORD);
  assert.equal(locked.statusCode, 401, 'the right password is refused while locked');
  assert.deepEqual(withoutRequestId(locked.body), withoutRequestId(unknown.body));
  const lockouts = await t.database.db
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'auth.lockout'), eq(auditEvents.userId, nurse.userId)));
  assert.equal(lockouts.length, 1);
  t.advanceClock(14 * 60_000);
  assert.equal((await login(nurse.email, TEST_PASSWORD)).statusCode, 401, 'still locked at 14 min');
  t.advanceClock(60_000);
  assert.equal((await login(nurse.email, TEST_PASSWORD)).statusCode, 200, 'unlocked at 15 min');
});

test('an admin lifts a lockout early', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const nurse = await signIn(t.app, { role: 'nurse', clinicId: admin.clinicId });
  for (let i = 1; i <= 10; i += 1) await login(nurse.email, `wrong password ${String(i)}`);
  assert.equal((await login(nurse.email, TEST_PASSWORD)).statusCode, 401);
  const list = await t.app.inject({ url: '/api/v1/users', headers: admin.headers() });
  const member = list
    .json<{ items: { id: string; lockedUntil: string | null }[] }>()
    .items.find((m) => m.id === nurse.userId);
  assert.notEqual(member?.lockedUntil ?? null, null, 'the admin sees the lock');
  const unlock = await t.app.inject({
    method: 'POST',
    url: `/api/v1/users/${nurse.userId}/unlock`,
    headers: admin.headers(),
  });
  assert.equal(unlock.statusCode, 200);
  assert.equal(unlock.json<{ lockedUntil: string | null }>().lockedUntil, null);
  assert.equal((await login(nurse.email, TEST_PASSWORD)).statusCode, 200);
});

test('more than 60 sign-in attempts a minute from one address answer 429 with Retry-After', async () => {
  const statuses: number[] = [];
  let limited: Awaited<ReturnType<typeof login>> | null = null;
  for (let i = 0; i < 61; i += 1) {
    const response = await login('nobody-at-all@example.test', 'not the password', '10.66.66.66');
    statuses.push(response.statusCode);
    limited = response;
  }
  assert.deepEqual(new Set(statuses.slice(0, 60)), new Set([401]));
  assert.equal(limited?.statusCode, 429);
  assert.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After in seconds');
  assert.equal(limited.json<{ code: string }>().code, 'rate.limited');
  const elsewhere = await login('nobody-at-all@example.test', 'not the password', '10.66.66.67');
  assert.equal(elsewhere.statusCode, 401, 'the limit is per address');
});

test('a one-time password must be replaced before any data; the policy names the field', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const created = await createUser(t.database.db, {
    email: 'first-sign-in@example.test',
    displayName: 'First Sign-In',
    role: 'nurse',
    clinicId: admin.clinicId,
  });
  assert.match(created.oneTimePassword, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  const response = await login('first-sign-in@example.test', created.oneTimePassword);
  assert.equal(response.statusCode, 200);
  assert.equal(response.json<{ next: string }>().next, 'password-change');
  const token = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  const headers = {
    cookie: `${SESSION_COOKIE}=${token}`,
    'x-csrf-token': response.json<{ csrfToken: string }>().csrfToken,
  };
  const data = await t.app.inject({ url: '/api/v1/patients', headers });
  assert.equal(data.statusCode, 403);
  assert.equal(data.json<{ code: string }>().code, 'auth.password-change-required');
  const change = (newPassword: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers,
      payload: { currentPassword: created.oneTimePassword, newPassword },
    });
  for (const [password, code] of [
    ['short pass', 'password.too-short'],
    ['PASSWORD1234', 'password.too-common'],
    ['x'.repeat(129), 'password.too-long'],
  ] as const) {
    const refused = await change(password);
    assert.equal(refused.statusCode, 400, password);
    assert.deepEqual(
      [refused.json<{ code: string }>().code, refused.json<{ field: string }>().field],
      [code, 'body.newPassword'],
    );
  }
  const changed = await change('a long and unusual passphrase');
  assert.equal(changed.statusCode, 200, changed.body);
  assert.equal(changed.json<{ next: string }>().next, 'ready');
  const newToken = changed.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  assert.ok(newToken !== undefined && newToken !== token, 'a new session token after the change');
  const after = await t.app.inject({
    url: '/api/v1/patients',
    headers: { cookie: `${SESSION_COOKIE}=${newToken}` },
  });
  assert.equal(after.statusCode, 200);
  const [row] = await t.database.db
    .select({ hash: users.passwordHash, mustChange: users.passwordMustChange })
    .from(users)
    .where(eq(users.email, 'first-sign-in@example.test'));
  assert.equal(row?.mustChange, false);
});

test('every stored password hash is argon2id with m >= 46 MiB, t >= 1, p = 1 (T-15)', async () => {
  const rows = await t.database.db.select({ hash: users.passwordHash }).from(users);
  assert.ok(rows.length > 5);
  for (const row of rows) {
    const parameters = hashParameters(row.hash);
    assert.ok(parameters !== null, 'argon2id PHC string');
    assert.ok(parameters.memoryKiB >= 46 * 1024);
    assert.ok(parameters.time >= 1);
    assert.equal(parameters.parallelism, 1);
  }
});

test('a weaker stored hash is upgraded to the current parameters at the next sign-in', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  const weak = await hash(TEST_PASSWORD, {
    ...ARGON2_PARAMS,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  });
  await t.database.db.update(users).set({ passwordHash: weak }).where(eq(users.id, nurse.userId));
  assert.equal((await login(nurse.email, TEST_PASSWORD)).statusCode, 200);
  const [row] = await t.database.db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, nurse.userId));
  assert.deepEqual(hashParameters(row?.hash ?? ''), { memoryKiB: 47_104, time: 1, parallelism: 1 });
  assert.equal((await login(nurse.email, TEST_PASSWORD)).statusCode, 200, 'the new hash verifies');
});
