/**
 * Rules an entry must meet beyond its shape, found by the ledger audit: a count cannot be
 * corrected away (its incident stays listed); a witnessed waste is reversed only with a witness; a draw only for a session that can take one; no
 * entry dated in the future or before the entry it depends on; a receipt's DEA number, NDC and
 * expiry checked. Every refusal names the field, records nothing and is audited.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  AT,
  draw,
  insertSession,
  ledgerFixture,
  NDC,
  post,
  problemOf,
  receipt,
  witnessOf,
  type LedgerFixture,
} from './ledger.test-support.ts';
import { MAX_CLOCK_SKEW_MS } from './record-entry.ts';

let f: LedgerFixture;
let owner: pg.Client;
before(async () => {
  f = await ledgerFixture();
  owner = new pg.Client({ connectionString: f.t.database.adminUrl });
  await owner.connect();
  const received = await post(f.t, f.admin, receipt(f.locationId, { containers: 10 }));
  assert.equal(received.statusCode, 201, received.body);
});
after(async () => {
  await owner.end();
  await f.close();
});

const ledgerCount = async (): Promise<number> =>
  (await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_entries')).rows[0]?.n ??
  0;

/** Posts `body`, expects the refusal, nothing recorded, and the refusal audited. */
async function refused(
  body: Record<string, unknown>,
  expected: { status: number; code: string; field: string },
  who = f.admin,
): Promise<{ patient_id: string | null; detail: { code: string; field: string } }> {
  const before = await ledgerCount();
  const r = await post(f.t, who, body);
  assert.equal(r.statusCode, expected.status, r.body);
  assert.deepEqual(problemOf(r), { code: expected.code, field: expected.field });
  assert.equal(await ledgerCount(), before, 'nothing recorded');
  const { rows } = await owner.query<{
    outcome: string;
    patient_id: string | null;
    detail: { code: string; field: string };
  }>(
    'SELECT outcome, patient_id, detail FROM audit_events WHERE action = $1 AND resource_id = $2',
    [`ledger.${String(body.type)}-refused`, body.id],
  );
  const [row] = rows;
  assert.ok(rows.length === 1 && row !== undefined, 'the refusal is audited once');
  assert.equal(row.outcome, 'failure');
  assert.deepEqual(row.detail, { code: expected.code, field: expected.field });
  return row;
}

async function setSession(
  sessionId: string,
  state: string,
  steps: readonly [string, string, string][],
): Promise<void> {
  await owner.query('UPDATE infusion_sessions SET state = $2 WHERE id = $1', [sessionId, state]);
  for (const [i, [from, to, at]] of steps.entries()) {
    await owner.query('SET session_replication_role = replica');
    await owner.query(
      `INSERT INTO session_transitions (id, clinic_id, session_id, event, from_state, to_state,
         version, request_hash, recorded_by, occurred_at)
       VALUES ($1, $2, $3, 'test', $4, $5, $6, 'test', $7, $8)`,
      [randomUUID(), f.admin.clinicId, sessionId, from, to, i + 2, f.nurse.userId, at],
    );
    await owner.query('SET session_replication_role = origin');
  }
}

test('a count cannot be corrected (409 naming correctsEntryId); its incident stays listed', async () => {
  const countId = randomUUID();
  const counted = await post(f.t, f.admin, {
    type: 'count',
    kind: 'end-of-day',
    id: countId,
    occurredAt: AT,
    ndc: NDC,
    lot: 'LOT-A',
    locationId: f.locationId,
    countedContainers: 0,
  });
  assert.equal(counted.statusCode, 201, counted.body);
  await refused(
    {
      type: 'correction',
      id: randomUUID(),
      occurredAt: AT,
      correctsEntryId: countId,
      reason: 'Miscounted.',
    },
    { status: 409, code: 'ledger.count-not-correctable', field: 'body.correctsEntryId' },
  );
  const incidents = await f.t.app.inject({
    method: 'GET',
    url: '/api/v1/ledger/incidents',
    headers: f.admin.headers(),
  });
  const items = incidents.json<{ items: { countEntryId: string; status: string }[] }>().items;
  assert.equal(items.find((i) => i.countEntryId === countId)?.status, 'open');
});

test('a draw for a cancelled or never checked-in session is refused, audited against its patient', async () => {
  const cancelled = await insertSession(f.t, f.admin.clinicId, f.patientId, f.nurse.userId);
  await setSession(cancelled, 'cancelled', [['scheduled', 'cancelled', '2026-11-25T09:00:00Z']]);
  const audited = await refused(
    draw(f, { sessionId: cancelled }),
    { status: 409, code: 'ledger.session-not-drawable', field: 'body.sessionId' },
    f.nurse,
  );
  assert.equal(audited.patient_id, f.patientId);
  const scheduled = await insertSession(f.t, f.admin.clinicId, f.patientId, f.nurse.userId);
  await setSession(scheduled, 'scheduled', []);
  await refused(
    draw(f, { sessionId: scheduled }),
    { status: 409, code: 'ledger.session-not-drawable', field: 'body.sessionId' },
    f.nurse,
  );
});

