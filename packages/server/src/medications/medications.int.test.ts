/**
 * The medication list and MME over time through HTTP: idempotent adds, versioned changes with 409
 * when stale, MME/day per line and per day with the factor table id@version, the change from the
 * first infusion at milestones, rejections naming the field, and role/clinic scoping.
 * Expected MME use the CDC 2022 conversion factors (oxycodone 1.5, morphine 1; MMWR Recomm Rep
 * 2022;71(3) Table), exact to 1e-9.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestPatient, signIn, startTestApp } from '../testing/harness.ts';

const t = await startTestApp();
after(() => t.close());

const admin = await signIn(t.app, { role: 'admin' });
const nurse = await signIn(t.app, { role: 'nurse', clinicId: admin.clinicId });
const coordinator = await signIn(t.app, { role: 'coordinator', clinicId: admin.clinicId });
const otherAdmin = await signIn(t.app, { role: 'admin' });
const otherNurse = await signIn(t.app, { role: 'nurse', clinicId: otherAdmin.clinicId });
const patientId = await createTestPatient(t.app, admin);

const post = (who: typeof nurse, body: Record<string, unknown>, patient = patientId) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/patients/${patient}/medications`,
    headers: who.headers(),
    payload: body,
  });

const oxy = {
  id: randomUUID(),
  drug: 'oxycodone',
  doseMg: 10,
  timesPerDay: 3,
  startDate: '2026-01-01',
};

test('adding a line stores core MME/day with the factor table; a retry answers 200 with the original', async () => {
  const first = await post(nurse, oxy);
  assert.equal(first.statusCode, 201, first.body);
  const line = first.json<{ mmePerDay: number; factorTable: { id: string }; version: number }>();
  assert.ok(
    Math.abs(line.mmePerDay - 45) < 1e-9,
    `10 mg x 3/day x 1.5 = 45 MME/day, got ${String(line.mmePerDay)}`,
  );
  assert.equal(line.factorTable.id, 'cdc-2022-mme-factors');
  assert.equal(line.version, 1);
  const retry = await post(nurse, oxy);
  assert.equal(retry.statusCode, 200, retry.body);
  assert.deepEqual(retry.json(), first.json());
  const reused = await post(nurse, { ...oxy, doseMg: 20 });
  assert.equal(reused.statusCode, 409, reused.body);
  assert.equal(reused.json<{ code: string }>().code, 'idempotency.key-reused');
});

test('a change is a new version; a stale version answers 409; the list shows the latest', async () => {
  const url = `/api/v1/patients/${patientId}/medications/${oxy.id}`;
  const change = {
    ...oxy,
    id: randomUUID(),
    version: 1,
    reason: 'Taper started',
    doseMg: 5,
    stopDate: '2026-03-31',
  };
  const changed = await t.app.inject({
    method: 'PUT',
    url,
    headers: nurse.headers(),
    payload: change,
  });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.equal(changed.json<{ version: number }>().version, 2);
  const stale = await t.app.inject({
    method: 'PUT',
    url,
    headers: nurse.headers(),
    payload: { ...change, id: randomUUID(), doseMg: 2.5 },
  });
  assert.equal(stale.statusCode, 409, stale.body);
  const list = await t.app.inject({
    method: 'GET',
    url: `/api/v1/patients/${patientId}/medications`,
    headers: nurse.headers(),
  });
  assert.equal(list.statusCode, 200, list.body);
  const items = list.json<{ items: { medicationId: string; version: number; doseMg: number }[] }>()
    .items;
  assert.deepEqual(
    items.map((i) => [i.medicationId, i.version, i.doseMg]),
    [[oxy.id, 2, 5]],
  );
});

test('MME over time: daily values and change from the first infusion at 1, 3 and 6 months', async () => {
  // Morphine 30 mg/day from 2026-02-01 (factor 1): with oxycodone 5 mg x 3 (22.5 MME) until 2026-03-31.
  const morphine = {
    id: randomUUID(),
    drug: 'morphine',
    doseMg: 15,
    timesPerDay: 2,
    startDate: '2026-02-01',
  };
  assert.equal((await post(nurse, morphine)).statusCode, 201);
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/patients/${patientId}/mme`,
    query: { from: '2026-01-30', to: '2026-08-31', baselineDate: '2026-01-15' },
    headers: nurse.headers(),
  });
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json<{
    days: { date: string; mmePerDay: number; factorTable: { version: string } }[];
    change: {
      baseline: { mmePerDay: number };
      milestones: { months: number; status: string; changeMmePerDay?: number }[];
    };
  }>();
  const on = (date: string) => body.days.find((d) => d.date === date)?.mmePerDay;
  assert.ok(Math.abs((on('2026-01-31') ?? -1) - 22.5) < 1e-9, 'oxycodone 5 mg x 3 x 1.5');
  assert.ok(Math.abs((on('2026-02-01') ?? -1) - 52.5) < 1e-9, '22.5 + morphine 30');
  assert.ok(Math.abs((on('2026-04-01') ?? -1) - 30) < 1e-9, 'oxycodone stopped after 2026-03-31');
  assert.ok(
    body.days.every((d) => d.factorTable.version.length > 0),
    'every value carries its factor table',
  );
  // Baseline 2026-01-15: 22.5; +1 month (2026-02-15): 52.5 (+30); +3 (2026-04-15): 30 (+7.5); +6 (2026-07-15): 30.
  assert.ok(Math.abs(body.change.baseline.mmePerDay - 22.5) < 1e-9, 'baseline MME');
  assert.deepEqual(
    body.change.milestones.map((m) => [m.months, m.status, m.changeMmePerDay]),
    [
      [1, 'reached', 30],
      [3, 'reached', 7.5],
      [6, 'reached', 7.5],
    ],
  );
});

test('buprenorphine is listed but not converted (MME null), bad input names the field', async () => {
  const bup = await post(nurse, {
    id: randomUUID(),
    drug: 'buprenorphine',
    doseMg: 8,
    timesPerDay: 1,
    startDate: '2026-01-01',
  });
  assert.equal(bup.statusCode, 201, bup.body);
  assert.equal(bup.json<{ mmePerDay: number | null }>().mmePerDay, null);
  const backwards = await post(nurse, { ...oxy, id: randomUUID(), stopDate: '2025-12-01' });
  assert.equal(backwards.statusCode, 400, backwards.body);
  assert.equal(backwards.json<{ field: string }>().field, 'body.stopDate');
  const unknown = await post(nurse, { ...oxy, id: randomUUID(), drug: 'unobtainium' });
  assert.equal(unknown.statusCode, 400, unknown.body);
  assert.match(unknown.json<{ field: string }>().field, /^body\.drug/);
});

test('coordinators are refused; another clinic sees 404 for this patient', async () => {
  const refused = await post(coordinator, { ...oxy, id: randomUUID() });
  assert.equal(refused.statusCode, 403, refused.body);
  const foreign = await post(otherNurse, { ...oxy, id: randomUUID() });
  assert.equal(foreign.statusCode, 404, foreign.body);
  const foreignList = await t.app.inject({
    method: 'GET',
    url: `/api/v1/patients/${patientId}/medications`,
    headers: otherNurse.headers(),
  });
  assert.equal(foreignList.statusCode, 404, foreignList.body);
});
