/**
 * The de-identified research export end to end. Canary test (issue 5): patients seeded through the
 * synthetic registry carry unique canary strings in every identifier (names, MRN, phone, e-mail,
 * street, city, emergency contact); the export (CSV + FHIR NDJSON) must contain none of them, nor a
 * birth date, a record id or a calendar date of care. Only consenting patients are exported, and
 * researchers see no identified record.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { signIn, startTestApp } from '../testing/harness.ts';
import { generateSyntheticRegistry } from './synthetic-registry.ts';

const t = await startTestApp();
after(() => t.close());

const admin = await signIn(t.app, { role: 'admin' });
const clinicId = admin.clinicId;
const nurse = await signIn(t.app, { role: 'nurse', clinicId });
const prescriber = await signIn(t.app, { role: 'prescriber', clinicId });
const researcher = await signIn(t.app, { role: 'researcher', clinicId });

const N = 12;
const counts = await generateSyntheticRegistry(t.app.database.db, {
  clinicId,
  authorUserId: admin.userId,
  patients: N,
  seed: 42,
  today: '2026-06-30',
  identity: (i) => ({
    given: `Canarygivenqx${String(i)}`,
    family: `Canaryfamilyzv${String(i)}`,
    mrn: `CANARY-MRN-${String(i)}`,
  }),
});
const people = (
  await t.app.database.db.execute(
    sql`SELECT id, date_of_birth::text AS dob FROM patients WHERE clinic_id = ${clinicId} ORDER BY id`,
  )
).rows as { id: string; dob: string }[];

// Every other identifier gets a canary too, through the API like a coordinator would enter it.
for (const [i, p] of people.entries()) {
  const response = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/patients/${p.id}`,
    headers: admin.headers(),
    payload: {
      version: 1,
      reason: 'Contact details added',
      phone: `+1617555${String(1010 + i)}`,
      email: `canarymail${String(i)}@example.test`,
      address: {
        line1: `${String(100 + i)} Canarystreet Road`,
        city: 'Canarytown',
        state: 'MA',
        postalCode: '02139',
      },
      emergencyContact: {
        name: `Canarycontact${String(i)}`,
        relationship: 'friend',
        phone: `+1617555${String(2010 + i)}`,
      },
    },
  });
  assert.equal(response.statusCode, 200, response.body);
}

const exportAs = (who: typeof researcher) =>
  t.app.inject({ method: 'GET', url: '/api/v1/research/export', headers: who.headers() });

test('the registry made courses with sessions for every patient', () => {
  assert.equal(counts.patients, N);
  assert.ok(
    counts.sessions >= N,
    `expected at least one session per patient, got ${String(counts.sessions)}`,
  );
});

test('canary: no identifier, birth date, record id or care date of a seeded patient appears in the export', async () => {
  const response = await exportAs(researcher);
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json<{
    patients: number;
    csv: Record<string, string>;
    fhir: Record<string, string>;
  }>();
  assert.ok(body.patients > 0, 'the export holds no patient; the canary test would prove nothing');
  const everything = response.body;
  const canaries = [/canary/i, /617555/, /example\.test/i, /02139/];
  for (const canary of canaries)
    assert.doesNotMatch(everything, canary, `export contains ${String(canary)}`);
  for (const p of people) {
    assert.ok(!everything.includes(p.id), 'a patient record id leaked');
    assert.ok(!everything.includes(p.dob), 'a birth date leaked');
  }
  assert.doesNotMatch(
    everything,
    /20\d\d-\d\d-\d\d/,
    'a calendar date leaked (dates must be relative days)',
  );
  assert.match(body.csv['patients.csv'] ?? '', /,021\r\n|,021,/, 'the ZIP is cut to its 3 digits');
  assert.ok(
    (body.fhir['Patient'] ?? '').split('\n').filter(Boolean).length === body.patients,
    'one FHIR Patient per exported patient',
  );
  assert.ok(
    (body.csv['data_dictionary.csv'] ?? '').includes('code_system'),
    'the data dictionary is included',
  );
});

test('only consenting patients are exported: a withdrawal removes the patient from the next export', async () => {
  const before = (await exportAs(researcher)).json<{ patients: number }>().patients;
  const consenting = (
    await t.app.database.db.execute(
      sql`SELECT DISTINCT patient_id FROM research_consents WHERE clinic_id = ${clinicId} AND granted`,
    )
  ).rows as { patient_id: string }[];
  assert.equal(
    before,
    consenting.length,
    'every consenting registry patient has sessions, so all are exported',
  );
  const target = consenting[0]?.patient_id ?? '';
  const withdrawal = await t.app.inject({
    method: 'POST',
    url: `/api/v1/patients/${target}/research-consent`,
    headers: nurse.headers(),
    payload: { id: randomUUID(), granted: false },
  });
  assert.equal(withdrawal.statusCode, 200, withdrawal.body);
  const state = await t.app.inject({
    method: 'GET',
    url: `/api/v1/patients/${target}/research-consent`,
    headers: nurse.headers(),
  });
  assert.equal(state.json<{ granted: boolean }>().granted, false);
  const after = (await exportAs(researcher)).json<{ patients: number }>().patients;
  assert.equal(after, before - 1);
});

test('researchers see only de-identified data; clinicians cannot download the export', async () => {
  const record = await t.app.inject({
    method: 'GET',
    url: `/api/v1/patients/${people[0]?.id ?? ''}`,
    headers: researcher.headers(),
  });
  assert.equal(record.statusCode, 403, record.body);
  const list = await t.app.inject({
    method: 'GET',
    url: '/api/v1/patients',
    headers: researcher.headers(),
  });
  assert.equal(list.statusCode, 403, list.body);
  for (const who of [nurse, prescriber, admin]) {
    const refused = await exportAs(who);
    assert.equal(refused.statusCode, 403, refused.body);
  }
});
