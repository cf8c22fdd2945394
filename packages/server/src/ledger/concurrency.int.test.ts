/**
 * No double-spend under real parallel requests (safety-security.md T-48): many draws race for a few
 * sealed containers and many administrations race for one vial. Exactly as many succeed as the
 * stock allows, every other one is a 409 (never a 5xx or a deadlock), the final balances are exact,
 * concurrent retries of one id record it once, and the chain still verifies.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  draw,
  ledgerFixture,
  post,
  problemOf,
  receipt,
  type LedgerFixture,
} from './ledger.test-support.ts';

let f: LedgerFixture;
before(async () => {
  f = await ledgerFixture();
});
after(() => f.close());

const statuses = (responses: { statusCode: number }[]): Map<number, number> => {
  const counts = new Map<number, number>();
  for (const r of responses) counts.set(r.statusCode, (counts.get(r.statusCode) ?? 0) + 1);
  return counts;
};

test('60 parallel draws for 7 sealed containers: exactly 7 succeed, 53 get 409, none 5xx', async () => {
  const received = await post(
    f.t,
    f.admin,
    receipt(f.locationId, { lot: 'LOT-RACE', containers: 7 }),
  );
  assert.equal(received.statusCode, 201, received.body);
  const responses = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      post(f.t, i % 2 === 0 ? f.nurse : f.prescriber, draw(f, { lot: 'LOT-RACE' })),
    ),
  );
  assert.deepEqual([...statuses(responses).entries()].sort(), [
    [201, 7],
    [409, 53],
  ]);
  for (const r of responses.filter((x) => x.statusCode === 409)) {
    assert.equal(problemOf(r).code, 'ledger.balance-negative');
  }
  const one = await post(f.t, f.nurse, draw(f, { lot: 'LOT-RACE' }));
  assert.equal(one.statusCode, 409, 'the lot is exhausted');
});

test('40 parallel administrations of 30 mg from one 500 mg vial: 16 succeed (480 mg), the rest 409', async () => {
  assert.equal(
    (await post(f.t, f.admin, receipt(f.locationId, { lot: 'LOT-VIAL', containers: 1 })))
      .statusCode,
    201,
  );
  const body = draw(f, { lot: 'LOT-VIAL' });
  assert.equal((await post(f.t, f.nurse, body)).statusCode, 201);
  const responses = await Promise.all(
    Array.from({ length: 40 }, () =>
      post(f.t, f.nurse, {
        type: 'administer',
        id: randomUUID(),
        occurredAt: '2026-11-25T16:00:00.000Z',
        vialId: body.vialId,
        sessionId: f.sessionId,
        amountUg: 30_000,
      }),
    ),
  );
  assert.deepEqual([...statuses(responses).entries()].sort(), [
    [201, 16],
    [409, 24],
  ]);
  const availability = await f.t.app.inject({
    method: 'GET',
    url: '/api/v1/ledger/availability',
    headers: f.nurse.headers(),
  });
  const vial = availability
    .json<{ openVials: { vialId: string; remainingUg: number }[] }>()
    .openVials.find((v) => v.vialId === body.vialId);
  assert.equal(vial?.remainingUg, 500_000 - 16 * 30_000);
});

test('20 concurrent retries of one receipt record it once (one 201, nineteen 200 with the same entry)', async () => {
  const body = receipt(f.locationId, { lot: 'LOT-RETRY' });
  const responses = await Promise.all(Array.from({ length: 20 }, () => post(f.t, f.admin, body)));
  assert.deepEqual([...statuses(responses).entries()].sort(), [
    [200, 19],
    [201, 1],
  ]);
  const seqs = new Set(responses.map((r) => r.json<{ entry: { seq: number } }>().entry.seq));
  assert.equal(seqs.size, 1, 'every answer names the same entry');
});

test('after the races the chain verifies with no gap or fork', async () => {
  const response = await f.t.app.inject({
    method: 'GET',
    url: '/api/v1/ledger/verify',
    headers: f.admin.headers(),
  });
  assert.equal(response.statusCode, 200, response.body);
  const result = response.json<{ ok: boolean; entries: number }>();
  // 3 receipts + 7 draws + 1 draw + 16 administrations.
  assert.deepEqual(result, { ok: true, entries: 27 });
});
