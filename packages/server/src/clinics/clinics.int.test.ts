/**
 * The clinic's registrant fields (postal address, DEA registration number): set at creation or by
 * an update, checked by core's DEA check (format and check digit) and refused naming the field,
 * never repaired; every change and every refusal is audited.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostalAddress } from '@ketaflow/contract';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/schema.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { DomainError } from '../http/errors.ts';
import { clinics } from './schema.ts';
import { createClinic, updateClinic } from './service.ts';

// Fictional: the check digit holds (1+3+5 + 2×(2+4+6) = 33), the registrant does not exist.
const DEA = 'AB1234563';
const ADDRESS: PostalAddress = {
  line1: '100 Example Way',
  city: 'Irvine',
  state: 'CA',
  postalCode: '92618',
};

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.drop());

const TZ = 'America/Los_Angeles';

async function eventsOf(clinicId: string, action: string) {
  return database.db
    .select({ outcome: auditEvents.outcome, detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.resourceId, clinicId), eq(auditEvents.action, action)));
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DomainError, String(error));
  return error;
}

test('a clinic created without registrant fields has none; an update sets them and is audited', async () => {
  const clinic = await createClinic(database.db, { name: 'Registrant Test Clinic', timeZone: TZ });
  assert.equal(clinic.address, null);
  assert.equal(clinic.deaNumber, null);

  const updated = await updateClinic(database.db, clinic.id, { address: ADDRESS, deaNumber: DEA });
  assert.deepEqual(updated.address, ADDRESS);
  assert.equal(updated.deaNumber, DEA);
  const [row] = await database.db.select().from(clinics).where(eq(clinics.id, clinic.id));
  assert.ok(row !== undefined);
  assert.deepEqual(row.address, ADDRESS);
  assert.equal(row.deaNumber, DEA);
  assert.equal(row.name, 'Registrant Test Clinic', 'fields not sent keep their value');

  const events = await eventsOf(clinic.id, 'clinic.updated');
  assert.equal(events.length, 1);
  const [event] = events;
  assert.ok(event !== undefined);
  assert.equal(event.outcome, 'success');
  assert.deepEqual(event.detail, { fields: ['address', 'deaNumber'] });

  const cleared = await updateClinic(database.db, clinic.id, { deaNumber: null });
  assert.equal(cleared.deaNumber, null);
  assert.deepEqual(cleared.address, ADDRESS, 'the address is kept');
});

test('a clinic can be created with its address and DEA number', async () => {
  const clinic = await createClinic(database.db, {
    name: 'Registered Test Clinic',
    timeZone: TZ,
    address: { ...ADDRESS, line2: 'Suite 2' },
    deaNumber: DEA,
  });
  assert.equal(clinic.deaNumber, DEA);
  assert.equal(clinic.address?.line2, 'Suite 2');
});

test('a DEA number failing the format or the check digit is refused naming the field, and audited', async () => {
  const clinic = await createClinic(database.db, { name: 'Refusal Test Clinic', timeZone: TZ });
  for (const bad of ['AB1234564', 'AB12345', '1B1234563', ' AB1234563']) {
    const error = await refusal(updateClinic(database.db, clinic.id, { deaNumber: bad }));
    assert.equal(error.status, 400);
    assert.equal(error.field, 'body.deaNumber', bad);
    assert.match(error.message, /deaNumber/);
  }
  const [row] = await database.db.select().from(clinics).where(eq(clinics.id, clinic.id));
  assert.ok(row !== undefined);
  assert.equal(row.deaNumber, null, 'nothing was written');
  const refused = await eventsOf(clinic.id, 'clinic.update-refused');
  assert.equal(refused.length, 4);
  assert.ok(refused.every((e) => e.outcome === 'failure'));
  assert.deepEqual(refused[0]?.detail, { code: 'validation.invalid', field: 'body.deaNumber' });
  assert.equal((await eventsOf(clinic.id, 'clinic.updated')).length, 0);

  const created = await refusal(
    createClinic(database.db, { name: 'Bad DEA Clinic', timeZone: TZ, deaNumber: 'AB1234564' }),
  );
  assert.equal(created.field, 'body.deaNumber');
});

test('an incomplete address, an empty update or an unknown clinic is refused', async () => {
  const clinic = await createClinic(database.db, { name: 'Address Test Clinic', timeZone: TZ });
  const { city: _city, ...noCity } = ADDRESS;
  const partial = await refusal(
    updateClinic(database.db, clinic.id, { address: noCity as PostalAddress }),
  );
  assert.equal(partial.field, 'body.address.city');
  const badState = await refusal(
    updateClinic(database.db, clinic.id, {
      address: { ...ADDRESS, state: 'ca' as PostalAddress['state'] },
    }),
  );
  assert.equal(badState.field, 'body.address.state');
  const empty = await refusal(updateClinic(database.db, clinic.id, {}));
  assert.equal(empty.status, 400);
  const unknown = await refusal(
    updateClinic(database.db, '00000000-0000-4000-8000-000000000000', { deaNumber: DEA }),
  );
  assert.equal(unknown.status, 404);
});
