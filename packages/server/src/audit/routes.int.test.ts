/**
 * GET /api/v1/audit through HTTP: admins browse their clinic's trail by patient, user and time
 * range, newest first and paged; the viewing is itself audited; other roles are refused; another
 * clinic's events never appear (safety-security.md T-24).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { AuditPage, Patient, Problem } from '@ketaflow/contract';
import { fictionalPatient } from '../patients/fixtures.test-support.ts';
import {
  createTestClinic,
  signIn,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '../testing/harness.ts';
import { auditEvents } from './schema.ts';

let t: TestApp;
let clinicId: string;
let admin: SignedIn;
let nurse: SignedIn;
let coordinator: SignedIn;
let foreignAdmin: SignedIn;
let patientA: Patient;
let patientB: Patient;
let foreignPatient: Patient;

async function create(user: SignedIn): Promise<Patient> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/patients',
    headers: user.headers(),
    payload: { ...fictionalPatient() },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json<Patient>();
}

async function read(user: SignedIn, id: string): Promise<void> {
  const response = await t.app.inject({ url: `/api/v1/patients/${id}`, headers: user.headers() });
  assert.equal(response.statusCode, 200);
}

function browse(user: SignedIn, query = '') {
  return t.app.inject({
    url: `/api/v1/audit${query === '' ? '' : `?${query}`}`,
    headers: user.headers(),
  });
}

async function page(user: SignedIn, query = ''): Promise<AuditPage> {
  const response = await browse(user, query);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<AuditPage>();
}

before(async () => {
  t = await startTestApp();
  clinicId = await createTestClinic(t.app);
  admin = await signIn(t.app, { role: 'admin', clinicId });
  nurse = await signIn(t.app, { role: 'nurse', clinicId });
  coordinator = await signIn(t.app, { role: 'coordinator', clinicId });
  foreignAdmin = await signIn(t.app, { role: 'admin' });
  patientA = await create(nurse);
  patientB = await create(coordinator);
  await read(nurse, patientB.id);
  await read(coordinator, patientA.id);
  foreignPatient = await create(foreignAdmin);
  await read(foreignAdmin, foreignPatient.id);
});
after(async () => {
  await t.close();
});

describe('browsing', () => {
  test('by patient: every event of that patient, newest first, with who, what and outcome', async () => {
    const result = await page(admin, `patientId=${patientA.id}`);
    assert.deepEqual(
      result.items.map((e) => [e.action, e.userId, e.role, e.outcome]),
      [
        ['patient.read', coordinator.userId, 'coordinator', 'success'],
        ['patient.create', nurse.userId, 'nurse', 'success'],
      ],
    );
    assert.equal(result.total, 2);
    const newest = result.items[0]!;
    assert.equal(newest.patientId, patientA.id);
    assert.equal(newest.clinicId, clinicId);
    assert.match(newest.occurredAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(newest.userName?.startsWith('Test coordinator'));
    assert.ok(newest.requestId !== null && newest.sourceIp !== null);
  });

  test('by user: only that user’s events', async () => {
    const result = await page(admin, `userId=${nurse.userId}`);
    assert.ok(result.items.length >= 2);
    assert.ok(result.items.every((e) => e.userId === nurse.userId));
    assert.deepEqual(
      result.items
        .filter((e) => e.action.startsWith('patient.'))
        .map((e) => [e.action, e.patientId]),
      [
        ['patient.read', patientB.id],
        ['patient.create', patientA.id],
      ],
    );
  });

  test('by time range: from is inclusive, to exclusive', async () => {
    const all = (await page(admin, `patientId=${patientA.id}`)).items;
    const created = all.find((e) => e.action === 'patient.create')!;
    const readEvent = all.find((e) => e.action === 'patient.read')!;
    const at = encodeURIComponent(created.occurredAt);
    const fromCreate = await page(admin, `patientId=${patientA.id}&from=${at}`);
    assert.ok(fromCreate.items.some((e) => e.seq === created.seq));
    const untilCreate = await page(admin, `patientId=${patientA.id}&to=${at}`);
    assert.ok(untilCreate.items.every((e) => e.seq !== created.seq));
    const future = encodeURIComponent(
      new Date(Date.parse(readEvent.occurredAt) + 60_000).toISOString(),
    );
    assert.equal((await page(admin, `patientId=${patientA.id}&from=${future}`)).total, 0);
  });

  test('paging: a page size and page walk the newest-first list without overlap', async () => {
    // Filtered by the nurse, so the admin's own audit.search events do not shift the pages.
    const whole = await page(admin, `userId=${nurse.userId}`);
    assert.ok(whole.total >= 2);
    const pages = await Promise.all(
      Array.from({ length: whole.total }, (_, i) =>
        page(admin, `userId=${nurse.userId}&pageSize=1&page=${String(i + 1)}`),
      ),
    );
    assert.deepEqual(
      pages.map((p) => p.items.map((e) => e.seq)),
      whole.items.map((e) => [e.seq]),
    );
    const seqs = whole.items.map((e) => e.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => b - a),
    );
    const beyond = await page(
      admin,
      `userId=${nurse.userId}&pageSize=1&page=${String(whole.total + 1)}`,
    );
    assert.deepEqual([beyond.items.length, beyond.total], [0, whole.total]);
  });

  test('another clinic’s events never appear, even when asked for by id', async () => {
    const byForeignPatient = await page(admin, `patientId=${foreignPatient.id}`);
    assert.deepEqual(byForeignPatient.items, []);
    const byForeignUser = await page(admin, `userId=${foreignAdmin.userId}`);
    assert.deepEqual(byForeignUser.items, []);
    const everything = await page(admin, 'pageSize=100');
    assert.ok(everything.items.every((e) => e.clinicId === clinicId));
    const theirs = await page(foreignAdmin, `patientId=${patientA.id}`);
    assert.deepEqual(theirs.items, []);
  });

  test('viewing the audit log is itself audited, with the filters and the count', async () => {
    const response = await browse(admin, `patientId=${patientB.id}&pageSize=10`);
    assert.equal(response.statusCode, 200);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, String(response.headers['x-request-id'])));
    assert.equal(events.length, 1);
    const event = events[0]!;
    assert.equal(event.action, 'audit.search');
    assert.equal(event.userId, admin.userId);
    assert.equal(event.patientId, patientB.id);
    assert.deepEqual(event.detail, {
      filters: { patientId: patientB.id },
      page: 1,
      count: response.json<AuditPage>().items.length,
      total: response.json<AuditPage>().total,
    });
  });
});

describe('access and bad input', () => {
  test('only admins may browse; a refusal is audited as access.denied', async () => {
    for (const user of [nurse, coordinator]) {
      const response = await browse(user);
      assert.equal(response.statusCode, 403);
      assert.equal(response.json<Problem>().code, 'auth.forbidden');
    }
    const anonymous = await t.app.inject({ url: '/api/v1/audit' });
    assert.equal(anonymous.statusCode, 401);
    const denied = await page(admin, `userId=${nurse.userId}`);
    assert.ok(denied.items.some((e) => e.action === 'access.denied' && e.outcome === 'denied'));
  });

  for (const [what, query, field] of [
    ['a time without an offset', 'from=2026-01-01T00:00:00', 'querystring.from'],
    ['a date instead of an instant', 'to=2026-01-01', 'querystring.to'],
    ['to not after from', 'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'querystring.to'],
    ['a patient id that is not a UUID', 'patientId=42', 'querystring.patientId'],
    ['a page size over 100', 'pageSize=101', 'querystring.pageSize'],
  ] as const) {
    test(`${what} is a 400 naming ${field}`, async () => {
      const response = await browse(admin, query);
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.json<Problem>().field, field);
    });
  }
});
