/**
 * Server guards of session transitions through the API (transition-guards.ts) and the audit of
 * refused transitions (transition-refusal.ts): a replaced order, a revoked consent, a later "not
 * eligible" decision and an unacknowledged stop-rule alarm each refuse with 409 naming why, nothing
 * moves, and every refusal, thrown or returned, leaves a failure audit event.
 * Thresholds: crps-outpatient-schwartzman@1.0.0 (sbp-high > 180 mmHg → pause).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import {
  addChair,
  call,
  consentFor,
  expectStatus,
  NORMAL_VITALS,
  PRECHECK_FACTS,
  runningSession,
  scheduledSession,
  sessionRequest,
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
const justNow = (): string => new Date(Date.now() - 50).toISOString();

/** Check-in, pre-checks and the double check: the session is ready to start. */
async function doubleChecked(fx: SessionFixture): Promise<void> {
  expectStatus(await step(t.app, team.coordinator, fx.sessionId, 'check-in'), 200, 'check-in');
  expectStatus(
    await step(t.app, team.nurse, fx.sessionId, 'complete-prechecks', { facts: PRECHECK_FACTS }),
    200,
    'prechecks',
  );
  const session = await call(t.app, team.nurse, 'GET', `/sessions/${fx.sessionId}`);
  const order = session.json<{ order: { concentrationMgPerMl: number; rateMlPerH: number } }>()
    .order;
  for (const [who, status] of [
    [team.nurse, 202],
    [team.prescriber, 200],
  ] as const) {
    expectStatus(
      await call(t.app, who, 'POST', `/sessions/${fx.sessionId}/double-check`, {
        id: randomUUID(),
        concentrationMgPerMl: order.concentrationMgPerMl,
        rateMlPerH: order.rateMlPerH,
      }),
      status,
      'double check',
    );
  }
}

const stateOf = async (sessionId: string): Promise<string> =>
  (await call(t.app, team.nurse, 'GET', `/sessions/${sessionId}`)).json<{ state: string }>().state;

/** The failure audit events of a session: `action code from`. */
async function failuresOf(sessionId: string): Promise<string[]> {
  const { rows } = await t.database.pool.query<{ line: string }>(
    `SELECT action || ' ' || (detail->>'code') || ' ' || coalesce(detail->>'from', '-') AS line
       FROM audit_events WHERE resource_id = $1 AND outcome = 'failure' ORDER BY seq`,
    [sessionId],
  );
  return rows.map((r) => r.line);
}

function assertRefused(response: { statusCode: number; body: string }, code: string): void {
  assert.equal(response.statusCode, 409, response.body);
  assert.equal(codeOf(response.body), code, response.body);
  assert.equal((JSON.parse(response.body) as { field?: string }).field, 'body.event');
}

describe('the order a session delivers', () => {
  test('an order replaced after scheduling cannot be started; re-scheduling binds the new version', async () => {
    const fx = await scheduledSession(t.app, team);
    await doubleChecked(fx);
    const v2 = await call(t.app, team.prescriber, 'POST', `/courses/${fx.courseId}/orders`, {
      id: randomUUID(),
      sessionNumber: 1,
      concentration: { mgPerMl: 1, source: 'library' },
      orderedDose: { value: 0.3, unit: 'mg/kg/h' },
      supersedesOrderId: fx.orderId,
      changeReason: 'Nausea last time; lower dose.',
    });
    expectStatus(v2, 201, 'order version 2');
    const refused = await step(t.app, team.nurse, fx.sessionId, 'start');
    assertRefused(refused, 'session.order-replaced');
    assert.match(refused.body, /order version 1, but version 2 has replaced it/);
    assert.match(refused.body, /Cancel this session and schedule it again/);
    assert.equal(await stateOf(fx.sessionId), 'double-checked', 'nothing moved');
    assert.deepEqual(await failuresOf(fx.sessionId), [
      'session.start session.order-replaced double-checked',
    ]);

    expectStatus(
      await step(t.app, team.coordinator, fx.sessionId, 'cancel', { reason: 'Order changed.' }),
      200,
      'cancel',
    );
    const again = await call(
      t.app,
      team.coordinator,
      'POST',
      '/sessions',
      sessionRequest(fx, fx.chairId, t.app.clock.now()),
    );
    expectStatus(again, 201, 're-schedule');
    const order = again.json<{ order: { id: string; version: number } }>().order;
    assert.deepEqual(order, { ...order, id: v2.json<{ id: string }>().id, version: 2 });
  });
});

