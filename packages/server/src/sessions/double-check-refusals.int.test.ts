/**
 * Refusals of the independent double check through the API (double-check-service.ts): a double check
 * against an order a newer signed version has replaced is refused (the pump would be checked against
 * the wrong order, safety-security.md d-4), and one clinician making both entries is refused (T-37);
 * both leave a failure audit event, though the second is thrown and rolls its transaction back.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import {
  call,
  expectStatus,
  PRECHECK_FACTS,
  scheduledSession,
  step,
  type SessionFixture,
} from './fixtures.test-support.ts';

let t: TestApp;
let team: Team;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
});
after(() => t.close());

const codeOf = (body: string): string => (JSON.parse(body) as { code?: string }).code ?? '';

/** A session checked in with its pre-infusion checks done, and the pump settings its order gives. */
async function readyForDoubleCheck(): Promise<{
  fx: SessionFixture;
  pump: { concentrationMgPerMl: number; rateMlPerH: number };
}> {
  const fx = await scheduledSession(t.app, team);
  expectStatus(await step(t.app, team.coordinator, fx.sessionId, 'check-in'), 200, 'check-in');
  expectStatus(
    await step(t.app, team.nurse, fx.sessionId, 'complete-prechecks', { facts: PRECHECK_FACTS }),
    200,
    'prechecks',
  );
  const session = await call(t.app, team.nurse, 'GET', `/sessions/${fx.sessionId}`);
  const { order } = session.json<{
    order: { concentrationMgPerMl: number; rateMlPerH: number };
  }>();
  return {
    fx,
    pump: { concentrationMgPerMl: order.concentrationMgPerMl, rateMlPerH: order.rateMlPerH },
  };
}

const doubleCheck = (
  who: Team['nurse'],
  fx: SessionFixture,
  pump: { concentrationMgPerMl: number; rateMlPerH: number },
) =>
  call(t.app, who, 'POST', `/sessions/${fx.sessionId}/double-check`, { id: randomUUID(), ...pump });

/** The failure audit events of a session: `action code`. */
async function failuresOf(sessionId: string): Promise<string[]> {
  const { rows } = await t.database.pool.query<{ line: string }>(
    `SELECT action || ' ' || (detail->>'code') AS line
       FROM audit_events WHERE resource_id = $1 AND outcome = 'failure' ORDER BY seq`,
    [sessionId],
  );
  return rows.map((r) => r.line);
}

test('a double check against an order that a newer version has replaced is refused and audited', async () => {
  const { fx, pump } = await readyForDoubleCheck();
  const v2 = await call(t.app, team.prescriber, 'POST', `/courses/${fx.courseId}/orders`, {
    id: randomUUID(),
    sessionNumber: 1,
    concentration: { mgPerMl: 1, source: 'library' },
    orderedDose: { value: 0.3, unit: 'mg/kg/h' },
    supersedesOrderId: fx.orderId,
    changeReason: 'Nausea last time; lower dose.',
  });
  expectStatus(v2, 201, 'order version 2');

  const refused = await doubleCheck(team.nurse, fx, pump);
  assert.equal(refused.statusCode, 409, refused.body);
  assert.equal(codeOf(refused.body), 'session.order-replaced');
  assert.match(refused.body, /cannot take a double check on a replaced order/);
  const { rows } = await t.database.pool.query(
    'SELECT 1 FROM double_check_entries WHERE session_id = $1',
    [fx.sessionId],
  );
  assert.equal(rows.length, 0, 'no entry was stored');
  assert.deepEqual(await failuresOf(fx.sessionId), [
    'session.record-double-check session.order-replaced',
  ]);
});

test('one clinician making both entries is refused, and the refusal is audited', async () => {
  const { fx, pump } = await readyForDoubleCheck();
  expectStatus(await doubleCheck(team.nurse, fx, pump), 202, 'first entry');
  const same = await doubleCheck(team.nurse, fx, pump);
  assert.equal(same.statusCode, 422, same.body);
  assert.equal(codeOf(same.body), 'double-check.same-user');
  assert.deepEqual(await failuresOf(fx.sessionId), [
    'session.record-double-check double-check.same-user',
  ]);
});
