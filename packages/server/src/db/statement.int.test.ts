/**
 * Statements written once (statement.ts) on real PostgreSQL: a row read through one is the row
 * drizzle's select gives (all columns, or some of them), a statement joins the caller's transaction, its errors keep the driver's
 * code and constraint, and a name is declared only once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { isUniqueViolation } from '../intake/write-id.ts';
import { fictionalPatient, seedActor, seedClinic } from '../patients/fixtures.test-support.ts';
import { recordFromCreate } from '../patients/record.ts';
import { patients } from '../patients/schema.ts';
import { columnList, runStatement, statement, tableRowReader } from './statement.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

let database: TestDatabase;
let clinicId: string;
let userId: string;

const selectPatient = statement(
  'test.select-patient',
  `SELECT ${columnList(patients)} FROM patients WHERE id = $1`,
  tableRowReader(patients),
);
const insertMrn = statement(
  'test.insert-mrn',
  `INSERT INTO patients (clinic_id, mrn, legal_given_name, legal_family_name, date_of_birth,
     sex_at_birth, created_by, updated_by) VALUES ($1, $2, 'Zebediah', 'Quux', '1971-04-01',
     'unknown', $3, $3) RETURNING id`,
  (raw) => String(raw.id),
);

before(async () => {
  database = await createTestDatabase();
  clinicId = await seedClinic(database.db, 'Statement Test Clinic');
  userId = (await seedActor(database.db, clinicId, 'nurse')).userId;
});
after(async () => {
  await database.drop();
});

async function insertFullPatient(): Promise<string> {
  const record = recordFromCreate(
    fictionalPatient({
      preferredName: 'Zeb',
      phone: '+17145550123',
      email: 'zeb@example.test',
      address: {
        line1: '1 Imaginary "Way" \\ Ünit 2',
        city: 'Irvine',
        state: 'CA',
        postalCode: '92618',
      },
    }),
  );
  const [row] = await database.db
    .insert(patients)
    .values({ ...record, clinicId, createdBy: userId, updatedBy: userId })
    .returning({ id: patients.id });
  assert.ok(row !== undefined, 'the seeded patient was inserted');
  return row.id;
}

test('a row read through a statement equals the row drizzle selects', async () => {
  const id = await insertFullPatient();
  const [viaDrizzle] = await database.db.select().from(patients).where(eq(patients.id, id));
  const [viaStatement] = await runStatement(database.db, selectPatient, [id]);
  assert.ok(viaDrizzle !== undefined, 'drizzle finds the patient');
  assert.deepStrictEqual(viaStatement, viaDrizzle, 'same keys, types and values (dates as Date)');
  assert.ok(viaDrizzle.createdAt instanceof Date, 'a timestamp is read as a Date');
  // Repeated runs use the prepared statement already parsed on the connection.
  for (let i = 0; i < 3; i += 1) {
    const [again] = await runStatement(database.db, selectPatient, [id]);
    assert.deepStrictEqual(again, viaDrizzle, `run ${String(i + 2)} reads the same row`);
  }
});

test('a statement of some columns, aliased, reads what drizzle selects of them; an unknown key is refused', async () => {
  const id = await insertFullPatient();
  const keys = ['id', 'mrn', 'createdAt'] as const;
  const picked = statement(
    'test.select-patient-picked',
    `SELECT ${columnList(patients, 'p', keys)} FROM patients p WHERE p.id = $1`,
    tableRowReader(patients, 'p', keys),
  );
  const [viaStatement] = await runStatement(database.db, picked, [id]);
  const [viaDrizzle] = await database.db
    .select({ id: patients.id, mrn: patients.mrn, createdAt: patients.createdAt })
    .from(patients)
    .where(eq(patients.id, id));
  assert.deepStrictEqual(
    viaStatement,
    viaDrizzle,
    'only the picked keys, read as drizzle reads them',
  );
  assert.throws(() => columnList(patients, 'p', ['id', 'nosuch']), /no such column: nosuch/);
});

test('a statement runs inside the caller transaction: seen there, gone after rollback', async () => {
  const mrn = `STMT-${String(Date.now())}`;
  let insertedId = '';
  await assert.rejects(
    database.db.transaction(async (tx) => {
      const [id] = await runStatement(tx, insertMrn, [clinicId, mrn, userId]);
      insertedId = id ?? '';
      const [seen] = await tx.select().from(patients).where(eq(patients.id, insertedId));
      assert.equal(seen?.mrn, mrn, 'the transaction sees the statement write');
      throw new Error('roll back');
    }),
    /roll back/,
    'the transaction rolled back',
  );
  assert.notEqual(insertedId, '', 'the statement returned the new id');
  const [after] = await runStatement(database.db, selectPatient, [insertedId]);
  assert.equal(after, undefined, 'the rolled-back write is gone');
});

test('a unique violation keeps its code and constraint, as drizzle errors do', async () => {
  const mrn = `DUP-${String(Date.now())}`;
  await runStatement(database.db, insertMrn, [clinicId, mrn, userId]);
  const error: unknown = await runStatement(database.db, insertMrn, [clinicId, mrn, userId]).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error !== null, 'the second insert of the MRN is refused');
  assert.ok(isUniqueViolation(error, 'patients_clinic_mrn'), 'the MRN index is named in the cause');
});

test('a statement name is declared once', () => {
  assert.throws(
    () => statement('test.select-patient', 'SELECT 1', () => undefined),
    /declared twice/,
    'a second declaration of a name is refused',
  );
});

test('a missing column is an error, not a silent null', async () => {
  const partial = statement(
    'test.partial-patient',
    'SELECT id FROM patients WHERE id = $1',
    tableRowReader(patients),
  );
  const id = await insertFullPatient();
  await assert.rejects(
    runStatement(database.db, partial, [id]),
    /lacks column/,
    'reading a row without every column fails',
  );
});
