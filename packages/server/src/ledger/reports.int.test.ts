/**
 * Ledger reports (safety-security.md T-41, T-46, T-47): a lot's record and a patient's record over a
 * date range, and the inventory as of the opening or close of business, as JSON and CSV, with the
 * DEA dispenser fields (quantities in containers, mg and mL; patient name and address; recorder
 * and witness names; supplier and DEA number). Expected numbers are worked by hand from the
 * fixture: 50 mg/mL × 10 mL vials = 500 mg each; 120 mg = 2.4 mL; 380 mg = 7.6 mL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  draw,
  ledgerFixture,
  NDC,
  post,
  problemOf,
  receipt,
  witnessOf,
  type LedgerFixture,
} from './ledger.test-support.ts';

let f: LedgerFixture;
let nurse2Name: string;

interface Report {
  title: string;
  statements: string[];
  columns: string[];
  rows: (string | number | null)[][];
}

before(async () => {
  f = await ledgerFixture();
  const received = await post(
    f.t,
    f.admin,
    receipt(f.locationId, { lot: 'LOT-R', containers: 3, supplierName: '=HYPERLINK("x")' }),
  );
  assert.equal(received.statusCode, 201, received.body);
  const body = draw(f, { lot: 'LOT-R', occurredAt: '2026-11-25T18:00:00.000Z' });
  assert.equal((await post(f.t, f.nurse, body)).statusCode, 201);
  const given = await post(f.t, f.nurse, {
    type: 'administer',
    id: randomUUID(),
    occurredAt: '2026-11-25T19:00:00.000Z',
    vialId: body.vialId,
    sessionId: f.sessionId,
    amountUg: 120_000,
  });
  assert.equal(given.statusCode, 201, given.body);
  const wasted = await post(f.t, f.nurse, {
    type: 'waste',
    id: randomUUID(),
    occurredAt: '2026-11-25T19:05:00.000Z',
    vialId: body.vialId,
    amountUg: 380_000,
    witness: await witnessOf(f.t, f.nurse2),
  });
  assert.equal(wasted.statusCode, 201, wasted.body);
  const { rows } = await f.t.database.pool.query<{ name: string }>(
    'SELECT display_name AS name FROM users WHERE id = $1',
    [f.nurse2.userId],
  );
  nurse2Name = rows[0]?.name ?? '';
});
after(() => f.close());

function get(url: string) {
  return f.t.app.inject({ method: 'GET', url, headers: f.admin.headers() });
}

const column = (report: Report, name: string, row: number): string | number | null => {
  const i = report.columns.indexOf(name);
  assert.ok(i >= 0, `no column ${name}`);
  return report.rows[row]?.[i] ?? null;
};

test('the lot record lists every entry of the lot with quantities in containers, mg and mL', async () => {
  const response = await get(
    `/api/v1/ledger/reports/lot?ndc=${NDC}&lot=LOT-R&from=2026-11-25&to=2026-11-25`,
  );
  assert.equal(response.statusCode, 200, response.body);
  const report = response.json<Report>();
  assert.deepEqual(
    report.rows.map((_, i) => column(report, 'Entry', i)),
    ['receive', 'draw', 'administer', 'waste'],
  );
  assert.deepEqual(
    report.rows.map((_, i) => [
      column(report, 'Containers', i),
      column(report, 'Quantity (mg)', i),
      column(report, 'Quantity (mL)', i),
    ]),
    [
      [3, '1,500', '30'],
      [-1, '500', '10'],
      [null, '120', '2.4'],
      [null, '380', '7.6'],
    ],
  );
  assert.equal(column(report, 'Patient', 2), 'Quuxington, Zebediah');
  assert.equal(column(report, 'Patient address', 2), 'no address on record');
  assert.equal(column(report, 'Witnesses', 3), nurse2Name);
  assert.equal(column(report, 'DEA number', 0), 'AB1234563');
  assert.equal(column(report, 'Location', 0), 'Safe A');
  assert.ok(
    report.statements.some((s) => s.includes('Strength 50 mg/mL; container 10 mL (500 mg)')),
    `statements: ${report.statements.join(' | ')}`,
  );
});

test('the same record as CSV: text/csv, the same columns and rows, formula-looking cells defused', async () => {
  const response = await get(
    `/api/v1/ledger/reports/lot?ndc=${NDC}&lot=LOT-R&from=2026-11-25&to=2026-11-25&format=csv`,
  );
  assert.equal(response.statusCode, 200, response.body);
  assert.match(String(response.headers['content-type']), /^text\/csv/);
  const lines = response.body.trimEnd().split('\r\n');
  assert.equal(lines.length, 5, 'header and four entries');
  assert.match(lines[0] ?? '', /^Date and time \(UTC\),Seq,Entry,/);
  assert.match(lines[1] ?? '', /"'=HYPERLINK\(""x""\)"/, 'a leading = is quoted as text');
  assert.match(lines[1] ?? '', /"1,500"/);
});

test('a date range without events of the lot gives no rows; a reversed range is refused', async () => {
  const empty = await get(
    `/api/v1/ledger/reports/lot?ndc=${NDC}&lot=LOT-R&from=2026-11-26&to=2026-12-31`,
  );
  assert.equal(empty.statusCode, 200);
  assert.equal(empty.json<Report>().rows.length, 0);
  const reversed = await get(
    `/api/v1/ledger/reports/lot?ndc=${NDC}&lot=LOT-R&from=2026-11-26&to=2026-11-25`,
  );
  assert.equal(reversed.statusCode, 400);
  assert.deepEqual(problemOf(reversed), { code: 'ledger.report-range', field: 'querystring.to' });
  const unknown = await get(
    `/api/v1/ledger/reports/lot?ndc=${NDC}&lot=NOPE&from=2026-11-25&to=2026-11-25`,
  );
  assert.equal(unknown.statusCode, 404);
});

test("the patient's record holds the draw, administration and waste for that patient, with name and address", async () => {
  const response = await get(
    `/api/v1/ledger/reports/patients/${f.patientId}?from=2026-11-01&to=2026-11-30`,
  );
  assert.equal(response.statusCode, 200, response.body);
  const report = response.json<Report>();
  assert.deepEqual(
    report.rows.map((_, i) => column(report, 'Entry', i)),
    ['draw', 'administer', 'waste'],
  );
  assert.ok(
    report.statements.includes('Patient: Quuxington, Zebediah; address: no address on record'),
    `statements: ${report.statements.join(' | ')}`,
  );
});

test('inventory as of the opening of business predates the receipt; at the close it shows the stock', async () => {
  // The receipt was at 07:00 in Los Angeles on 2026-11-25 (15:00 UTC).
  const opening = await get('/api/v1/ledger/reports/inventory?date=2026-11-25&basis=opening');
  assert.equal(opening.statusCode, 200, opening.body);
  const before = opening.json<Report>();
  assert.equal(before.rows.length, 0);
  assert.match(before.title, /as of the opening of business on 2026-11-25/);

  const close = await get('/api/v1/ledger/reports/inventory?date=2026-11-25&basis=close');
  const report = close.json<Report>();
  assert.match(report.title, /as of the close of business on 2026-11-25/);
  const row = report.rows.findIndex((r) => r.includes('LOT-R'));
  assert.ok(row >= 0, 'LOT-R is in the inventory');
  // 3 received − 1 drawn = 2 sealed; the drawn vial is empty (120 + 380 = 500 mg), so none open.
  assert.equal(column(report, 'Sealed containers', row), 2);
  assert.equal(column(report, 'Opened containers', row), 0);
  assert.equal(column(report, 'Strength (mg/mL)', row), '50');
  assert.equal(column(report, 'Container (mL)', row), '10');

  const csv = await get('/api/v1/ledger/reports/inventory?date=2026-11-25&basis=close&format=csv');
  assert.match(String(csv.headers['content-disposition']), /inventory-2026-11-25\.csv/);
});

test('a basis other than opening or close is refused naming the field', async () => {
  const response = await get('/api/v1/ledger/reports/inventory?date=2026-11-25&basis=noon');
  assert.equal(response.statusCode, 400);
  assert.equal(problemOf(response).field, 'querystring.basis');
});
