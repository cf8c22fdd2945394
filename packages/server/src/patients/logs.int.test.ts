/**
 * No PHI in application logs (safety-security.md T-25): registry requests with canary values in
 * every demographic field — valid, malformed, conflicting and failing in the database — leave log
 * lines that never contain a canary.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import type { Patient } from '@ketaflow/contract';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { buildApp, logSerializers } from '../http/app.ts';
import { signIn, type SignedIn } from '../testing/harness.ts';

const CANARY_GIVEN = 'Canarygivenqx';
const CANARY_FAMILY = 'Canaryfamilyqx';
const CANARY_PHONE = '+17145550987';
const CANARY_EMAIL = 'canary.qx@example.org';
const CANARIES = [CANARY_GIVEN, CANARY_FAMILY, CANARY_PHONE.slice(2), CANARY_EMAIL, 'canarygiv'];

let database: TestDatabase;
let app: FastifyInstance;
let nurse: SignedIn;
const logLines: string[] = [];

before(async () => {
  database = await createTestDatabase();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  // The logger as `ketaflow serve` configures it (cli/serve.ts).
  app = await buildApp({
    database,
    logger: { level: 'info', stream, serializers: logSerializers },
  });
  nurse = await signIn(app, { role: 'nurse' });
});
after(async () => {
  await app.close();
  await database.drop();
});

const canaryPatient = (mrn: string) => ({
  mrn,
  legalGivenName: CANARY_GIVEN,
  legalFamilyName: CANARY_FAMILY,
  dateOfBirth: '1971-04-01',
  sexAtBirth: 'unknown',
  phone: CANARY_PHONE,
  email: CANARY_EMAIL,
});

function assertNoCanary(): void {
  assert.ok(logLines.length > 0, 'the logger captured the requests');
  const text = logLines.join('').toLowerCase();
  for (const canary of CANARIES) {
    const at = text.indexOf(canary.toLowerCase());
    assert.ok(
      at < 0,
      `log lines contain ${canary}: …${text.slice(Math.max(0, at - 300), at + 60)}`,
    );
  }
}

test('valid, malformed and conflicting requests log no PHI', async () => {
  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/v1/patients', headers: nurse.headers(), payload });
  const created = (await post(canaryPatient('LOG-1'))).json<Patient>();
  await post(canaryPatient('LOG-1'));
  await post({ ...canaryPatient('LOG-2'), phone: `${CANARY_PHONE}x` });
  await post({ ...canaryPatient('LOG-3'), legalGivenName: ` ${CANARY_GIVEN}` });
  await app.inject({
    url: `/api/v1/patients?name=${CANARY_GIVEN.slice(0, 9)}`,
    headers: nurse.headers(),
  });
  await app.inject({ url: `/api/v1/patients/${created.id}`, headers: nurse.headers() });
  await app.inject({
    method: 'PATCH',
    url: `/api/v1/patients/${created.id}`,
    headers: nurse.headers(),
    payload: { version: 9, reason: `Reason naming ${CANARY_FAMILY}`, preferredName: CANARY_GIVEN },
  });
  assertNoCanary();
});

test('a database failure while writing a patient logs no PHI', async () => {
  const superuser = new pg.Client({ connectionString: database.adminUrl });
  await superuser.connect();
  try {
    await superuser.query('REVOKE INSERT ON patients FROM ketaflow_app');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: nurse.headers(),
      payload: canaryPatient('LOG-9'),
    });
    assert.equal(response.statusCode, 500);
    assert.ok(!response.body.includes(CANARY_FAMILY));
  } finally {
    await superuser.query('GRANT INSERT ON patients TO ketaflow_app');
    await superuser.end();
  }
  assertNoCanary();
});