describe('consent at the pump', () => {
  test('consent revoked after the pre-checks refuses start and resume until a new one is recorded', async () => {
    const fx = await scheduledSession(t.app, team, { consent: false });
    const consentId = await consentFor(t.app, team, fx.patientId);
    await doubleChecked(fx);
    const revoke = async (id: string) => {
      expectStatus(
        await call(t.app, team.nurse, 'POST', `/consents/${id}/revoke`, {
          id: randomUUID(),
          reason: 'Patient withdrew consent.',
        }),
        201,
        'revoke',
      );
    };
    await revoke(consentId);
    const start = await step(t.app, team.nurse, fx.sessionId, 'start');
    assertRefused(start, 'session.consent-not-current');
    assert.match(start.body, /The consent to the current text was revoked/);
    assert.equal(await stateOf(fx.sessionId), 'double-checked');

    const renewed = await consentFor(t.app, team, fx.patientId);
    expectStatus(await step(t.app, team.nurse, fx.sessionId, 'start'), 200, 'start');
    expectStatus(await step(t.app, team.nurse, fx.sessionId, 'pause'), 200, 'pause');
    await revoke(renewed);
    assertRefused(
      await step(t.app, team.nurse, fx.sessionId, 'resume'),
      'session.consent-not-current',
    );
    assert.equal(await stateOf(fx.sessionId), 'paused');
    expectStatus(await step(t.app, team.nurse, fx.sessionId, 'stop'), 200, 'stop stays allowed');
    assert.deepEqual(await failuresOf(fx.sessionId), [
      'session.start session.consent-not-current double-checked',
      'session.resume session.consent-not-current paused',
    ]);
  });
});

describe('a later screening decision', () => {
  test('"not eligible" signed after the course refuses start and scheduling, naming why', async () => {
    const fx = await scheduledSession(t.app, team);
    await doubleChecked(fx);
    const screening = await call(
      t.app,
      team.prescriber,
      'GET',
      `/patients/${fx.patientId}/screening`,
    );
    expectStatus(
      await call(t.app, team.prescriber, 'POST', `/patients/${fx.patientId}/screening/decisions`, {
        id: randomUUID(),
        intakeVersion: screening.json<{ intakeVersion: number }>().intakeVersion,
        decision: 'not-eligible',
        reason: 'New cardiac history reported by the cardiologist.',
      }),
      201,
      'not-eligible decision',
    );
    const start = await step(t.app, team.nurse, fx.sessionId, 'start');
    assertRefused(start, 'session.patient-not-eligible');
    assert.match(start.body, /latest signed screening decision .* is not eligible/);
    assert.equal(await stateOf(fx.sessionId), 'double-checked');
    assert.deepEqual(await failuresOf(fx.sessionId), [
      'session.start session.patient-not-eligible double-checked',
    ]);

    const request = sessionRequest(
      fx,
      await addChair(t.app, team),
      new Date(t.app.clock.now().getTime() + 86_400_000),
    );
    const booking = await call(t.app, team.coordinator, 'POST', '/sessions', request);
    assert.equal(booking.statusCode, 409, booking.body);
    assert.equal(codeOf(booking.body), 'session.patient-not-eligible');
    assert.equal(booking.json<{ field: string }>().field, 'body.patientId');
    assert.deepEqual(await failuresOf(request.id), [
      'session.schedule session.patient-not-eligible -',
    ]);
    const stored = await t.database.pool.query('SELECT 1 FROM infusion_sessions WHERE id = $1', [
      request.id,
    ]);
    assert.equal(stored.rowCount, 0, 'the refused session was not written');
  });
});

