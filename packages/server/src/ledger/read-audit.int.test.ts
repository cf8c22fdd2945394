/**
 * Ledger reads that show patients (open containers by session, the entry list, a lot's record)
 * are audited against every patient they disclose (`detail.patientIds`, and `patient_id` when
 * there is exactly one), as patient searches and alert lists are. A lot report for a lot not on
 * the ledger names the parameter.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import {
  draw,
  insertSession,
  ledgerFixture,
  NDC,
  post,
  problemOf,
  receipt,
  type LedgerFixture,
} from './ledger.test-support.ts';
import { createTestPatient } from '../testing/harness.ts';

let f: LedgerFixture;
let owner: pg.Client;
let otherPatientId: string;
before(async () => {
  f = await ledgerFixture();
  owner = new pg.Client({ connectionString: f.t.database.adminUrl });
  await owner.connect();
  assert.equal((await post(f.t, f.admin, receipt(f.locationId))).statusCode, 201);
  assert.equal((await post(f.t, f.nurse, draw(f))).statusCode, 201);
  otherPatientId = await createTestPatient(f.t.app, f.admin);
  const other = await insertSession(f.t, f.admin.clinicId, otherPatientId, f.nurse.userId);
  assert.equal((await post(f.t, f.nurse, draw(f, { sessionId: other }))).statusCode, 201);
});
after(async () => {
  await owner.end();
  await f.close();
});

async function lastAudit(
  action: string,
): Promise<{ patient_id: string | null; detail: { patientIds?: string[] } }> {
  const { rows } = await owner.query<{
    patient_id: string | null;
    detail: { patientIds?: string[] };
  }>('SELECT patient_id, detail FROM audit_events WHERE action = $1 ORDER BY seq DESC LIMIT 1', [
    action,
  ]);
  assert.ok(rows[0] !== undefined, `${action} audited`);
  return rows[0];
}

const get = (url: string, who = f.admin) =>
  f.t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers() });

test('availability, the entry list and a lot report name every patient they show', async () => {
  const both = [f.patientId, otherPatientId].sort();
  assert.equal((await get('/ledger/availability', f.nurse)).statusCode, 200);
  const availability = await lastAudit('ledger.availability-read');
  assert.deepEqual([...(availability.detail.patientIds ?? [])].sort(), both);
  assert.equal(availability.patient_id, null, 'two patients: each in patientIds');

  assert.equal((await get('/ledger/entries?from=2026-11-25&to=2026-11-25')).statusCode, 200);
  const entries = await lastAudit('ledger.entries-read');
  assert.deepEqual([...(entries.detail.patientIds ?? [])].sort(), both);

  const lot = await get(`/ledger/reports/lot?ndc=${NDC}&lot=LOT-A&from=2026-11-25&to=2026-11-25`);
  assert.equal(lot.statusCode, 200, lot.body);
  const report = await lastAudit('ledger.report-lot');
  assert.deepEqual([...(report.detail.patientIds ?? [])].sort(), both);
});

test('a read that shows one patient is attributed to that patient; one that shows none to nobody', async () => {
  assert.equal((await post(f.t, f.admin, receipt(f.locationId, { lot: 'LOT-B' }))).statusCode, 201);
  assert.equal((await post(f.t, f.nurse, draw(f, { lot: 'LOT-B' }))).statusCode, 201);
  const lot = await get(`/ledger/reports/lot?ndc=${NDC}&lot=LOT-B&from=2026-11-25&to=2026-11-25`);
  assert.equal(lot.statusCode, 200, lot.body);
  const one = await lastAudit('ledger.report-lot');
  assert.equal(one.patient_id, f.patientId);
  assert.deepEqual(one.detail.patientIds, [f.patientId]);

  assert.equal((await get('/ledger/entries?from=2026-11-26&to=2026-11-26')).statusCode, 200);
  const none = await lastAudit('ledger.entries-read');
  assert.deepEqual(none.detail.patientIds, []);
  assert.equal(none.patient_id, null);
});

test('a lot report for a lot not on the ledger is 404 naming querystring.lot', async () => {
  const r = await get(`/ledger/reports/lot?ndc=${NDC}&lot=NOPE&from=2026-11-25&to=2026-11-25`);
  assert.equal(r.statusCode, 404, r.body);
  assert.deepEqual(problemOf(r), { code: 'lot.not-found', field: 'querystring.lot' });
});
