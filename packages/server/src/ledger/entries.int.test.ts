/**
 * The ledger API, entry type by entry type (safety-security.md T-41, T-42, T-45): what each entry
 * records, required fields refused with the field named, idempotent retries, no overdraw, blind
 * counts opening incidents with DEA deadlines, corrections as reversing entries, no edit routes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signIn } from '../testing/harness.ts';
import {
  AT,
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
before(async () => {
  f = await ledgerFixture();
});
after(() => f.close());

const without = (body: Record<string, unknown>, field: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));

interface Recorded {
  entry: { id: string; seq: number; type: string; entry: Record<string, unknown>; hash: string };
  discrepancy?: boolean;
}

describe('receive', () => {
  test('records the DEA receipt fields and answers 201; a retry answers 200 with the same entry', async () => {
    const body = receipt(f.locationId, { lot: 'LOT-RCV' });
    const first = await post(f.t, f.admin, body);
    assert.equal(first.statusCode, 201, first.body);
    const recorded = first.json<Recorded>().entry;
    assert.equal(recorded.type, 'receive');
    assert.deepEqual(recorded.entry.supplier, {
      name: 'Example Wholesale (fictional)',
      deaNumber: 'AB1234563',
    });
    assert.equal(recorded.entry.userId, f.admin.userId);
    assert.equal(recorded.entry.occurredAt, '2026-11-25T15:00:00.000Z');
    const retry = await post(f.t, f.admin, body);
    assert.equal(retry.statusCode, 200, retry.body);
    assert.equal(retry.json<Recorded>().entry.seq, recorded.seq);
    const reused = await post(f.t, f.admin, { ...body, containers: 4 });
    assert.equal(reused.statusCode, 409);
    assert.deepEqual(problemOf(reused), { code: 'idempotency.key-reused', field: 'body.id' });
  });

  const required = [
    'id',
    'occurredAt',
    'locationId',
    'ndc',
    'lot',
    'expiry',
    'strengthUgPerMl',
    'containerVolumeUl',
    'containers',
    'supplierName',
    'supplierDeaNumber',
    'orderReference',
  ];
  for (const field of required) {
    test(`a receipt without ${field} is refused naming body.${field}`, async () => {
      const body = without(receipt(f.locationId), field);
      const response = await post(f.t, f.admin, body);
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(problemOf(response).field, `body.${field}`);
    });
  }

  test('a location of no clinic of the caller is refused naming body.locationId', async () => {
    const response = await post(f.t, f.admin, receipt(randomUUID()));
    assert.equal(response.statusCode, 400);
    assert.deepEqual(problemOf(response), {
      code: 'ledger.unknown-location',
      field: 'body.locationId',
    });
  });

  test('a strength × volume that is not a whole number of µg is refused, not rounded', async () => {
    const response = await post(
      f.t,
      f.admin,
      receipt(f.locationId, { lot: 'LOT-ODD', strengthUgPerMl: 3, containerVolumeUl: 333 }),
    );
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(problemOf(response).code, 'ledger.inexact-quantity');
  });

  test('a nurse cannot receive stock; a coordinator and a researcher reach nothing', async () => {
    assert.equal((await post(f.t, f.nurse, receipt(f.locationId))).statusCode, 403);
    for (const role of ['coordinator', 'researcher'] as const) {
      const user = await signIn(f.t.app, { role, clinicId: f.admin.clinicId });
      assert.equal((await post(f.t, user, draw(f))).statusCode, 403, `${role} draws`);
      for (const url of ['/api/v1/ledger/locations', '/api/v1/ledger/availability']) {
        const response = await f.t.app.inject({ method: 'GET', url, headers: user.headers() });
        assert.equal(response.statusCode, 403, `${role} GET ${url}`);
      }
    }
  });
});

describe('a vial from draw to empty', () => {
  test('draw, administer and witnessed waste close the vial; nothing more can be taken', async () => {
    assert.equal((await post(f.t, f.admin, receipt(f.locationId))).statusCode, 201);
    const drawn = draw(f);
    const drawResponse = await post(f.t, f.nurse, drawn);
    assert.equal(drawResponse.statusCode, 201, drawResponse.body);
    const drawEntry = drawResponse.json<Recorded>().entry;
    assert.equal(drawEntry.entry.patientId, f.patientId, 'the patient comes from the session');

    const administered = await post(f.t, f.nurse, {
      type: 'administer',
      id: randomUUID(),
      occurredAt: '2026-11-25T16:00:00.000Z',
      vialId: drawn.vialId,
      sessionId: f.sessionId,
      amountUg: 120_000,
    });
    assert.equal(administered.statusCode, 201, administered.body);

    const tooMuch = await post(f.t, f.nurse, {
      type: 'waste',
      id: randomUUID(),
      occurredAt: '2026-11-25T16:05:00.000Z',
      vialId: drawn.vialId,
      amountUg: 380_001,
      witness: await witnessOf(f.t, f.nurse2),
    });
    assert.equal(tooMuch.statusCode, 409, tooMuch.body);
    assert.deepEqual(problemOf(tooMuch), {
      code: 'ledger.balance-negative',
      field: 'body.amountUg',
    });

    const wasted = await post(f.t, f.nurse, {
      type: 'waste',
      id: randomUUID(),
      occurredAt: '2026-11-25T16:05:00.000Z',
      vialId: drawn.vialId,
      amountUg: 380_000,
      witness: await witnessOf(f.t, f.nurse2),
    });
    assert.equal(wasted.statusCode, 201, wasted.body);
    assert.equal(wasted.json<Recorded>().entry.entry.witnessId, f.nurse2.userId);

    const more = await post(f.t, f.nurse, {
      type: 'administer',
      id: randomUUID(),
      occurredAt: '2026-11-25T16:10:00.000Z',
      vialId: drawn.vialId,
      sessionId: f.sessionId,
      amountUg: 1,
    });
    assert.equal(more.statusCode, 409);
    assert.equal(problemOf(more).code, 'ledger.vial-closed');
  });

  test('an unopened vial goes back to stock; an opened one cannot', async () => {
    const drawn = draw(f);
    assert.equal((await post(f.t, f.prescriber, drawn)).statusCode, 201);
    const returned = await post(f.t, f.prescriber, {
      type: 'return',
      id: randomUUID(),
      occurredAt: AT,
      vialId: drawn.vialId,
    });
    assert.equal(returned.statusCode, 201, returned.body);
    const again = await post(f.t, f.prescriber, {
      type: 'return',
      id: randomUUID(),
      occurredAt: AT,
      vialId: drawn.vialId,
    });
    assert.equal(again.statusCode, 409);
    assert.equal(problemOf(again).code, 'ledger.vial-closed');
  });

  test('a draw for a session of no clinic of the caller is refused naming body.sessionId', async () => {
    const response = await post(f.t, f.nurse, draw(f, { sessionId: randomUUID() }));
    assert.equal(response.statusCode, 400);
    assert.deepEqual(problemOf(response), {
      code: 'ledger.unknown-session',
      field: 'body.sessionId',
    });
  });

  for (const field of ['vialId', 'locationId', 'ndc', 'lot', 'sessionId']) {
    test(`a draw without ${field} is refused naming body.${field}`, async () => {
      const body = without(draw(f), field);
      const response = await post(f.t, f.nurse, body);
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(problemOf(response).field, `body.${field}`);
    });
  }

  test('a waste without a witness is refused naming body.witness', async () => {
    const response = await post(f.t, f.nurse, {
      type: 'waste',
      id: randomUUID(),
      occurredAt: AT,
      vialId: randomUUID(),
      amountUg: 1,
    });
    assert.equal(response.statusCode, 400);
    assert.equal(problemOf(response).field, 'body.witness');
  });
});

describe('transfer and destruction', () => {
  test('sealed stock moves to another location and is destroyed with two witnesses', async () => {
    const safeB = randomUUID();
    const created = await f.t.app.inject({
      method: 'POST',
      url: '/api/v1/ledger/locations',
      headers: f.admin.headers(),
      payload: { id: safeB, name: 'Safe B' },
    });
    assert.equal(created.statusCode, 201);
    assert.equal(
      (await post(f.t, f.admin, receipt(f.locationId, { lot: 'LOT-T', containers: 2 }))).statusCode,
      201,
    );
    const moved = await post(f.t, f.admin, {
      type: 'transfer',
      id: randomUUID(),
      occurredAt: AT,
      ndc: NDC,
      lot: 'LOT-T',
      fromLocationId: f.locationId,
      toLocationId: safeB,
      containers: 2,
    });
    assert.equal(moved.statusCode, 201, moved.body);
    const destroy = {
      type: 'destroy',
      id: randomUUID(),
      occurredAt: AT,
      ndc: NDC,
      lot: 'LOT-T',
      locationId: safeB,
      containers: 2,
      method: 'Reverse distributor pickup (fictional)',
    };
    const selfWitnessed = await post(f.t, f.admin, {
      ...destroy,
      witnesses: [await witnessOf(f.t, f.admin), await witnessOf(f.t, f.nurse)],
    });
    assert.equal(selfWitnessed.statusCode, 400);
    assert.deepEqual(problemOf(selfWitnessed), {
      code: 'ledger.self-witness',
      field: 'body.witnesses.0',
    });
    const destroyed = await post(f.t, f.admin, {
      ...destroy,
      witnesses: [await witnessOf(f.t, f.nurse), await witnessOf(f.t, f.nurse2)],
    });
    assert.equal(destroyed.statusCode, 201, destroyed.body);
    assert.deepEqual(destroyed.json<Recorded>().entry.entry.witnessIds, [
      f.nurse.userId,
      f.nurse2.userId,
    ]);
    const tooMany = await post(f.t, f.admin, {
      ...destroy,
      id: randomUUID(),
      containers: 1,
      witnesses: [await witnessOf(f.t, f.nurse), await witnessOf(f.t, f.nurse2)],
    });
    assert.equal(tooMany.statusCode, 409);
    assert.equal(problemOf(tooMany).code, 'ledger.balance-negative');
  });

  test('a transfer needs exactly one destination', async () => {
    const response = await post(f.t, f.admin, {
      type: 'transfer',
      id: randomUUID(),
      occurredAt: AT,
      ndc: NDC,
      lot: 'LOT-A',
      fromLocationId: f.locationId,
      containers: 1,
    });
    assert.equal(response.statusCode, 400);
    assert.equal(problemOf(response).code, 'ledger.transfer-destination');
  });
});

describe('blind counts, incidents and corrections', () => {
  test('a short count reports a discrepancy without the expected number, opens an incident, and theft shows DEA deadlines', async () => {
    assert.equal(
      (await post(f.t, f.admin, receipt(f.locationId, { lot: 'LOT-C', containers: 5 }))).statusCode,
      201,
    );
    const countId = randomUUID();
    const counted = await post(f.t, f.admin, {
      type: 'count',
      kind: 'end-of-day',
      id: countId,
      // A Wednesday: the written notice is due the next business day, Thursday 2026-11-26.
      occurredAt: '2026-11-25T20:00:00.000Z',
      ndc: NDC,
      lot: 'LOT-C',
      locationId: f.locationId,
      countedContainers: 4,
    });
    assert.equal(counted.statusCode, 201, counted.body);
    assert.equal(counted.json<Recorded>().discrepancy, true);
    assert.doesNotMatch(counted.body, /expected/i, 'a blind count never shows the expected number');

    const open = await f.t.app.inject({
      method: 'GET',
      url: '/api/v1/ledger/incidents',
      headers: f.admin.headers(),
    });
    assert.equal(open.statusCode, 200, open.body);
    const incident = open
      .json<{ items: { countEntryId: string; status: string; expectedContainers: number }[] }>()
      .items.find((i) => i.countEntryId === countId);
    assert.equal(incident?.status, 'open');
    assert.equal(incident.expectedContainers, 5);

    const resolved = await post(f.t, f.admin, {
      type: 'resolve-discrepancy',
      id: randomUUID(),
      occurredAt: '2026-11-25T21:00:00.000Z',
      countEntryId: countId,
      classification: 'theft',
      note: 'One vial missing from the safe; police report filed (fictional).',
    });
    assert.equal(resolved.statusCode, 201, resolved.body);
    const after = await f.t.app.inject({
      method: 'GET',
      url: '/api/v1/ledger/incidents',
      headers: f.admin.headers(),
    });
    const theft = after
      .json<{
        items: {
          countEntryId: string;
          status: string;
          deadlines: { writtenNoticeDueOn: string; form106DueOn: string } | null;
        }[];
      }>()
      .items.find((i) => i.countEntryId === countId);
    assert.equal(theft?.status, 'resolved');
    // Discovered Wed 2026-11-25 (clinic date in Los Angeles): 1 business day → Thu 2026-11-26;
    // Form 106 within 45 days → 2027-01-09 (21 CFR 1301.76(b), 88 FR 40707).
    assert.deepEqual(
      {
        writtenNoticeDueOn: theft.deadlines?.writtenNoticeDueOn,
        form106DueOn: theft.deadlines?.form106DueOn,
      },
      { writtenNoticeDueOn: '2026-11-26', form106DueOn: '2027-01-09' },
    );
  });

  test('a correction reverses a receipt with a reason, once; a reversal that would overdraw is refused', async () => {
    const wrong = receipt(f.locationId, { lot: 'LOT-X', containers: 1 });
    assert.equal((await post(f.t, f.admin, wrong)).statusCode, 201);
    const correction = {
      type: 'correction',
      occurredAt: AT,
      correctsEntryId: wrong.id,
      reason: 'Received into the wrong lot number',
    };
    const first = await post(f.t, f.admin, { ...correction, id: randomUUID() });
    assert.equal(first.statusCode, 201, first.body);
    const twice = await post(f.t, f.admin, { ...correction, id: randomUUID() });
    assert.equal(twice.statusCode, 409);
    assert.equal(problemOf(twice).code, 'ledger.already-corrected');

    const used = receipt(f.locationId, { lot: 'LOT-Y', containers: 1 });
    assert.equal((await post(f.t, f.admin, used)).statusCode, 201);
    assert.equal((await post(f.t, f.nurse, draw(f, { lot: 'LOT-Y' }))).statusCode, 201);
    const conflicting = await post(f.t, f.admin, {
      ...correction,
      id: randomUUID(),
      correctsEntryId: used.id,
    });
    assert.equal(conflicting.statusCode, 409);
    assert.equal(problemOf(conflicting).code, 'ledger.correction-conflicts');

    const noReason = await post(f.t, f.admin, {
      type: 'correction',
      id: randomUUID(),
      occurredAt: AT,
      correctsEntryId: used.id,
    });
    assert.equal(noReason.statusCode, 400);
    assert.equal(problemOf(noReason).field, 'body.reason');
  });

  test('a nurse cannot correct; there is no route to edit or delete an entry', async () => {
    const response = await post(f.t, f.nurse, {
      type: 'correction',
      id: randomUUID(),
      occurredAt: AT,
      correctsEntryId: randomUUID(),
      reason: 'x',
    });
    assert.equal(response.statusCode, 403);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const edit = await f.t.app.inject({
        method,
        url: `/api/v1/ledger/entries/${randomUUID()}`,
        headers: f.admin.headers(),
        payload: {},
      });
      assert.ok(
        edit.statusCode === 404 || edit.statusCode === 405,
        `${method}: ${String(edit.statusCode)}`,
      );
    }
  });

  test('the application role cannot update or delete ledger rows', async () => {
    await assert.rejects(f.t.database.pool.query("UPDATE ledger_entries SET lot = 'x'"), {
      code: '42501',
    });
    await assert.rejects(f.t.database.pool.query('DELETE FROM ledger_entries'), { code: '42501' });
  });
});