describe('an unacknowledged stop-rule alarm', () => {
  const chart = (sessionId: string, body: Record<string, unknown>) =>
    call(t.app, team.nurse, 'POST', `/sessions/${sessionId}/chart`, {
      id: randomUUID(),
      occurredAt: justNow(),
      ...body,
    });
  const raiseAlarm = async (sessionId: string): Promise<string> => {
    const response = await chart(sessionId, {
      kind: 'vitals',
      vitals: { ...NORMAL_VITALS, systolicBpMmHg: 181 },
    });
    expectStatus(response, 201, 'alarming vitals');
    const [alarm] = response.json<{ alarms: { id: string }[] }>().alarms;
    assert.ok(alarm !== undefined, 'an alarm was raised');
    return alarm.id;
  };
  const acknowledge = async (sessionId: string, alarmId: string) => {
    expectStatus(
      await chart(sessionId, { kind: 'alarm-ack', alarmId, action: 'Paused; prescriber told.' }),
      201,
      'ack',
    );
  };

  test('refuses resume and discharge until acknowledged; pause, stop and recovery stay allowed', async () => {
    const fx = await scheduledSession(t.app, team);
    await runningSession(t.app, team, fx);
    const first = await raiseAlarm(fx.sessionId);
    expectStatus(await step(t.app, team.nurse, fx.sessionId, 'pause'), 200, 'pause is allowed');
    const resume = await step(t.app, team.nurse, fx.sessionId, 'resume');
    assertRefused(resume, 'session.alarm-unacknowledged');
    assert.match(resume.body, /sbp-high \(systolicBpMmHg 181 above 180, action pause/);
    assert.match(
      resume.body,
      /Acknowledge it on the chart with the action taken before you resume/,
    );
    assert.equal(await stateOf(fx.sessionId), 'paused');
    await acknowledge(fx.sessionId, first);
    expectStatus(await step(t.app, team.nurse, fx.sessionId, 'resume'), 200, 'resume after ack');

    const second = await raiseAlarm(fx.sessionId);
    expectStatus(await step(t.app, team.nurse, fx.sessionId, 'stop'), 200, 'stop is allowed');
    expectStatus(
      await step(t.app, team.nurse, fx.sessionId, 'begin-recovery'),
      200,
      'recovery is allowed',
    );
    const discharge = await step(t.app, team.nurse, fx.sessionId, 'discharge', {
      assessment: { total: 10 },
    });
    assertRefused(discharge, 'session.alarm-unacknowledged');
    await acknowledge(fx.sessionId, second);
    const early = await step(t.app, team.nurse, fx.sessionId, 'discharge', {
      assessment: { total: 10 },
    });
    assert.equal(
      codeOf(early.body),
      'session.discharge-observation-incomplete',
      `after the ack only the observation time holds the discharge: ${early.body}`,
    );
    assert.deepEqual(await failuresOf(fx.sessionId), [
      'session.resume session.alarm-unacknowledged paused',
      'session.discharge session.alarm-unacknowledged recovery',
      'session.discharge session.discharge-observation-incomplete recovery',
    ]);
  });
});

describe('thrown refusals are audited', () => {
  test('an illegal event and a stale version each leave a failure event although nothing is written', async () => {
    const fx = await scheduledSession(t.app, team);
    const illegal = await step(t.app, team.nurse, fx.sessionId, 'start');
    assert.equal(illegal.statusCode, 409, illegal.body);
    assert.equal(codeOf(illegal.body), 'session.illegal-transition');
    const stale = await call(
      t.app,
      team.coordinator,
      'POST',
      `/sessions/${fx.sessionId}/transitions`,
      {
        id: randomUUID(),
        version: 7,
        event: 'check-in',
      },
    );
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(codeOf(stale.body), 'session.version-conflict');
    assert.deepEqual(await failuresOf(fx.sessionId), [
      'session.start session.illegal-transition scheduled',
      'session.check-in session.version-conflict scheduled',
    ]);
    const { rows } = await t.database.pool.query<{
      patient_id: string;
      user_id: string;
      keys: string[];
    }>(
      `SELECT patient_id, user_id, ARRAY(SELECT jsonb_object_keys(detail) ORDER BY 1) AS keys
         FROM audit_events WHERE resource_id = $1 AND outcome = 'failure' ORDER BY seq`,
      [fx.sessionId],
    );
    assert.deepEqual(
      rows,
      [
        { patient_id: fx.patientId, user_id: team.nurse.userId, keys: ['code', 'from'] },
        { patient_id: fx.patientId, user_id: team.coordinator.userId, keys: ['code', 'from'] },
      ],
      'the refused user and patient are recorded; the detail holds only the code and the state',
    );
    assert.equal(await stateOf(fx.sessionId), 'scheduled');
  });
});
