/**
 * An entry that takes a lot's containers from a location (or counts them there) may not be dated
 * before the lot first reached that location (its receipt into it or a transfer into it). A draw
 * at safe B dated before the transfer that brought the lot there used to be accepted, and the
 * inventory as of a day in between then answered 409 ledger.inventory-inconsistent: its fold of
 * the entries dated before the day found the draw but not the transfer.
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
  type LedgerFixture,
} from './ledger.test-support.ts';

const RECEIVED = '2026-11-20T15:00:00.000Z';
const BETWEEN = '2026-11-22T15:00:00.000Z';
const MOVED = '2026-11-24T15:00:00.000Z';
const LOT = 'LOT-L';

let f: LedgerFixture;
let safeB: string;

before(async () => {
  f = await ledgerFixture();
  safeB = randomUUID();
  const created = await f.t.app.inject({
    method: 'POST',
    url: '/api/v1/ledger/locations',
    headers: f.admin.headers(),
    payload: { id: safeB, name: 'Safe B' },
  });
  assert.equal(created.statusCode, 201, created.body);
  const received = await post(
    f.t,
    f.admin,
    receipt(f.locationId, { lot: LOT, containers: 4, occurredAt: RECEIVED }),
  );
  assert.equal(received.statusCode, 201, received.body);
  const moved = await post(f.t, f.admin, {
    type: 'transfer',
    id: randomUUID(),
    occurredAt: MOVED,
    ndc: NDC,
    lot: LOT,
    fromLocationId: f.locationId,
    toLocationId: safeB,
    containers: 2,
  });
  assert.equal(moved.statusCode, 201, moved.body);
});
after(() => f.close());

const inventory = (date: string) =>
  f.t.app.inject({
    method: 'GET',
    url: `/api/v1/ledger/reports/inventory?date=${date}&basis=close`,
    headers: f.admin.headers(),
  });

test('a draw at a location dated before the lot was transferred there is refused naming occurredAt', async () => {
  const early = await post(
    f.t,
    f.nurse,
    draw(f, { lot: LOT, locationId: safeB, occurredAt: BETWEEN }),
  );
  assert.equal(early.statusCode, 409, early.body);
  assert.deepEqual(problemOf(early), {
    code: 'ledger.occurred-before-dependency',
    field: 'body.occurredAt',
  });
  assert.match(early.json<{ detail: string }>().detail, /transfer/);

  // Every day in between still folds: the inventory between receipt and transfer answers.
  const between = await inventory('2026-11-22');
  assert.equal(between.statusCode, 200, between.body);

  // At or after the transfer the same draw is accepted; at safe A it was possible all along.
  const onTime = await post(
    f.t,
    f.nurse,
    draw(f, { lot: LOT, locationId: safeB, occurredAt: MOVED }),
  );
  assert.equal(onTime.statusCode, 201, onTime.body);
  const atA = await post(f.t, f.nurse, draw(f, { lot: LOT, occurredAt: BETWEEN }));
  assert.equal(atA.statusCode, 201, atA.body);
  for (const date of ['2026-11-21', '2026-11-22', '2026-11-24', '2026-11-25']) {
    const r = await inventory(date);
    assert.equal(r.statusCode, 200, `${date}: ${r.body}`);
  }
});

test('a count or transfer out at a location dated before the lot reached it is refused', async () => {
  const count = await post(f.t, f.admin, {
    type: 'count',
    kind: 'end-of-day',
    id: randomUUID(),
    occurredAt: BETWEEN,
    ndc: NDC,
    lot: LOT,
    locationId: safeB,
    countedContainers: 2,
  });
  assert.equal(count.statusCode, 409, count.body);
  assert.deepEqual(problemOf(count), {
    code: 'ledger.occurred-before-dependency',
    field: 'body.occurredAt',
  });
  const back = await post(f.t, f.admin, {
    type: 'transfer',
    id: randomUUID(),
    occurredAt: BETWEEN,
    ndc: NDC,
    lot: LOT,
    fromLocationId: safeB,
    toLocationId: f.locationId,
    containers: 1,
  });
  assert.equal(back.statusCode, 409, back.body);
  assert.deepEqual(problemOf(back), {
    code: 'ledger.occurred-before-dependency',
    field: 'body.occurredAt',
  });
  assert.equal((await inventory('2026-11-22')).statusCode, 200);
});
