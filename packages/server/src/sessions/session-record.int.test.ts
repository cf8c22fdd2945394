/**
 * The session record for the printed summary (GET /sessions/{id}/record): the discharge score and
 * who recorded each transition, both double-check entries once the round is complete (never the first
 * alone: T-37 blindness), the session's ledger entries with the waste's witness for ledger readers
 * only, staff names of this clinic, and an audit entry for the read; a researcher gets 403.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { SessionRecord } from '@ketaflow/contract';
import { auditEvents } from '../audit/schema.ts';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { witnessOf } from '../ledger/ledger.test-support.ts';
import { signIn, startTestApp, type SignedIn, type TestApp } from '../testing/harness.ts';
import {
  call,
  expectStatus,
  passTime,
  PRECHECK_FACTS,
  runningSession,
  scheduledSession,
  step,
  type SessionFixture,
} from './fixtures.test-support.ts';

let t: TestApp;
let team: Team;
let nurse2: SignedIn;
let done: SessionFixture;
/** The container drawn: 10 mL at 50 mg/mL. */
const CONTAINER_UG = 500_000;
let administeredUg = 0;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
  // The waste's witness: a ledger witness needs an authenticator (T-44).
  nurse2 = await signIn(t.app, { role: 'nurse', clinicId: team.clinicId, withMfa: true });
  done = await scheduledSession(t.app, team);
  await runningSession(t.app, team, done);
  // Ledger: a 500 mg container drawn for the session, what the chart shows given after 20 minutes
  // recorded as administered (the ledger takes no more than the chart), the rest wasted with a witness.
  const locationId = randomUUID();
  expectStatus(
    await call(t.app, team.admin, 'POST', '/ledger/locations', { id: locationId, name: 'Safe' }),
    201,
    'location',
  );
  const at = new Date(t.app.clock.now().getTime() - 60_000).toISOString();
  const entry = (who: SignedIn, body: Record<string, unknown>) =>
    call(t.app, who, 'POST', '/ledger/entries', { id: randomUUID(), occurredAt: at, ...body });
  const lot = { ndc: '00000-0000-01', lot: 'LOT-R' };
  expectStatus(
    await entry(team.admin, {
      type: 'receive',
      locationId,
      ...lot,
      expiry: '2030-01-31',
      strengthUgPerMl: 50_000,
      containerVolumeUl: 10_000,
      containers: 1,
      supplierName: 'Example Wholesale (fictional)',
      supplierDeaNumber: 'AB1234563',
      orderReference: 'PO-R-1',
    }),
    201,
    'receive',
  );
  const vialId = randomUUID();
  const session = { sessionId: done.sessionId };
  expectStatus(
    await entry(team.nurse, { type: 'draw', vialId, locationId, ...lot, ...session }),
    201,
    'draw',
  );
  await passTime(t, team, 20);
  const given = await call(
    t.app,
    team.nurse,
    'GET',
    `/ledger/sessions/${done.sessionId}/administration`,
  );
  expectStatus(given, 200, 'charted dose');
  administeredUg = given.json<{ administrableUg: number }>().administrableUg;
  assert.ok(administeredUg > 0, 'the chart shows a dose given');
  expectStatus(
    await entry(team.nurse, { type: 'administer', vialId, ...session, amountUg: administeredUg }),
    201,
    'administer',
  );
  expectStatus(
    await entry(team.nurse, {
      type: 'waste',
      vialId,
      amountUg: CONTAINER_UG - administeredUg,
      witness: await witnessOf(t, nurse2),
    }),
    201,
    'waste',
  );
  for (const event of ['stop', 'begin-recovery'] as const) {
    expectStatus(await step(t.app, team.nurse, done.sessionId, event), 200, event);
  }
  await passTime(t, team, 61);
  await call(t.app, nurse2, 'GET', '/auth/session');
  expectStatus(
    await step(t.app, team.nurse, done.sessionId, 'discharge', { assessment: { total: 9 } }),
    200,
    'discharge',
  );
});
after(() => t.close());

async function record(who: SignedIn, sessionId: string): Promise<SessionRecord> {
  const response = await call(t.app, who, 'GET', `/sessions/${sessionId}/record`);
  expectStatus(response, 200, 'record');
  return response.json<SessionRecord>();
}

test('a nurse reads the discharge score, both double-check entries and the witnessed ledger', async () => {
  const r = await record(team.nurse, done.sessionId);
  const discharge = r.transitions.find((x) => x.event === 'discharge');
  assert.equal(discharge?.dischargeTotal, 9, 'the modified Aldrete total as recorded');
  assert.equal(discharge.recordedBy, team.nurse.userId, 'who discharged');
  assert.deepEqual(
    r.doubleCheck.map((c) => [c.ordinal, c.enteredBy]),
    [
      [1, team.nurse.userId],
      [2, team.prescriber.userId],
    ],
    'both entries of the completed round, first by the nurse, second by the prescriber',
  );
  assert.deepEqual(
    r.ledger?.map((l) => [l.type, l.amountUg]),
    [
      ['draw', null],
      ['administer', administeredUg],
      ['waste', CONTAINER_UG - administeredUg],
    ],
    'the session ledger in order',
  );
  const waste = r.ledger.find((l) => l.type === 'waste');
  assert.equal(waste?.witnessId, nurse2.userId, 'the waste names its witness');
  assert.equal(waste.userId, team.nurse.userId, 'and who wasted');
  assert.ok(r.people[nurse2.userId] !== undefined, 'the witness has a display name');
  const audited = await t.database.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, 'session.record-read'),
        eq(auditEvents.resourceId, done.sessionId),
      ),
    );
  assert.ok(audited.length >= 1, 'the read is audited');
});

test('a coordinator reads the record without the ledger; a researcher gets nothing', async () => {
  const coordinator = await signIn(t.app, { role: 'coordinator', clinicId: team.clinicId });
  const r = await record(coordinator, done.sessionId);
  assert.equal(r.ledger, null, 'no ledger.read: no ledger entries');
  assert.ok(r.transitions.length > 0, 'the transitions are there');
  const researcher = await signIn(t.app, { role: 'researcher', clinicId: team.clinicId });
  const refused = await call(t.app, researcher, 'GET', `/sessions/${done.sessionId}/record`);
  assert.equal(refused.statusCode, 403, refused.body);
});

test('a double-check round waiting for its second entry stays blind in the record', async () => {
  const fx = await scheduledSession(t.app, team);
  expectStatus(await step(t.app, team.coordinator, fx.sessionId, 'check-in'), 200, 'check-in');
  expectStatus(
    await step(t.app, team.nurse, fx.sessionId, 'complete-prechecks', { facts: PRECHECK_FACTS }),
    200,
    'prechecks',
  );
  expectStatus(
    await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/double-check`, {
      id: randomUUID(),
      concentrationMgPerMl: 1,
      rateMlPerH: 24.5,
    }),
    202,
    'first entry',
  );
  const r = await record(team.prescriber, fx.sessionId);
  assert.deepEqual(r.doubleCheck, [], 'the first entry alone is never returned');
  assert.deepEqual(r.ledger, [], 'nothing drawn yet');
});
