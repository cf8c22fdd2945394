/**
 * DEA reports on a theft or significant loss (safety-security.md T-45; 21 CFR 1301.76(b)): that the
 * written notice and the DEA Form 106 were filed is recorded as a ledger entry (when, by whom, the
 * reference), chained and audited like every entry, listed on the incident, filed once each, and
 * reversed only by a correction. Refusals name the field, record nothing and are audited.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  ledgerFixture,
  NDC,
  post,
  problemOf,
  receipt,
  type LedgerFixture,
} from './ledger.test-support.ts';

let f: LedgerFixture;
let countId: string;
let adminName: string;

before(async () => {
  f = await ledgerFixture();
  const received = await post(
    f.t,
    f.admin,
    receipt(f.locationId, { lot: 'LOT-D', containers: 5, occurredAt: '2026-11-20T16:00:00.000Z' }),
  );
  assert.equal(received.statusCode, 201, received.body);
  countId = randomUUID();
  const count = await post(f.t, f.admin, {
    type: 'count',
    kind: 'end-of-day',
    id: countId,
    occurredAt: '2026-11-20T20:00:00.000Z',
    ndc: NDC,
    lot: 'LOT-D',
    locationId: f.locationId,
    countedContainers: 4,
  });
  assert.equal(count.statusCode, 201, count.body);
  const resolved = await post(f.t, f.admin, {
    type: 'resolve-discrepancy',
    id: randomUUID(),
    occurredAt: '2026-11-20T22:00:00.000Z',
    countEntryId: countId,
    classification: 'theft',
    note: 'Container missing from safe A (fictional).',
  });
  assert.equal(resolved.statusCode, 201, resolved.body);
  const { rows } = await f.t.database.pool.query<{ name: string }>(
    'SELECT display_name AS name FROM users WHERE id = $1',
    [f.admin.userId],
  );
  adminName = rows[0]?.name ?? '';
});
after(() => f.close());

const filing = (report: string, occurredAt: string, reference: string) => ({
  type: 'dea-report',
  id: randomUUID(),
  occurredAt,
  countEntryId: countId,
  report,
  reference,
});

interface Filing {
  entryId: string;
  report: string;
  filedAt: string;
  reference: string;
  filedBy: { userId: string; name: string };
}

async function filingsOnIncident(): Promise<Filing[]> {
  const response = await f.t.app.inject({
    method: 'GET',
    url: '/api/v1/ledger/incidents',
    headers: f.admin.headers(),
  });
  assert.equal(response.statusCode, 200, response.body);
  const items = response.json<{ items: { countEntryId: string; filings: Filing[] }[] }>().items;
  return items.find((i) => i.countEntryId === countId)?.filings ?? [];
}

const audited = async (action: string, id: string) =>
  (
    await f.t.database.pool.query<{ outcome: string; detail: Record<string, unknown> }>(
      'SELECT outcome, detail FROM audit_events WHERE action = $1 AND resource_id = $2',
      [action, id],
    )
  ).rows;

test('the written notice and the Form 106 are recorded, chained, audited and listed on the incident', async () => {
  assert.deepEqual(await filingsOnIncident(), []);
  const notice = filing('written-notice', '2026-11-23T17:00:00.000Z', 'DEA-LA-2026-0042');
  const recorded = await post(f.t, f.admin, notice);
  assert.equal(recorded.statusCode, 201, recorded.body);
  const [event] = await audited('ledger.dea-report', notice.id);
  assert.ok(event !== undefined);
  assert.equal(event.outcome, 'success');
  assert.equal(typeof event.detail.hash, 'string', 'the audit event anchors the chain');
  const form = filing('form-106', '2026-11-25T18:30:00.000Z', 'F106-000123');
  assert.equal((await post(f.t, f.admin, form)).statusCode, 201);

  assert.deepEqual(await filingsOnIncident(), [
    {
      entryId: notice.id,
      report: 'written-notice',
      filedAt: '2026-11-23T17:00:00.000Z',
      reference: 'DEA-LA-2026-0042',
      filedBy: { userId: f.admin.userId, name: adminName },
    },
    {
      entryId: form.id,
      report: 'form-106',
      filedAt: '2026-11-25T18:30:00.000Z',
      reference: 'F106-000123',
      filedBy: { userId: f.admin.userId, name: adminName },
    },
  ]);
  const verify = await f.t.app.inject({
    method: 'GET',
    url: '/api/v1/ledger/verify',
    headers: f.admin.headers(),
  });
  assert.equal(verify.json<{ ok: boolean }>().ok, true, verify.body);
});

test('filed twice, by a nurse, with an unknown report or before the count: refused', async () => {
  const again = filing('written-notice', '2026-11-24T17:00:00.000Z', 'DEA-LA-2026-0043');
  const twice = await post(f.t, f.admin, again);
  assert.equal(twice.statusCode, 409, twice.body);
  assert.deepEqual(problemOf(twice), { code: 'ledger.already-filed', field: 'body.report' });
  const [refusal] = await audited('ledger.dea-report-refused', again.id);
  assert.deepEqual(refusal?.detail, { code: 'ledger.already-filed', field: 'body.report' });

  const byNurse = await post(f.t, f.nurse, filing('form-106', '2026-11-25T18:30:00.000Z', 'X'));
  assert.equal(byNurse.statusCode, 403, byNurse.body);

  const unknown = await post(f.t, f.admin, filing('form-41', '2026-11-25T18:30:00.000Z', 'X'));
  assert.equal(unknown.statusCode, 400, unknown.body);
  assert.equal(problemOf(unknown).field, 'body.report');

  const early = await post(f.t, f.admin, {
    ...filing('written-notice', '2026-11-20T19:00:00.000Z', 'X'),
  });
  assert.equal(early.statusCode, 409, early.body);
  assert.equal(problemOf(early).field, 'body.occurredAt');
  assert.equal((await filingsOnIncident()).length, 2, 'nothing more recorded');
});

test('a wrong filing record is reversed by a correction, then filed again', async () => {
  const form = (await filingsOnIncident()).find((x) => x.report === 'form-106');
  assert.ok(form !== undefined);
  const corrected = await post(f.t, f.admin, {
    type: 'correction',
    id: randomUUID(),
    occurredAt: '2026-11-25T19:00:00.000Z',
    correctsEntryId: form.entryId,
    reason: 'Wrong reference copied from the confirmation.',
  });
  assert.equal(corrected.statusCode, 201, corrected.body);
  assert.deepEqual(
    (await filingsOnIncident()).map((x) => x.report),
    ['written-notice'],
  );
  const refiled = await post(
    f.t,
    f.admin,
    filing('form-106', '2026-11-25T19:05:00.000Z', 'F106-000124'),
  );
  assert.equal(refiled.statusCode, 201, refiled.body);
  assert.deepEqual(
    (await filingsOnIncident()).map((x) => x.reference),
    ['DEA-LA-2026-0042', 'F106-000124'],
  );
});
