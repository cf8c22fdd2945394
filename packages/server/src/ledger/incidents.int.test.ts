/**
 * Count incidents (safety-security.md T-45): every short count opens an incident at once; repeated
 * small discrepancies escalate as a pattern (discrepancy-escalation knowledge: 3 in 30 days) even
 * when each was resolved; a significant loss found on a Friday has its written notice due on the
 * Monday (one business day, 21 CFR 1301.76(b)).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ledgerFixture, NDC, post, receipt, type LedgerFixture } from './ledger.test-support.ts';

let f: LedgerFixture;
before(async () => {
  f = await ledgerFixture();
  const received = await post(
    f.t,
    f.admin,
    // Received before every count below (a count cannot predate the lot's receipt).
    receipt(f.locationId, { lot: 'LOT-I', containers: 20, occurredAt: '2026-10-01T16:00:00.000Z' }),
  );
  assert.equal(received.statusCode, 201, received.body);
});
after(() => f.close());

interface Incidents {
  items: {
    countEntryId: string;
    status: string;
    deadlines: { discoveredOn: string; writtenNoticeDueOn: string; form106DueOn: string } | null;
  }[];
  pattern: { escalate: boolean; discrepanciesInWindow: number };
}

async function incidents(): Promise<Incidents> {
  const response = await f.t.app.inject({
    method: 'GET',
    url: '/api/v1/ledger/incidents',
    headers: f.admin.headers(),
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<Incidents>();
}

/** A count of `lot` finding `counted` containers at `occurredAt`, resolved as `classification`. */
async function shortCount(
  occurredAt: string,
  counted: number,
  classification: string,
  lot = 'LOT-I',
) {
  const countId = randomUUID();
  const count = await post(f.t, f.admin, {
    type: 'count',
    kind: 'end-of-day',
    id: countId,
    occurredAt,
    ndc: NDC,
    lot,
    locationId: f.locationId,
    countedContainers: counted,
  });
  assert.equal(count.statusCode, 201, count.body);
  assert.equal(count.json<{ discrepancy: boolean }>().discrepancy, true);
  assert.equal((await incidents()).items.find((i) => i.countEntryId === countId)?.status, 'open');
  const resolved = await post(f.t, f.admin, {
    type: 'resolve-discrepancy',
    id: randomUUID(),
    occurredAt,
    countEntryId: countId,
    classification,
    note: 'Investigated by the clinic lead (fictional).',
  });
  assert.equal(resolved.statusCode, 201, resolved.body);
  return countId;
}

test('three resolved discrepancies within 30 days escalate as a pattern', async () => {
  const now = f.t.app.clock.now().getTime();
  const daysAgo = (d: number): string => new Date(now - d * 86_400_000).toISOString();
  // Expected stays 20 while each is a count error (nothing removed from stock).
  await shortCount(daysAgo(20), 19, 'count-error');
  assert.equal((await incidents()).pattern.escalate, false);
  await shortCount(daysAgo(10), 19, 'count-error');
  assert.equal((await incidents()).pattern.escalate, false);
  await shortCount(daysAgo(1), 19, 'documentation-error');
  const after = await incidents();
  assert.deepEqual(after.pattern, { ...after.pattern, escalate: true, discrepanciesInWindow: 3 });
});

test('a significant loss found on a Friday: written notice due Monday, Form 106 in 45 days', async () => {
  // Friday 2026-11-20, 12:00 in Los Angeles. Notice: next business day, Monday 2026-11-23.
  // Form 106: 2026-11-20 + 45 days = 2027-01-04. A lot of its own: LOT-I was counted later than
  // this date above, and a loss dated before that count would change what the count expected.
  const received = await post(
    f.t,
    f.admin,
    receipt(f.locationId, { lot: 'LOT-F', containers: 20, occurredAt: '2026-10-01T16:00:00.000Z' }),
  );
  assert.equal(received.statusCode, 201, received.body);
  const countId = await shortCount('2026-11-20T20:00:00.000Z', 18, 'significant-loss', 'LOT-F');
  const incident = (await incidents()).items.find((i) => i.countEntryId === countId);
  const deadlines = incident?.deadlines;
  assert.deepEqual(
    {
      discoveredOn: deadlines?.discoveredOn,
      writtenNoticeDueOn: deadlines?.writtenNoticeDueOn,
      form106DueOn: deadlines?.form106DueOn,
    },
    { discoveredOn: '2026-11-20', writtenNoticeDueOn: '2026-11-23', form106DueOn: '2027-01-04' },
  );
});
