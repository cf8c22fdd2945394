/**
 * The registration statement (patient row and version-1 history row, written once as text) stores and
 * returns what drizzle's insert did: the returned row is the row drizzle selects, the history row
 * holds the snapshot, fields, reason, author and the patient's creation time, an existing id writes
 * nothing, and a taken MRN is the unique violation the service maps to 409.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Scope } from '../access/scope.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { isUniqueViolation } from '../intake/write-id.ts';
import { fictionalPatient, seedActor, seedClinic } from './fixtures.test-support.ts';
import { presentFields, recordFromCreate } from './record.ts';
import { insertRegistration } from './repository.ts';
import { patients, patientVersions } from './schema.ts';

let database: TestDatabase;
let scope: Scope;

before(async () => {
  database = await createTestDatabase();
  const clinicId = await seedClinic(database.db, 'Registration Test Clinic');
  scope = new Scope(await seedActor(database.db, clinicId, 'nurse'));
});
after(async () => {
  await database.drop();
});

const full = () =>
  recordFromCreate(
    fictionalPatient({
      preferredName: 'Zeb',
      genderIdentity: 'non-binary',
      phone: '+17145550123',
      email: 'zeb@example.test',
      address: {
        line1: '1 Imaginary "Way" \\ Ünit 2',
        city: 'Irvine',
        state: 'CA',
        postalCode: '92618',
      },
      emergencyContact: { name: 'Quux Relative', phone: '+17145550124', relationship: 'sibling' },
    }),
  );

async function register(record: ReturnType<typeof full>, id: string = randomUUID()) {
  return database.db.transaction((tx) =>
    insertRegistration(tx, scope, record, {
      id,
      fields: presentFields(record),
      reason: 'Registered',
    }),
  );
}

test('the returned row is the stored row, and version 1 records the registration', async () => {
  for (const record of [full(), recordFromCreate(fictionalPatient())]) {
    const row = await register(record);
    assert.ok(row !== undefined, 'a new id registers');
    const [stored] = await database.db.select().from(patients).where(eq(patients.id, row.id));
    assert.deepStrictEqual(row, stored, 'returned row equals drizzle select of it');
    assert.equal(row.clinicId, scope.clinicId, 'in the actor clinic');
    assert.equal(row.createdBy, scope.userId, 'created by the actor');
    assert.equal(row.updatedBy, scope.userId, 'updated by the actor');
    assert.equal(row.version, 1, 'version 1');
    for (const [field, value] of Object.entries(record)) {
      assert.deepStrictEqual(row[field as keyof typeof row], value, `${field} stored as given`);
    }
    const versions = await database.db
      .select()
      .from(patientVersions)
      .where(eq(patientVersions.patientId, row.id));
    assert.equal(versions.length, 1, 'one history row');
    const [v] = versions;
    assert.deepStrictEqual(
      { ...v, id: 0 },
      {
        id: 0,
        patientId: row.id,
        clinicId: row.clinicId,
        version: 1,
        snapshot: JSON.parse(JSON.stringify(record)) as Record<string, unknown>,
        changedFields: presentFields(record),
        reason: 'Registered',
        changedBy: scope.userId,
        changedAt: row.createdAt,
      },
      'the history row holds the snapshot, fields, reason, author and creation time',
    );
  }
});

test('an existing id writes nothing and returns no row', async () => {
  const record = full();
  const first = await register(record);
  assert.ok(first !== undefined, 'registered');
  const again = await register(full(), first.id);
  assert.equal(again, undefined, 'the existing id returns no row');
  const versions = await database.db
    .select()
    .from(patientVersions)
    .where(eq(patientVersions.patientId, first.id));
  assert.equal(versions.length, 1, 'no second history row');
  const [stored] = await database.db.select().from(patients).where(eq(patients.id, first.id));
  assert.deepStrictEqual(stored, first, 'the stored row is unchanged');
});

test('a taken MRN is a unique violation of patients_clinic_mrn', async () => {
  const record = full();
  await register(record);
  const error: unknown = await register({ ...full(), mrn: record.mrn }).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(isUniqueViolation(error, 'patients_clinic_mrn'), 'the MRN index refuses it');
});
