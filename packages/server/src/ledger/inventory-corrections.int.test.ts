/**
 * An inventory leaves a corrected entry out at every date, however late the correction was dated
 * (core's ledgerAsOf). It used to fold the corrected entry until the correction's own date: a draw
 * recorded after the correction of another draw, dated before that correction, took the container
 * the reversed draw never took, and the inventory of that day answered 409
 * ledger.inventory-inconsistent; without such a draw it showed the reversed draw's container as
 * opened, though it never left the safe.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  draw,
  ledgerFixture,
  NDC,
  post,
  receipt,
  type LedgerFixture,
} from './ledger.test-support.ts';

/** Clinic days on America/Los_Angeles (the fixture's zone): the 25th ends at 2026-11-26T08:00Z. */
const RECEIVED = '2026-11-25T14:30:00.000Z';
const DRAWN = '2026-11-25T15:00:00.000Z';
const LATER_SAME_DAY = '2026-11-25T16:00:00.000Z';
const CORRECTED = '2026-11-26T09:00:00.000Z';

let f: LedgerFixture;
before(async () => {
  f = await ledgerFixture();
});
after(() => f.close());

/** Records an entry that must be accepted. */
async function recorded(user: 'admin' | 'nurse', body: Record<string, unknown>): Promise<void> {
  const response = await post(f.t, f[user], body);
  assert.equal(response.statusCode, 201, response.body);
}

/** Receives `containers` of `lot`, draws one, and corrects that draw on the next clinic day. */
async function drawnInError(lot: string, containers: number): Promise<void> {
  await recorded('admin', receipt(f.locationId, { lot, containers, occurredAt: RECEIVED }));
  const mistaken = draw(f, { lot, occurredAt: DRAWN });
  await recorded('nurse', mistaken);
  await recorded('admin', {
    type: 'correction',
    id: randomUUID(),
    occurredAt: CORRECTED,
    correctsEntryId: mistaken.id,
    reason: 'Drawn on the wrong patient record; the container never left the safe.',
  });
}

/** Sealed and opened containers of `lot` in the inventory at the close of `date` (absent: none). */
async function inventoried(date: string, lot: string): Promise<[unknown, unknown] | undefined> {
  const response = await f.t.app.inject({
    method: 'GET',
    url: `/api/v1/ledger/reports/inventory?date=${date}&basis=close`,
    headers: f.admin.headers(),
  });
  assert.equal(response.statusCode, 200, `${date}: ${response.body}`);
  const { columns, rows } = response.json<{ columns: string[]; rows: unknown[][] }>();
  const row = rows.find((r) => r[columns.indexOf('Lot')] === lot);
  if (row === undefined) return undefined;
  return [row[columns.indexOf('Sealed containers')], row[columns.indexOf('Opened containers')]];
}

test('a draw dated before the correction of another draw, recorded after it, is in the inventory of its day', async () => {
  await drawnInError('LOT-C', 1);
  // The one container is taken, truthfully dated, by the draw that really happened.
  await recorded('nurse', draw(f, { lot: 'LOT-C', occurredAt: LATER_SAME_DAY }));
  assert.deepEqual(await inventoried('2026-11-25', 'LOT-C'), [0, 1]);
  assert.deepEqual(await inventoried('2026-11-26', 'LOT-C'), [0, 1]);
  assert.equal(await inventoried('2026-11-24', 'LOT-C'), undefined, 'not yet received');
});

test('a corrected draw is not in the inventory of a day before its correction', async () => {
  await drawnInError('LOT-D', 2);
  assert.deepEqual(await inventoried('2026-11-25', 'LOT-D'), [2, 0]);
  // A count recorded after the correction, dated before it, finds both sealed: no discrepancy.
  const countId = randomUUID();
  await recorded('admin', {
    type: 'count',
    kind: 'end-of-day',
    id: countId,
    occurredAt: LATER_SAME_DAY,
    ndc: NDC,
    lot: 'LOT-D',
    locationId: f.locationId,
    countedContainers: 2,
  });
  const incidents = await f.t.app.inject({
    method: 'GET',
    url: '/api/v1/ledger/incidents',
    headers: f.admin.headers(),
  });
  assert.equal(incidents.statusCode, 200, incidents.body);
  const items = incidents.json<{ items: { countEntryId: string }[] }>().items;
  assert.equal(
    items.find((i) => i.countEntryId === countId),
    undefined,
  );
  assert.deepEqual(await inventoried('2026-11-25', 'LOT-D'), [2, 0]);
});
