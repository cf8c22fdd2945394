/**
 * An administration is never recorded above the session's charted dose: the ledger's total for a
 * session over all its containers may reach the chart's cumulative dose exactly, never more; the
 * refusal names body.amountUg with both amounts, records nothing and is audited. The web reads the
 * same numbers to prefill the amount.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  draw,
  insertSession,
  ledgerFixture,
  post,
  problemOf,
  receipt,
  type LedgerFixture,
} from './ledger.test-support.ts';

let f: LedgerFixture;
let owner: pg.Client;
let sessionId: string;
before(async () => {
  f = await ledgerFixture();
  owner = new pg.Client({ connectionString: f.t.database.adminUrl });
  await owner.connect();
  assert.equal((await post(f.t, f.admin, receipt(f.locationId))).statusCode, 201);
  // Ten minutes at 60 mg/h: the chart shows exactly 10 mg (10 000 µg) given.
  sessionId = await insertSession(f.t, f.admin.clinicId, f.patientId, f.nurse.userId, {
    rateMgPerH: 60,
    startedAt: '2026-11-25T14:00:00.000Z',
    stoppedAt: '2026-11-25T14:10:00.000Z',
  });
});
after(async () => {
  await owner.end();
  await f.close();
});

const administer = (vialId: unknown, amountUg: number): Record<string, unknown> => ({
  type: 'administer',
  id: randomUUID(),
  occurredAt: '2026-11-25T15:20:00.000Z',
  vialId,
  sessionId,
  amountUg,
});

async function administration(who = f.nurse) {
  const r = await f.t.app.inject({
    method: 'GET',
    url: `/api/v1/ledger/sessions/${sessionId}/administration`,
    headers: who.headers(),
  });
  return r;
}

test('over two containers, up to the charted dose is recorded; a microgram more is refused', async () => {
  const first = draw(f, { sessionId });
  const second = draw(f, { sessionId });
  assert.equal((await post(f.t, f.nurse, first)).statusCode, 201);
  assert.equal((await post(f.t, f.nurse, second)).statusCode, 201);

  const before = await administration();
  assert.equal(before.statusCode, 200, before.body);
  assert.deepEqual(
    (({ chartedUg, recordedUg, administrableUg }) => ({ chartedUg, recordedUg, administrableUg }))(
      before.json<{ chartedUg: number; recordedUg: number; administrableUg: number }>(),
    ),
    { chartedUg: 10_000, recordedUg: 0, administrableUg: 10_000 },
  );

  const given = administer(first.vialId, 6_000);
  const givenResponse = await post(f.t, f.nurse, given);
  assert.equal(givenResponse.statusCode, 201, givenResponse.body);

  // The second container still holds 500 mg, but the chart leaves only 4 mg to account for.
  const tooMuch = administer(second.vialId, 4_001);
  const refused = await post(f.t, f.nurse, tooMuch);
  assert.equal(refused.statusCode, 409, refused.body);
  assert.deepEqual(problemOf(refused), {
    code: 'ledger.above-charted-dose',
    field: 'body.amountUg',
  });
  const detail = refused.json<{ detail: string }>().detail;
  assert.match(detail, /chart shows 10 mg given/);
  assert.match(detail, /already has 6 mg recorded/);
  const stored = await owner.query('SELECT 1 FROM ledger_entries WHERE id = $1', [tooMuch.id]);
  assert.equal(stored.rowCount, 0, 'nothing recorded');
  const audited = await owner.query<{ outcome: string; patient_id: string; detail: unknown }>(
    `SELECT outcome, patient_id, detail FROM audit_events
      WHERE action = 'ledger.administer-refused' AND resource_id = $1`,
    [tooMuch.id],
  );
  assert.equal(audited.rowCount, 1, 'the refusal is audited');
  const [row] = audited.rows;
  assert.ok(row !== undefined);
  assert.equal(row.patient_id, f.patientId);
  assert.deepEqual(row.detail, {
    code: 'ledger.above-charted-dose',
    field: 'body.amountUg',
  });

  // Exactly the charted dose is allowed.
  const exact = await post(f.t, f.nurse, administer(second.vialId, 4_000));
  assert.equal(exact.statusCode, 201, exact.body);
  const after = (await administration()).json<{ recordedUg: number; administrableUg: number }>();
  assert.equal(after.recordedUg, 10_000);
  assert.equal(after.administrableUg, 0);

  // A correction reversing an administration gives its amount back to account for.
  const corrected = await post(f.t, f.admin, {
    type: 'correction',
    id: randomUUID(),
    occurredAt: '2026-11-25T15:30:00.000Z',
    correctsEntryId: given.id,
    reason: 'Recorded against the wrong container.',
  });
  assert.equal(corrected.statusCode, 201, corrected.body);
  assert.equal((await administration()).json<{ administrableUg: number }>().administrableUg, 6_000);
});

test('the chart-against-ledger read is audited against the patient; admins cannot read it', async () => {
  const read = await administration(f.prescriber);
  assert.equal(read.statusCode, 200, read.body);
  const audited = await owner.query<{ patient_id: string }>(
    `SELECT patient_id FROM audit_events
      WHERE action = 'ledger.session-administration-read' AND resource_id = $1`,
    [sessionId],
  );
  assert.ok((audited.rowCount ?? 0) >= 1, 'the read is audited');
  assert.equal(audited.rows[0]?.patient_id, f.patientId);
  assert.equal((await administration(f.admin)).statusCode, 403);
  const unknown = await f.t.app.inject({
    method: 'GET',
    url: `/api/v1/ledger/sessions/${randomUUID()}/administration`,
    headers: f.nurse.headers(),
  });
  assert.equal(unknown.statusCode, 404, unknown.body);
});