test('an ended session takes a late-documented draw only dated while its infusion could run', async () => {
  const ended = await insertSession(f.t, f.admin.clinicId, f.patientId, f.nurse.userId);
  await setSession(ended, 'discharged', [
    ['scheduled', 'checked-in', '2026-11-25T16:00:00Z'],
    ['checked-in', 'prechecks-done', '2026-11-25T16:10:00Z'],
    ['prechecks-done', 'double-checked', '2026-11-25T16:20:00Z'],
    ['double-checked', 'running', '2026-11-25T16:30:00Z'],
    ['running', 'stopped', '2026-11-25T17:30:00Z'],
    ['stopped', 'recovery', '2026-11-25T17:31:00Z'],
    ['recovery', 'discharged', '2026-11-25T18:40:00Z'],
  ]);
  await refused(
    draw(f, { sessionId: ended, occurredAt: '2026-11-25T18:00:00.000Z' }),
    { status: 409, code: 'ledger.draw-outside-session', field: 'body.occurredAt' },
    f.nurse,
  );
  const inWindow = await post(
    f.t,
    f.nurse,
    draw(f, { sessionId: ended, occurredAt: '2026-11-25T16:15:00.000Z' }),
  );
  assert.equal(inWindow.statusCode, 201, inWindow.body);
});

test('occurredAt: the future beyond the clock-skew allowance is refused; before its draw is refused', async () => {
  const now = f.t.app.clock.now().getTime();
  await refused(
    receipt(f.locationId, { occurredAt: new Date(now + MAX_CLOCK_SKEW_MS + 60_000).toISOString() }),
    { status: 400, code: 'ledger.occurred-in-future', field: 'body.occurredAt' },
  );
  const skewed = await post(
    f.t,
    f.admin,
    receipt(f.locationId, { occurredAt: new Date(now + 60_000).toISOString() }),
  );
  assert.equal(skewed.statusCode, 201, `within the allowance: ${skewed.body}`);

  const body = draw(f, { occurredAt: '2026-11-25T16:00:00.000Z' });
  assert.equal((await post(f.t, f.nurse, body)).statusCode, 201);
  await refused(
    {
      type: 'administer',
      id: randomUUID(),
      occurredAt: '2025-11-25T15:00:00.000Z',
      vialId: body.vialId,
      sessionId: f.sessionId,
      amountUg: 1000,
    },
    { status: 409, code: 'ledger.occurred-before-dependency', field: 'body.occurredAt' },
    f.nurse,
  );
  await refused(
    draw(f, { occurredAt: '2020-01-01T00:00:00.000Z' }),
    {
      status: 409,
      code: 'ledger.occurred-before-dependency',
      field: 'body.occurredAt',
    },
    f.nurse,
  );
  const inventory = await f.t.app.inject({
    method: 'GET',
    url: '/api/v1/ledger/reports/inventory?date=2026-01-01&basis=close',
    headers: f.admin.headers(),
  });
  assert.equal(inventory.statusCode, 200, inventory.body);
});

test('a receipt: DEA check digit, NDC form and expiry are checked, naming the field', async () => {
  await refused(receipt(f.locationId, { supplierDeaNumber: 'AB1234567' }), {
    status: 400,
    code: 'ledger.invalid-field',
    field: 'body.supplierDeaNumber',
  });
  await refused(receipt(f.locationId, { ndc: 'hello', lot: 'LOT-N' }), {
    status: 400,
    code: 'ledger.invalid-field',
    field: 'body.ndc',
  });
  await refused(receipt(f.locationId, { lot: 'LOT-X', expiry: '2026-11-24' }), {
    status: 400,
    code: 'ledger.expired-on-receipt',
    field: 'body.expiry',
  });
  await refused(
    {
      type: 'transfer',
      id: randomUUID(),
      occurredAt: AT,
      ndc: NDC,
      lot: 'LOT-A',
      fromLocationId: f.locationId,
      containers: 1,
      toRegistrant: { name: 'Example Reverse Distributor (fictional)', deaNumber: 'RX1234567' },
    },
    { status: 400, code: 'ledger.invalid-field', field: 'body.toRegistrant.deaNumber' },
  );
});

test('reversing a witnessed waste needs a witness other than the recorder (400 naming witnesses)', async () => {
  const drawn = draw(f, { occurredAt: '2026-11-25T16:00:00.000Z' });
  assert.equal((await post(f.t, f.nurse, drawn)).statusCode, 201);
  const wasteId = randomUUID();
  const wasted = await post(f.t, f.nurse, {
    type: 'waste',
    id: wasteId,
    occurredAt: '2026-11-25T16:30:00.000Z',
    vialId: drawn.vialId,
    amountUg: 500_000,
    witness: await witnessOf(f.t, f.nurse2),
  });
  assert.equal(wasted.statusCode, 201, wasted.body);
  const reversal = {
    type: 'correction',
    occurredAt: '2026-11-25T17:00:00.000Z',
    correctsEntryId: wasteId,
    reason: 'Recorded against the wrong container.',
  };
  await refused(
    { ...reversal, id: randomUUID() },
    { status: 400, code: 'ledger.correction-needs-witness', field: 'body.witnesses' },
  );
  const witnessed = await post(f.t, f.admin, {
    ...reversal,
    id: randomUUID(),
    witnesses: [await witnessOf(f.t, f.nurse)],
  });
  assert.equal(witnessed.statusCode, 201, witnessed.body);
});
