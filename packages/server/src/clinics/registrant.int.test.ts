/**
 * The DEA inventory names the registrant from the clinic record (21 CFR 1304.04(a), 1304.11): its
 * postal address on one line and its DEA registration number once `clinic update` has set them, and
 * "not on the clinic record" again when one is cleared.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostalAddress } from '@ketaflow/contract';
import { ledgerFixture, post, receipt, type LedgerFixture } from '../ledger/ledger.test-support.ts';
import { postalAddressLine } from './registrant.ts';
import { updateClinic } from './service.ts';

// Fictional: the check digit holds (1+3+5 + 2×(2+4+6) = 33), the registrant does not exist.
const DEA = 'AB1234563';
const ADDRESS: PostalAddress = {
  line1: '100 Example Way',
  line2: 'Suite 2',
  city: 'Irvine',
  state: 'CA',
  postalCode: '92618',
};
const ADDRESS_LINE = '100 Example Way, Suite 2, Irvine, CA 92618';

interface Report {
  statements: string[];
  inventory: { registrant: { name: string; address: string | null; deaNumber: string | null } };
}

let f: LedgerFixture;
before(async () => {
  f = await ledgerFixture();
  assert.equal((await post(f.t, f.admin, receipt(f.locationId))).statusCode, 201);
});
after(() => f.close());

async function inventory(): Promise<Report> {
  const response = await f.t.app.inject({
    method: 'GET',
    url: '/api/v1/ledger/reports/inventory?date=2026-11-25&basis=close&kind=biennial',
    headers: f.admin.headers(),
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<Report>();
}

test('an address prints on one line, with or without its second line', () => {
  assert.equal(postalAddressLine(ADDRESS), ADDRESS_LINE);
  const { line2: _line2, ...oneLine } = ADDRESS;
  assert.equal(postalAddressLine(oneLine), '100 Example Way, Irvine, CA 92618');
});

test('the inventory names the address and DEA number of the clinic record', async () => {
  await updateClinic(f.t.database.db, f.admin.clinicId, { address: ADDRESS, deaNumber: DEA });
  const report = await inventory();
  assert.equal(report.inventory.registrant.address, ADDRESS_LINE);
  assert.equal(report.inventory.registrant.deaNumber, DEA);
  assert.ok(report.statements.includes(`Registrant address: ${ADDRESS_LINE}`));
  assert.ok(report.statements.includes(`DEA registration number: ${DEA}`));
  assert.ok(!report.statements.some((s) => s.includes('not on the clinic record')));
});

test('a field cleared from the clinic record is stated as missing again', async () => {
  await updateClinic(f.t.database.db, f.admin.clinicId, { deaNumber: null });
  const report = await inventory();
  assert.equal(report.inventory.registrant.deaNumber, null);
  assert.equal(report.inventory.registrant.address, ADDRESS_LINE);
  assert.ok(
    report.statements.includes('DEA registration number: not on the clinic record; add it by hand'),
  );
});
