/**
 * User management and clinics through the HTTP API: admins act only inside their active clinic, a
 * foreign user answers like a missing one, no secret leaves the server, every change is audited, and
 * the clinic switcher moves a multi-clinic user between roles.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/schema.ts';
import {
  createTestClinic,
  signIn,
  signInAs,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../testing/harness.ts';
import { SESSION_COOKIE } from '../auth/session-token.ts';
import { addMembership } from './accounts.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const withoutRequestId = (body: string) => {
  const { requestId: _ignored, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
};

test('admins list, create and manage members of their own clinic only; no secret leaves', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const nurse = await signIn(t.app, { role: 'nurse', clinicId: admin.clinicId });
  const stranger = await signIn(t.app, { role: 'nurse' });
  const list = await t.app.inject({ url: '/api/v1/users', headers: admin.headers() });
  assert.equal(list.statusCode, 200);
  const ids = list.json<{ items: { id: string }[]; total: number }>().items.map((m) => m.id);
  assert.deepEqual(new Set(ids), new Set([admin.userId, nurse.userId]));
  assert.doesNotMatch(list.body, /argon2|passwordHash|mfaSecret|failedLogins/);

  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin.headers(),
    payload: {
      email: 'Fresh.Member@Example.test',
      displayName: 'Fresh Member',
      role: 'coordinator',
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const body = created.json<{
    user: { email: string; passwordMustChange: boolean };
    oneTimePassword: string;
  }>();
  assert.equal(body.user.email, 'fresh.member@example.test');
  assert.equal(body.user.passwordMustChange, true);
  assert.ok(body.oneTimePassword.length >= 12);
  assert.doesNotMatch(created.body, /argon2/);

  const duplicate = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin.headers(),
    payload: { email: 'fresh.member@example.test', displayName: 'Again', role: 'nurse' },
  });
  assert.equal(duplicate.statusCode, 409);
  assert.equal(duplicate.json<{ field: string }>().field, 'body.email');

  const smuggled = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin.headers(),
    payload: {
      email: 'smuggler@example.test',
      displayName: 'Smuggler',
      role: 'nurse',
      clinicId: stranger.clinicId,
    },
  });
  assert.equal(smuggled.statusCode, 400, 'unknown fields (clinicId) are rejected, not ignored');
  assert.match(smuggled.json<{ detail: string }>().detail, /clinicId/);
});

test('role changes are audited with from and to; admins cannot change or disable themselves', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const nurse = await signIn(t.app, { role: 'nurse', clinicId: admin.clinicId });
  const change = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/users/${nurse.userId}/role`,
    headers: admin.headers(),
    payload: { role: 'coordinator' },
  });
  assert.equal(change.statusCode, 200, change.body);
  assert.equal(change.json<{ role: string }>().role, 'coordinator');
  const session = await t.app.inject({ url: '/api/v1/auth/session', headers: nurse.headers() });
  assert.equal(session.json<{ activeClinic: { role: string } }>().activeClinic.role, 'coordinator');
  const [event] = await t.database.db
    .select({ detail: auditEvents.detail, userId: auditEvents.userId })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.action, 'user.role-changed'), eq(auditEvents.resourceId, nurse.userId)),
    );
  assert.deepEqual(event, { detail: { from: 'nurse', to: 'coordinator' }, userId: admin.userId });

  const toPatient = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/users/${nurse.userId}/role`,
    headers: admin.headers(),
    payload: { role: 'patient' },
  });
  assert.equal(toPatient.statusCode, 400);
  for (const [method, url, payload] of [
    ['PUT', `/api/v1/users/${admin.userId}/role`, { role: 'nurse' }],
    ['POST', `/api/v1/users/${admin.userId}/disable`, undefined],
  ] as const) {
    const self = await t.app.inject({
      method,
      url,
      headers: admin.headers(),
      ...(payload === undefined ? {} : { payload }),
    });
    assert.equal(self.statusCode, 409, url);
    assert.equal(self.json<{ code: string }>().code, 'user.self-change');
  }
});

test('a user of another clinic answers exactly like a missing one', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const elsewhere = await signIn(t.app, { role: 'nurse' });
  for (const action of ['disable', 'unlock', 'end-sessions']) {
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${elsewhere.userId}/${action}`,
      headers: admin.headers(),
    });
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${randomUUID()}/${action}`,
      headers: admin.headers(),
    });
    assert.equal(foreign.statusCode, 404);
    assert.deepEqual(withoutRequestId(foreign.body), withoutRequestId(missing.body));
  }
  const still = await t.app.inject({ url: '/api/v1/auth/session', headers: elsewhere.headers() });
  assert.equal(still.statusCode, 200, 'the foreign user was not touched');
});

test('non-admins are refused user management, and the refusal is audited', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  const response = await t.app.inject({ url: '/api/v1/users', headers: nurse.headers() });
  assert.equal(response.statusCode, 403);
  const denied = await t.database.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.userId, nurse.userId), eq(auditEvents.outcome, 'denied')));
  assert.deepEqual(denied, [{ action: 'access.denied' }]);
});

test('disable then enable: the user signs in again', async () => {
  const admin = await signIn(t.app, { role: 'admin' });
  const nurse = await signIn(t.app, { role: 'nurse', clinicId: admin.clinicId });
  for (const action of ['disable', 'enable']) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${nurse.userId}/${action}`,
      headers: admin.headers(),
    });
    assert.equal(response.statusCode, 200);
  }
  const again = await signInAs(t.app, {
    email: nurse.email,
    password: TEST_PASSWORD,
    mfaSecret: null,
    clinicId: admin.clinicId,
  });
  const session = await t.app.inject({ url: '/api/v1/auth/session', headers: again.headers() });
  assert.equal(session.statusCode, 200);
});

test('the clinic switcher moves a multi-clinic user between clinics and roles', async () => {
  const nurse = await signIn(t.app, { role: 'nurse' });
  const second = await createTestClinic(t.app, 'Second site');
  const notMine = await createTestClinic(t.app, 'Not my site');
  await addMembership(t.database.db, {
    userId: nurse.userId,
    clinicId: second,
    role: 'coordinator',
  });

  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: '10.202.0.1',
    payload: { email: nurse.email, password: TEST_PASSWORD },
  });
  assert.equal(login.json<{ next: string }>().next, 'clinic-select', 'two clinics: choose one');
  let token = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  const csrf = login.json<{ csrfToken: string }>().csrfToken;
  const headers = () => ({ cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrf });
  const blocked = await t.app.inject({ url: '/api/v1/patients', headers: headers() });
  assert.equal(blocked.json<{ code: string }>().code, 'auth.clinic-required');

  const switchTo = async (clinicId: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/clinic',
      headers: headers(),
      payload: { clinicId },
    });
    const previous = token;
    token = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? token;
    return { response, rotated: previous !== token };
  };
  const first = await switchTo(nurse.clinicId);
  assert.equal(
    first.response.json<{ activeClinic: { role: string } }>().activeClinic.role,
    'nurse',
  );
  assert.ok(first.rotated, 'a new session token on the privilege change');
  const other = await switchTo(second);
  assert.equal(
    other.response.json<{ activeClinic: { role: string } }>().activeClinic.role,
    'coordinator',
  );
  const foreign = await switchTo(notMine);
  const missing = await switchTo(randomUUID());
  assert.equal(foreign.response.statusCode, 404);
  assert.deepEqual(
    withoutRequestId(foreign.response.body),
    withoutRequestId(missing.response.body),
  );
  const session = await t.app.inject({ url: '/api/v1/auth/session', headers: headers() });
  assert.equal(session.json<{ activeClinic: { id: string } }>().activeClinic.id, second);
});
