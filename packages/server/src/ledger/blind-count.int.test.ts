/**
 * Blind end-of-shift and end-of-day counts by the floor staff (safety-security.md T-45): a nurse or
 * prescriber counts (ledger.count); nothing a nurse can read — storage locations, stock to draw,
 * a session's administration, the count's own answer and its retry — states an expected number or
 * a balance; a short count answers only that it did not match and opens an incident the
 * administrator sees with the expected number, the kind of count and who counted.
 */
import { after, before, test } from 'node:test';
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
  type LedgerFixture,
} from './ledger.test-support.ts';

const LOT = 'LOT-BLIND';
/** Received 3 at 15:00 UTC, 1 drawn at 15:00: 2 sealed expected from then on. */
const EXPECTED = 2;
const hoursAfter = (h: number): string => new Date(Date.parse(AT) + h * 3_600_000).toISOString();

let f: LedgerFixture;
before(async () => {
  f = await ledgerFixture();
  const received = await post(f.t, f.admin, receipt(f.locationId, { lot: LOT, containers: 3 }));
  assert.equal(received.statusCode, 201, received.body);
  // An open container, so the nurse's stock answer has open containers in it too.
  const drawn = await post(f.t, f.nurse, draw(f, { lot: LOT }));
  assert.equal(drawn.statusCode, 201, drawn.body);
});
after(() => f.close());

/**
 * Names of fields anywhere in `value` that would state or imply a number of sealed containers
 * on the books. The counter's own `countedContainers` is what they typed, so it is allowed.
 */
function balanceFields(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => balanceFields(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => [
    ...(/expected|balance|sealed|on-?hand|stock|^containers$|difference/i.test(key)
      ? [`${path}.${key}`]
      : []),
    ...balanceFields(v, `${path}.${key}`),
  ]);
}

const get = (url: string, who = f.nurse) =>
  f.t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers() });

const count = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'count',
  kind: 'end-of-shift',
  id: randomUUID(),
  occurredAt: hoursAfter(1),
  ndc: NDC,
  lot: LOT,
  locationId: f.locationId,
  countedContainers: EXPECTED,
  ...overrides,
});

interface Incident {
  countEntryId: string;
  status: string;
  expectedContainers: number;
  countedContainers: number;
  countKind: string | null;
  countedBy: { userId: string; name: string };
}

test('every ledger answer a nurse can read is free of expected numbers and balances', async () => {
  for (const url of [
    '/ledger/locations',
    '/ledger/availability',
    `/ledger/sessions/${f.sessionId}/administration`,
  ]) {
    const response = await get(url);
    assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
    assert.deepEqual(balanceFields(response.json()), [], `${url} shows no balance`);
  }
  const stock = (await get('/ledger/availability')).json<{
    lots: unknown[];
    openVials: unknown[];
  }>();
  assert.equal(stock.lots.length, 1, 'the lot is offered to draw from');
  assert.equal(stock.openVials.length, 1, 'and the open container');
  // Balances, incidents, entries and reports are the administrator's (ledger.report).
  for (const url of [
    '/ledger/entries',
    '/ledger/incidents',
    `/ledger/reports/lot?ndc=${NDC}&lot=${LOT}&from=2026-11-01&to=2026-11-30`,
    `/ledger/reports/patients/${f.patientId}?from=2026-11-01&to=2026-11-30`,
    '/ledger/reports/inventory?date=2026-11-25&basis=close',
    '/ledger/verify',
  ]) {
    assert.equal((await get(url)).statusCode, 403, `${url} is not the nurse's`);
  }
  // The check does find a balance where there is one: the administrator's inventory has them.
  const inventory = await get('/ledger/reports/inventory?date=2026-11-25&basis=close', f.admin);
  assert.equal(inventory.statusCode, 200, inventory.body);
  assert.ok(
    /sealed/i.test(JSON.stringify(inventory.json<{ columns: string[] }>().columns)),
    'the administrator sees sealed containers on hand',
  );
});

test("a nurse's short end-of-shift count answers only that it did not match and opens an incident for the administrator", async () => {
  const body = count({ countedContainers: 1, note: 'One vial behind the tray (fictional).' });
  const counted = await post(f.t, f.nurse, body);
  assert.equal(counted.statusCode, 201, counted.body);
  const answer = counted.json<{
    discrepancy: boolean;
    entry: { entry: Record<string, unknown> };
  }>();
  assert.equal(answer.discrepancy, true);
  assert.deepEqual(balanceFields(answer), [], 'the count answer has no expected number');
  assert.doesNotMatch(counted.body, /expected/i);
  assert.equal(answer.entry.entry.kind, 'end-of-shift');
  assert.equal(answer.entry.entry.note, 'One vial behind the tray (fictional).');
  assert.equal(answer.entry.entry.userId, f.nurse.userId);

  const retry = await post(f.t, f.nurse, body);
  assert.equal(retry.statusCode, 200, retry.body);
  assert.equal(retry.json<{ discrepancy: boolean }>().discrepancy, true);
  assert.deepEqual(balanceFields(retry.json()), [], 'nor does its retry');

  const incidents = await get('/ledger/incidents', f.admin);
  assert.equal(incidents.statusCode, 200, incidents.body);
  const items = incidents.json<{ items: Incident[] }>().items;
  const incident = items.find((i) => i.countEntryId === body.id);
  assert.ok(incident !== undefined, 'the discrepancy is an incident');
  assert.deepEqual(
    {
      status: incident.status,
      expected: incident.expectedContainers,
      counted: incident.countedContainers,
      kind: incident.countKind,
      by: incident.countedBy.userId,
    },
    { status: 'open', expected: EXPECTED, counted: 1, kind: 'end-of-shift', by: f.nurse.userId },
  );
  assert.notEqual(incident.countedBy.name, '', 'the counter is named');
  assert.ok(balanceFields(items).length > 0, "the administrator's incidents do state balances");

  const report = await get(
    `/ledger/reports/lot?ndc=${NDC}&lot=${LOT}&from=2026-11-25&to=2026-11-25`,
    f.admin,
  );
  assert.equal(report.statusCode, 200, report.body);
  assert.match(report.body, /End-of-shift count: One vial behind the tray \(fictional\)\./);
});

test('a prescriber counts at the end of the day; a matching count opens no incident', async () => {
  const body = count({ kind: 'end-of-day', occurredAt: hoursAfter(2) });
  const counted = await post(f.t, f.prescriber, body);
  assert.equal(counted.statusCode, 201, counted.body);
  assert.equal(counted.json<{ discrepancy: boolean }>().discrepancy, false);
  const items = (await get('/ledger/incidents', f.admin)).json<{ items: Incident[] }>().items;
  assert.equal(
    items.find((i) => i.countEntryId === body.id),
    undefined,
  );
});

test('a count states its kind; none, an unknown one or a blank note is refused naming the field', async () => {
  const { kind: _kind, ...withoutKind } = count();
  for (const [body, field] of [
    [withoutKind, 'body.kind'],
    [count({ kind: 'weekly' }), 'body.kind'],
    [count({ note: '   ' }), 'body.note'],
  ] as const) {
    const refused = await post(f.t, f.nurse, body);
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(problemOf(refused).field, field);
  }
});

test('only nurses, prescribers and the administrator count', async () => {
  const coordinator = await signIn(f.t.app, { role: 'coordinator', clinicId: f.admin.clinicId });
  const refused = await post(f.t, coordinator, count());
  assert.equal(refused.statusCode, 403, refused.body);
  const admin = await post(f.t, f.admin, count({ occurredAt: hoursAfter(3) }));
  assert.equal(admin.statusCode, 201, admin.body);
});
