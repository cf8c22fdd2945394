/**
 * The patient registry through HTTP (Fastify inject, signed in through the real auth path):
 * status codes, problem+json for every malformed field, optimistic concurrency under parallel
 * requests, clinic and patient scoping, and the audit events each request leaves behind.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Patient, PatientPage, Problem } from '@ketaflow/contract';
import { auditEvents } from '../audit/schema.ts';
import {
  createTestClinic,
  signIn,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '../testing/harness.ts';
import { fictionalPatient } from './fixtures.test-support.ts';
import { patients, patientVersions } from './schema.ts';

let t: TestApp;
let clinicId: string;
let nurse: SignedIn;
let coordinator: SignedIn;
let researcher: SignedIn;
let foreignAdmin: SignedIn;

before(async () => {
  t = await startTestApp();
  clinicId = await createTestClinic(t.app);
  nurse = await signIn(t.app, { role: 'nurse', clinicId });
  coordinator = await signIn(t.app, { role: 'coordinator', clinicId });
  researcher = await signIn(t.app, { role: 'researcher', clinicId });
  foreignAdmin = await signIn(t.app, { role: 'admin' });
});
after(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

function call(user: SignedIn | null, method: Method, url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: user === null ? {} : user.headers(),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function create(user: SignedIn, overrides: Record<string, unknown> = {}): Promise<Patient> {
  const response = await call(user, 'POST', '/api/v1/patients', {
    ...fictionalPatient(),
    ...overrides,
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json<Patient>();
}

async function eventsOfRequest(requestId: unknown) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.requestId, String(requestId)));
}

async function rowCounts(): Promise<[number, number, number]> {
  const count = async (table: typeof patients | typeof patientVersions | typeof auditEvents) => {
    const [row] = await t.database.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(table);
    return row?.n ?? 0;
  };
  return [await count(patients), await count(patientVersions), await count(auditEvents)];
}

describe('create, read, correct, history', () => {
  test('POST answers 201 with the record and its location; GET reads it back', async () => {
    const input = fictionalPatient({
      preferredName: 'Zeb',
      genderIdentity: 'Nonbinary',
      phone: '+17145550123',
      email: 'zq@example.org',
      address: {
        line1: '1 Imaginary Way',
        line2: 'Suite 2',
        city: 'Irvine',
        state: 'CA',
        postalCode: '92618-1234',
      },
      emergencyContact: {
        name: 'Quilla Quuxington',
        relationship: 'Sibling',
        phone: '+19495550100',
      },
    });
    const response = await call(nurse, 'POST', '/api/v1/patients', input);
    assert.equal(response.statusCode, 201, response.body);
    const created = response.json<Patient>();
    assert.equal(response.headers.location, `/api/v1/patients/${created.id}`);
    assert.deepEqual(
      { ...input, id: created.id, version: 1 },
      Object.fromEntries(
        Object.entries(created).filter(
          ([k]) => !['createdAt', 'createdBy', 'updatedAt', 'updatedBy'].includes(k),
        ),
      ),
    );
    const read = await call(coordinator, 'GET', `/api/v1/patients/${created.id}`);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), created);
  });

  test('PATCH makes version 2; history lists both with fields, reason and author', async () => {
    const created = await create(nurse);
    const patch = await call(coordinator, 'PATCH', `/api/v1/patients/${created.id}`, {
      version: 1,
      reason: 'Legal name change (court order seen)',
      legalFamilyName: 'Vantablack',
    });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.equal(patch.json<Patient>().version, 2);
    assert.equal(patch.json<Patient>().updatedBy, coordinator.userId);

    const history = await call(nurse, 'GET', `/api/v1/patients/${created.id}/history`);
    assert.equal(history.statusCode, 200, history.body);
    const items = history.json<{
      items: { version: number; changedBy: string; changedFields: string[]; reason: string }[];
    }>().items;
    assert.deepEqual(
      items.map((v) => [
        v.version,
        v.changedBy,
        v.reason,
        v.changedFields.includes('legalFamilyName'),
      ]),
      [
        [2, coordinator.userId, 'Legal name change (court order seen)', true],
        [1, nurse.userId, 'Registered', true],
      ],
    );
    assert.deepEqual(items[0]?.changedFields, ['legalFamilyName']);
  });

  test('a stale version is a problem+json 409 patient.version-conflict', async () => {
    const created = await create(nurse);
    await call(nurse, 'PATCH', `/api/v1/patients/${created.id}`, {
      version: 1,
      reason: 'Fix',
      preferredName: 'Zee',
    });
    const before = await rowCounts();
    const stale = await call(coordinator, 'PATCH', `/api/v1/patients/${created.id}`, {
      version: 1,
      reason: 'Another fix',
      preferredName: 'Zed',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(String(stale.headers['content-type']), /^application\/problem\+json/);
    assert.equal(stale.json<Problem>().code, 'patient.version-conflict');
    assert.equal(stale.json<Problem>().field, 'body.version');
    assert.deepEqual(await rowCounts(), before);
  });

  test('of 6 parallel PATCHes of one version exactly one is 200 and five are 409', async () => {
    const created = await create(nurse);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(i % 2 === 0 ? nurse : coordinator, 'PATCH', `/api/v1/patients/${created.id}`, {
          version: 1,
          reason: `Parallel fix ${String(i)}`,
          genderIdentity: `Identity ${String(i)}`,
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409]);
    const versions = await t.database.db
      .select()
      .from(patientVersions)
      .where(eq(patientVersions.patientId, created.id));
    assert.equal(versions.length, 2);
  });

  test('a retried POST with the same client id answers 200 with the same record', async () => {
    const input = { ...fictionalPatient(), id: randomUUID() };
    const first = await call(nurse, 'POST', '/api/v1/patients', input);
    const retry = await call(nurse, 'POST', '/api/v1/patients', input);
    assert.deepEqual([first.statusCode, retry.statusCode], [201, 200]);
    assert.deepEqual(retry.json(), first.json());
    const changed = await call(nurse, 'POST', '/api/v1/patients', {
      ...input,
      preferredName: 'Zed',
    });
    assert.equal(changed.statusCode, 409);
    assert.equal(changed.json<Problem>().code, 'patient.id-taken');
  });

  test('a taken MRN is a 409 patient.mrn-taken naming body.mrn', async () => {
    const first = await create(nurse);
    const before = await rowCounts();
    const response = await call(
      nurse,
      'POST',
      '/api/v1/patients',
      fictionalPatient({ mrn: first.mrn }),
    );
    assert.equal(response.statusCode, 409);
    assert.equal(response.json<Problem>().code, 'patient.mrn-taken');
    assert.equal(response.json<Problem>().field, 'body.mrn');
    assert.deepEqual(await rowCounts(), before);
  });

  test('nothing is deleted: there is no DELETE (or PUT) route', async () => {
    const created = await create(nurse);
    for (const method of ['DELETE', 'PUT'] as const) {
      const response = await call(nurse, method, `/api/v1/patients/${created.id}`);
      assert.ok(
        [404, 405].includes(response.statusCode),
        `${method} answered ${String(response.statusCode)}`,
      );
    }
    assert.equal((await call(nurse, 'GET', `/api/v1/patients/${created.id}`)).statusCode, 200);
  });
});

describe('search and list', () => {
  test('search by name prefix, date of birth and MRN through the query string, paged', async () => {
    const clinic = await createTestClinic(t.app);
    const staff = await signIn(t.app, { role: 'nurse', clinicId: clinic });
    const a = await create(staff, {
      legalGivenName: 'Ottoline',
      legalFamilyName: 'Pimblewick',
      dateOfBirth: '1966-06-06',
    });
    const b = await create(staff, {
      legalGivenName: 'Otis',
      legalFamilyName: 'Pimble',
      preferredName: 'Oddie',
    });
    await create(staff, { legalGivenName: 'Marigold', legalFamilyName: 'Thistlewood' });

    const ids = async (query: string) => {
      const response = await call(staff, 'GET', `/api/v1/patients?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<PatientPage>();
    };
    assert.deepEqual(
      (await ids('name=pimble')).items.map((p) => p.id),
      [b.id, a.id],
    );
    assert.deepEqual(
      (await ids('name=ODD')).items.map((p) => p.id),
      [b.id],
    );
    assert.deepEqual(
      (await ids('name=ot%20pimblew')).items.map((p) => p.id),
      [a.id],
    );
    assert.deepEqual(
      (await ids('dateOfBirth=1966-06-06')).items.map((p) => p.id),
      [a.id],
    );
    assert.deepEqual(
      (await ids(`mrn=${b.mrn}`)).items.map((p) => p.id),
      [b.id],
    );
    const page = await ids('pageSize=2&page=2');
    assert.deepEqual([page.total, page.page, page.pageSize, page.items.length], [3, 2, 2, 1]);
  });

  test('a search is audited once with ids and counts, and no query text', async () => {
    const clinic = await createTestClinic(t.app);
    const staff = await signIn(t.app, { role: 'coordinator', clinicId: clinic });
    const p = await create(staff, { legalFamilyName: 'Wobblethorpe' });
    const response = await call(staff, 'GET', '/api/v1/patients?name=wobble');
    assert.equal(response.statusCode, 200);
    const events = await eventsOfRequest(response.headers['x-request-id']);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.action, 'patient.search');
    assert.deepEqual(events[0].detail.patientIds, [p.id]);
    assert.ok(!JSON.stringify(events[0]).toLowerCase().includes('wobble'));
  });
});

describe('audit of reads and writes', () => {
  test('create, read, update and history each leave exactly one event of the request', async () => {
    const createResponse = await call(nurse, 'POST', '/api/v1/patients', fictionalPatient());
    const id = createResponse.json<Patient>().id;
    const readResponse = await call(nurse, 'GET', `/api/v1/patients/${id}`);
    const patchResponse = await call(nurse, 'PATCH', `/api/v1/patients/${id}`, {
      version: 1,
      reason: 'Typo',
      legalGivenName: 'Zebadiah',
    });
    const historyResponse = await call(nurse, 'GET', `/api/v1/patients/${id}/history`);
    const expected = [
      [createResponse, 'patient.create'],
      [readResponse, 'patient.read'],
      [patchResponse, 'patient.update'],
      [historyResponse, 'patient.history-read'],
    ] as const;
    for (const [response, action] of expected) {
      const events = await eventsOfRequest(response.headers['x-request-id']);
      assert.deepEqual(
        events.map((e) => [e.action, e.patientId, e.userId, e.role, e.clinicId, e.outcome]),
        [[action, id, nurse.userId, 'nurse', clinicId, 'success']],
      );
      assert.ok(events[0]?.sourceIp !== null);
    }
    const update = await eventsOfRequest(patchResponse.headers['x-request-id']);
    assert.deepEqual(update[0]?.detail, { version: 2, changedFields: ['legalGivenName'] });
  });

  test('a failing write leaves no audit event', async () => {
    const created = await create(nurse);
    const responses = [
      await call(nurse, 'PATCH', `/api/v1/patients/${created.id}`, {
        version: 7,
        reason: 'Stale',
        preferredName: 'Z',
      }),
      await call(nurse, 'POST', '/api/v1/patients', fictionalPatient({ mrn: created.mrn })),
      await call(nurse, 'POST', '/api/v1/patients', {
        ...fictionalPatient(),
        phone: '714-555-0123',
      }),
    ];
    for (const response of responses) {
      assert.ok(response.statusCode >= 400);
      assert.deepEqual(await eventsOfRequest(response.headers['x-request-id']), []);
    }
  });
});

describe('access', () => {
  test('anonymous requests get 401', async () => {
    assert.equal((await call(null, 'GET', '/api/v1/patients')).statusCode, 401);
    assert.equal(
      (await call(null, 'POST', '/api/v1/patients', fictionalPatient())).statusCode,
      401,
    );
  });

  test('a role without patient permissions gets 403, audited as access.denied', async () => {
    const response = await call(researcher, 'GET', '/api/v1/patients');
    assert.equal(response.statusCode, 403);
    assert.equal(response.json<Problem>().code, 'auth.forbidden');
    const events = await eventsOfRequest(response.headers['x-request-id']);
    assert.deepEqual(
      events.map((e) => [e.action, e.outcome]),
      [['access.denied', 'denied']],
    );
    assert.equal(
      (await call(researcher, 'POST', '/api/v1/patients', fictionalPatient())).statusCode,
      403,
    );
  });

  test('a patient of another clinic answers exactly like a missing one', async () => {
    const created = await create(nurse);
    const foreign = await call(foreignAdmin, 'GET', `/api/v1/patients/${created.id}`);
    const missing = await call(foreignAdmin, 'GET', `/api/v1/patients/${randomUUID()}`);
    assert.equal(foreign.statusCode, 404);
    const strip = (body: string) => ({ ...(JSON.parse(body) as Problem), requestId: '' });
    assert.deepEqual(strip(foreign.body), strip(missing.body));
    assert.equal(foreign.headers['content-type'], missing.headers['content-type']);
    for (const [method, url, payload] of [
      ['PATCH', `/api/v1/patients/${created.id}`, { version: 1, reason: 'x', preferredName: 'Y' }],
      ['GET', `/api/v1/patients/${created.id}/history`, undefined],
    ] as const) {
      const response = await call(foreignAdmin, method, url, payload);
      assert.equal(response.statusCode, 404);
      assert.equal(response.json<Problem>().code, 'patient.not-found');
    }
    const list = await call(foreignAdmin, 'GET', `/api/v1/patients?mrn=${created.mrn}`);
    assert.deepEqual(list.json<PatientPage>().items, []);
  });

  test('a patient account sees its own record and nothing else', async () => {
    const own = await create(nurse);
    const other = await create(nurse);
    const patient = await signIn(t.app, { role: 'patient', clinicId, patientId: own.id });
    assert.equal((await call(patient, 'GET', `/api/v1/patients/${own.id}`)).statusCode, 200);
    assert.equal(
      (await call(patient, 'GET', `/api/v1/patients/${own.id}/history`)).statusCode,
      200,
    );
    assert.equal((await call(patient, 'GET', `/api/v1/patients/${other.id}`)).statusCode, 404);
    assert.equal(
      (await call(patient, 'GET', `/api/v1/patients/${other.id}/history`)).statusCode,
      404,
    );
    assert.equal((await call(patient, 'GET', '/api/v1/patients')).statusCode, 403);
    assert.equal(
      (await call(patient, 'POST', '/api/v1/patients', fictionalPatient())).statusCode,
      403,
    );
    assert.equal(
      (
        await call(patient, 'PATCH', `/api/v1/patients/${own.id}`, {
          version: 1,
          reason: 'x',
          preferredName: 'Y',
        })
      ).statusCode,
      403,
    );
  });
});

test('the OpenAPI document lists the registry routes, with no DELETE', async () => {
  const response = await t.app.inject({ url: '/api/v1/openapi.json' });
  assert.equal(response.statusCode, 200);
  const paths = response.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
  assert.deepEqual(Object.keys(paths['/api/v1/patients'] ?? {}).sort(), ['get', 'post']);
  assert.deepEqual(Object.keys(paths['/api/v1/patients/{id}'] ?? {}).sort(), ['get', 'patch']);
  assert.deepEqual(Object.keys(paths['/api/v1/patients/{id}/history'] ?? {}), ['get']);
  assert.deepEqual(Object.keys(paths['/api/v1/audit'] ?? {}), ['get']);
});
