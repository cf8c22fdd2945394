/**
 * The initial/biennial inventory record (21 CFR 1304.04(h), 1304.11): it says which inventory it is
 * (a validated request parameter, never assumed), as of the opening or close of business, the
 * registrant (the clinic; address and DEA number stated as not on record while the clinic record
 * has none) and who took it, in the statements, the CSV's sibling JSON and the audit event.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ledgerFixture,
  post,
  problemOf,
  receipt,
  type LedgerFixture,
} from './ledger.test-support.ts';

let f: LedgerFixture;
let adminName: string;
let clinicName: string;

interface Report {
  title: string;
  statements: string[];
  rows: unknown[][];
  inventory?: unknown;
}

before(async () => {
  f = await ledgerFixture();
  assert.equal((await post(f.t, f.admin, receipt(f.locationId))).statusCode, 201);
  const { rows } = await f.t.database.pool.query<{ user: string; clinic: string }>(
    `SELECT u.display_name AS user, c.name AS clinic FROM users u, clinics c
      WHERE u.id = $1 AND c.id = $2`,
    [f.admin.userId, f.admin.clinicId],
  );
  adminName = rows[0]?.user ?? '';
  clinicName = rows[0]?.clinic ?? '';
  assert.ok(adminName !== '' && clinicName !== '');
});
after(() => f.close());

const inventory = (query: string) =>
  f.t.app.inject({
    method: 'GET',
    url: `/api/v1/ledger/reports/inventory?${query}`,
    headers: f.admin.headers(),
  });

test('a biennial inventory names itself, its basis, the registrant and who took it', async () => {
  const response = await inventory('date=2026-11-25&basis=close&kind=biennial');
  assert.equal(response.statusCode, 200, response.body);
  const report = response.json<Report>();
  assert.match(report.title, /^Biennial inventory .* as of the close of business on 2026-11-25$/);
  assert.equal(report.rows.length, 1, 'the received lot');
  for (const expected of [
    'Biennial inventory (21 CFR 1304.11(c))',
    `Registrant: ${clinicName}`,
    'Registrant address: not on the clinic record; add it by hand',
    'DEA registration number: not on the clinic record; add it by hand',
    `Taken by: ${adminName}`,
  ]) {
    assert.ok(report.statements.includes(expected), `states "${expected}"`);
  }
  assert.ok(report.statements.some((s) => s.startsWith('Taken as of the close of business')));
  assert.deepEqual(report.inventory, {
    kind: 'biennial',
    basis: 'close',
    date: '2026-11-25',
    takenBy: { userId: f.admin.userId, name: adminName },
    registrant: { name: clinicName, address: null, deaNumber: null },
  });
  const { rows } = await f.t.database.pool.query<{ detail: { kind: string; basis: string } }>(
    `SELECT detail FROM audit_events WHERE action = 'ledger.report-inventory'
      AND user_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
    [f.admin.userId],
  );
  const [event] = rows;
  assert.ok(event !== undefined);
  assert.equal(event.detail.kind, 'biennial');
  assert.equal(event.detail.basis, 'close');
});

test('an initial inventory at the opening of business; without a kind it is marked as neither', async () => {
  const initial = (await inventory('date=2026-11-26&basis=opening&kind=initial')).json<Report>();
  assert.match(initial.title, /^Initial inventory .* as of the opening of business on 2026-11-26$/);
  assert.ok(initial.statements.includes('Initial inventory (21 CFR 1304.11(b))'));

  const plain = (await inventory('date=2026-11-26&basis=opening')).json<Report>();
  assert.match(plain.title, /^Controlled-substance inventory as of the opening of business/);
  assert.ok(plain.statements[0]?.startsWith('Not marked as an initial or biennial inventory'));
  assert.equal((plain.inventory as { kind: unknown }).kind, null);
});

test('a kind other than initial or biennial is refused naming the field', async () => {
  const response = await inventory('date=2026-11-25&basis=close&kind=annual');
  assert.equal(response.statusCode, 400, response.body);
  assert.equal(problemOf(response).field, 'querystring.kind');
});
