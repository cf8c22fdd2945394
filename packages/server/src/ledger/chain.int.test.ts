/**
 * Tamper evidence of the ledger (safety-security.md T-42 with T-23's attack script): as the database
 * superuser with the append-only triggers off, edit a row, delete a row, insert a forged row, swap
 * two rows, truncate the tail, and rewrite the whole chain after an edit. The verifier detects 6/6
 * and names the first bad sequence number; an untouched chain verifies.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { signIn, startTestApp, type TestApp } from '../testing/harness.ts';
import { GENESIS_HASH, ledgerEntryHash } from './chain.ts';
import { post, receipt } from './ledger.test-support.ts';
import { chainedRowOf, verifyLedgerChain, type LedgerEntryRecord } from './verify.ts';

let t: TestApp;
let owner: pg.Client;
before(async () => {
  t = await startTestApp();
  owner = new pg.Client({ connectionString: t.database.adminUrl });
  await owner.connect();
});
after(async () => {
  await owner.end();
  await t.close();
});

/** A new clinic whose ledger holds 10 receipts (seq 1..10); returns the clinic id. */
async function clinicWithTenEntries(): Promise<string> {
  const admin = await signIn(t.app, { role: 'admin' });
  const locationId = randomUUID();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/ledger/locations',
    headers: admin.headers(),
    payload: { id: locationId, name: 'Safe' },
  });
  assert.equal(created.statusCode, 201, created.body);
  for (let i = 1; i <= 10; i += 1) {
    const response = await post(t, admin, receipt(locationId, { lot: `LOT-${String(i)}` }));
    assert.equal(response.statusCode, 201, response.body);
  }
  return admin.clinicId;
}

async function tamper(...statements: string[]): Promise<void> {
  await owner.query('SET session_replication_role = replica');
  try {
    for (const statement of statements) await owner.query(statement);
  } finally {
    await owner.query('SET session_replication_role = DEFAULT');
  }
}

async function firstBreak(clinicId: string): Promise<[number, string] | null> {
  const result = await verifyLedgerChain(owner, clinicId);
  return result.ok ? null : [result.seq, result.problem];
}

const where = (clinicId: string): string => `clinic_id = '${clinicId}'`;

test('an untouched chain verifies', async () => {
  const clinicId = await clinicWithTenEntries();
  const result = await verifyLedgerChain(owner, clinicId);
  assert.deepEqual(result, { ok: true, entries: 10 });
});

test('1. an edited entry is named (content)', async () => {
  const clinicId = await clinicWithTenEntries();
  await tamper(
    `UPDATE ledger_entries SET entry = jsonb_set(entry, '{containers}', '2') WHERE ${where(clinicId)} AND seq = 4`,
  );
  assert.deepEqual(await firstBreak(clinicId), [4, 'content-hash-mismatch']);
});

test('1b. an edited report column is named too (it is hashed with the entry)', async () => {
  const clinicId = await clinicWithTenEntries();
  await tamper(`UPDATE ledger_entries SET lot = 'LOT-9' WHERE ${where(clinicId)} AND seq = 2`);
  assert.deepEqual(await firstBreak(clinicId), [2, 'content-hash-mismatch']);
});

test('2. a deleted entry is named', async () => {
  const clinicId = await clinicWithTenEntries();
  await tamper(`DELETE FROM ledger_entries WHERE ${where(clinicId)} AND seq = 6`);
  assert.deepEqual(await firstBreak(clinicId), [6, 'gap']);
});

test('3. an inserted (forged) entry is named', async () => {
  const clinicId = await clinicWithTenEntries();
  await tamper(
    `UPDATE ledger_entries SET seq = seq + 100 WHERE ${where(clinicId)} AND seq >= 5`,
    `UPDATE ledger_entries SET seq = seq - 99 WHERE ${where(clinicId)} AND seq >= 105`,
    `INSERT INTO ledger_entries
       SELECT gen_random_uuid(), clinic_id, 5, type, occurred_at, recorded_at, user_id, patient_id,
              session_id, ndc, lot, entry, request_hash, prev_hash, hash
         FROM ledger_entries WHERE ${where(clinicId)} AND seq = 4`,
  );
  assert.deepEqual(await firstBreak(clinicId), [5, 'prev-hash-mismatch']);
});

test('4. two swapped entries are named', async () => {
  const clinicId = await clinicWithTenEntries();
  await tamper(
    `UPDATE ledger_entries SET seq = 1000 WHERE ${where(clinicId)} AND seq = 3`,
    `UPDATE ledger_entries SET seq = 3 WHERE ${where(clinicId)} AND seq = 4`,
    `UPDATE ledger_entries SET seq = 4 WHERE ${where(clinicId)} AND seq = 1000`,
  );
  assert.deepEqual(await firstBreak(clinicId), [3, 'prev-hash-mismatch']);
});

test('5. a truncated tail (last 3 entries) is named against the audit-trail anchors', async () => {
  const clinicId = await clinicWithTenEntries();
  await tamper(`DELETE FROM ledger_entries WHERE ${where(clinicId)} AND seq >= 8`);
  assert.deepEqual(await firstBreak(clinicId), [8, 'truncated']);
});

test('6. a chain rewritten after an edit (every hash recomputed) is named', async () => {
  const clinicId = await clinicWithTenEntries();
  await tamper(
    `UPDATE ledger_entries SET entry = jsonb_set(entry, '{containers}', '1') WHERE ${where(clinicId)} AND seq = 7`,
  );
  const { rows } = await owner.query<LedgerEntryRecord>(
    `SELECT * FROM ledger_entries WHERE ${where(clinicId)} ORDER BY seq`,
  );
  let prev = GENESIS_HASH;
  const rewrites: string[] = [];
  for (const row of rows) {
    const hash = ledgerEntryHash(prev, chainedRowOf(row));
    rewrites.push(
      `UPDATE ledger_entries SET prev_hash = '${prev}', hash = '${hash}' WHERE id = '${row.id}'`,
    );
    prev = hash;
  }
  await tamper(...rewrites);
  assert.deepEqual(await firstBreak(clinicId), [7, 'anchor-mismatch']);
});
