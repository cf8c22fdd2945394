/**
 * Infusion sessions through the API: every transition of core's state machine allowed and refused,
 * the guards' 422 evidence, the protocol's minimum observation before discharge (409 naming the rule), optimistic concurrency, the blind independent double check (T-37) and the
 * role rules (coordinator checks in but never does the clinical steps; researcher nothing).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import {
  call,
  consentFor,
  expectStatus,
  passTime,
  PRECHECK_FACTS,
  runningSession,
  scheduledSession,
  step,
} from './fixtures.test-support.ts';

let t: TestApp;
let team: Team;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
});
after(() => t.close());

const codeOf = (body: string): string => (JSON.parse(body) as { code?: string }).code ?? '';

describe('state machine through the API', () => {
  test('a session runs from check-in to discharge; every transition is audited', async () => {
    const fx = await scheduledSession(t.app, team);
    await runningSession(t.app, team, fx);
    for (const event of ['pause', 'resume', 'stop', 'begin-recovery'] as const) {
      const response = await step(t.app, team.nurse, fx.sessionId, event);
      assert.equal(response.statusCode, 200, `${event}: ${response.body}`);
    }
    const early = await step(t.app, team.nurse, fx.sessionId, 'discharge', {
      assessment: { total: 10 },
    });
    assert.equal(early.statusCode, 409, `discharge at 0 min must be refused: ${early.body}`);
    assert.equal(codeOf(early.body), 'session.discharge-observation-incomplete');
    const problem = early.json<{ detail: string; field: string; evidence: unknown }>();
    assert.equal(problem.field, 'body.event');
    assert.match(
      problem.detail,
      /discharge\.minObservationMin of crps-outpatient-schwartzman@1\.0\.0: at least 60 min/,
    );
    assert.deepEqual(
      (problem.evidence as { observation: { source: unknown } }).observation.source,
      { id: 'crps-outpatient-schwartzman', version: '1.0.0' },
      'the evidence names the rule source',
    );
    await passTime(t, team, 59);
    const stillEarly = await step(t.app, team.nurse, fx.sessionId, 'discharge', {
      assessment: { total: 10 },
    });
    assert.equal(stillEarly.statusCode, 409, `discharge at 59 min: ${stillEarly.body}`);
    await passTime(t, team, 1);
    const low = await step(t.app, team.nurse, fx.sessionId, 'discharge', {
      assessment: { total: 8 },
    });
    assert.equal(low.statusCode, 422, `Aldrete 8 must be refused: ${low.body}`);
    assert.equal(codeOf(low.body), 'session.discharge-criteria-not-met');
    assert.ok(JSON.stringify(low.json()).includes('evidence'), 'the refusal carries evidence');
    const done = await step(t.app, team.nurse, fx.sessionId, 'discharge', {
      assessment: { total: 9 },
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json<{ state: string }>().state, 'discharged');
    assert.deepEqual(done.json<{ allowedEvents: string[] }>().allowedEvents, []);
    const stored = await t.database.pool.query<{ evidence: { guard: { observation: unknown } } }>(
      "SELECT evidence FROM session_transitions WHERE session_id = $1 AND event = 'discharge'",
      [fx.sessionId],
    );
    assert.equal(
      (stored.rows[0]?.evidence.guard.observation as { observedMin: number }).observedMin,
      60,
      'the transition stores the observation evidence',
    );
    const refusals = await t.database.pool.query<{ code: string }>(
      `SELECT detail->>'code' AS code FROM audit_events
        WHERE resource_id = $1 AND action = 'session.discharge' AND outcome = 'failure'
        ORDER BY occurred_at`,
      [fx.sessionId],
    );
    assert.deepEqual(
      refusals.rows.map((r) => r.code),
      [
        'session.discharge-observation-incomplete',
        'session.discharge-observation-incomplete',
        'session.discharge-criteria-not-met',
      ],
      'every refused discharge is audited',
    );
    const audit = await t.database.pool.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE resource_id = $1 AND outcome = 'success' ORDER BY seq`,
      [fx.sessionId],
    );
    const actions = audit.rows.map((r) => r.action);
    for (const action of [
      'session.check-in',
      'session.complete-prechecks',
      'session.record-double-check',
      'session.start',
      'session.pause',
      'session.resume',
      'session.stop',
      'session.begin-recovery',
      'session.discharge',
    ]) {
      assert.ok(actions.includes(action), `audit trail lacks ${action}: ${actions.join(', ')}`);
    }
  });

  test('an event not allowed in the current state answers 409 session.illegal-transition', async () => {
    const fx = await scheduledSession(t.app, team);
    for (const event of [
      'start',
      'pause',
      'resume',
      'stop',
      'begin-recovery',
      'transfer',
    ] as const) {
      const response = await step(
        t.app,
        team.nurse,
        fx.sessionId,
        event,
        event === 'transfer' ? { reason: 'ED' } : {},
      );
      assert.equal(response.statusCode, 409, `${event} from scheduled: ${response.body}`);
      assert.equal(codeOf(response.body), 'session.illegal-transition');
    }
    const discharge = await step(t.app, team.nurse, fx.sessionId, 'discharge', {
      assessment: { total: 10 },
    });
    assert.equal(discharge.statusCode, 409, discharge.body);
  });

  test('a stale version answers 409 and changes nothing', async () => {
    const fx = await scheduledSession(t.app, team);
    const response = await call(
      t.app,
      team.coordinator,
      'POST',
      `/sessions/${fx.sessionId}/transitions`,
      { id: randomUUID(), version: 7, event: 'check-in' },
    );
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(codeOf(response.body), 'session.version-conflict');
    const session = await call(t.app, team.nurse, 'GET', `/sessions/${fx.sessionId}`);
    assert.equal(session.json<{ state: string }>().state, 'scheduled');
  });

  test('a retried transition (same id, same body) is applied once', async () => {
    const fx = await scheduledSession(t.app, team);
    const body = { id: randomUUID(), version: 1, event: 'check-in' };
    const first = await call(
      t.app,
      team.coordinator,
      'POST',
      `/sessions/${fx.sessionId}/transitions`,
      body,
    );
    const again = await call(
      t.app,
      team.coordinator,
      'POST',
      `/sessions/${fx.sessionId}/transitions`,
      body,
    );
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(
      again.json<{ version: number }>().version,
      2,
      'the replay did not move the session again',
    );
    const reused = await call(
      t.app,
      team.coordinator,
      'POST',
      `/sessions/${fx.sessionId}/transitions`,
      { ...body, event: 'cancel', reason: 'x' },
    );
    assert.equal(reused.statusCode, 409, reused.body);
    assert.equal(codeOf(reused.body), 'idempotency.key-reused');
  });

  test('pre-infusion checks refuse missing consent, unconfirmed fasting and baseline vitals outside the protocol, with evidence', async () => {
    const fx = await scheduledSession(t.app, team, { consent: false });
    expectStatus(await step(t.app, team.coordinator, fx.sessionId, 'check-in'), 200, 'check-in');
    const response = await step(t.app, team.nurse, fx.sessionId, 'complete-prechecks', {
      facts: {
        ...PRECHECK_FACTS,
        fastingConfirmed: null,
        baselineVitals: { ...PRECHECK_FACTS.baselineVitals, systolicBpMmHg: 190 },
      },
    });
    assert.equal(response.statusCode, 422, response.body);
    assert.equal(codeOf(response.body), 'session.prechecks-not-met');
    const evidence = response.json<{
      evidence: { failedChecks: { check: string; status: string }[] };
    }>().evidence;
    const failed = evidence.failedChecks.map((c) => `${c.check}:${c.status}`).sort();
    assert.deepEqual(failed, [
      'baseline.systolicBpMmHg:unmet',
      'consent-current:unmet',
      'fasting:unknown',
    ]);
    const session = await call(t.app, team.nurse, 'GET', `/sessions/${fx.sessionId}`);
    assert.equal(session.json<{ state: string }>().state, 'checked-in', 'nothing moved');
  });

  test('a revoked consent is not current: the consent feature decides (consent/currency.ts)', async () => {
    const fx = await scheduledSession(t.app, team, { consent: false });
    const consentId = await consentFor(t.app, team, fx.patientId);
    const revoked = await call(t.app, team.nurse, 'POST', `/consents/${consentId}/revoke`, {
      id: randomUUID(),
      reason: 'Patient withdrew consent.',
    });
    assert.equal(revoked.statusCode, 201, revoked.body);
    expectStatus(await step(t.app, team.coordinator, fx.sessionId, 'check-in'), 200, 'check-in');
    const refused = await step(t.app, team.nurse, fx.sessionId, 'complete-prechecks', {
      facts: PRECHECK_FACTS,
    });
    assert.equal(refused.statusCode, 422, refused.body);
    const failed = refused
      .json<{ evidence: { failedChecks: { check: string }[] } }>()
      .evidence.failedChecks.map((c) => c.check);
    assert.deepEqual(failed, ['consent-current'], 'only the consent check fails');
    await consentFor(t.app, team, fx.patientId);
    const passed = await step(t.app, team.nurse, fx.sessionId, 'complete-prechecks', {
      facts: PRECHECK_FACTS,
    });
    assert.equal(passed.statusCode, 200, `a new consent makes it current: ${passed.body}`);
  });

  test('a patient recorded male at birth needs no pregnancy test; others do', async () => {
    const fx = await scheduledSession(t.app, team);
    expectStatus(await step(t.app, team.coordinator, fx.sessionId, 'check-in'), 200, 'check-in');
    const response = await step(t.app, team.nurse, fx.sessionId, 'complete-prechecks', {
      facts: { ...PRECHECK_FACTS, pregnancyTest: 'not-done' },
    });
    assert.equal(
      response.statusCode,
      422,
      `female fixture without a test must be refused: ${response.body}`,
    );
  });
});

describe('role rules', () => {
  test('a coordinator checks in and cancels but cannot do the clinical steps; a researcher can do nothing', async () => {
    const fx = await scheduledSession(t.app, team);
    const researcherRead = await call(t.app, team.researcher, 'GET', `/sessions/${fx.sessionId}`);
    assert.equal(researcherRead.statusCode, 403, researcherRead.body);
    const researcherCheckIn = await call(
      t.app,
      team.researcher,
      'POST',
      `/sessions/${fx.sessionId}/transitions`,
      { id: randomUUID(), version: 1, event: 'check-in' },
    );
    assert.equal(researcherCheckIn.statusCode, 403, researcherCheckIn.body);
    const offers = async (who: typeof team.nurse) => {
      const view = await call(t.app, who, 'GET', `/sessions/${fx.sessionId}`);
      return view.json<{ offeredEvents: string[]; offersDoubleCheck: boolean }>();
    };
    assert.deepEqual((await offers(team.coordinator)).offeredEvents.sort(), ['cancel', 'check-in']);
    expectStatus(await step(t.app, team.coordinator, fx.sessionId, 'check-in'), 200, 'check-in');
    // The screen's offers follow what the server refuses: complete-prechecks is not offered to the
    // coordinator, and her attempt is refused; the nurse is offered it.
    assert.deepEqual((await offers(team.coordinator)).offeredEvents, ['cancel']);
    assert.deepEqual((await offers(team.nurse)).offeredEvents.sort(), [
      'cancel',
      'complete-prechecks',
    ]);
    const prechecks = await step(t.app, team.coordinator, fx.sessionId, 'complete-prechecks', {
      facts: PRECHECK_FACTS,
    });
    assert.equal(prechecks.statusCode, 403, prechecks.body);
    const chart = await call(t.app, team.coordinator, 'POST', `/sessions/${fx.sessionId}/chart`, {
      id: randomUUID(),
      kind: 'note',
      occurredAt: new Date(Date.now() - 1000).toISOString(),
      text: 'Coordinator note',
    });
    assert.equal(chart.statusCode, 403, chart.body);
    const cancel = await step(t.app, team.coordinator, fx.sessionId, 'cancel', {
      reason: 'Patient unwell',
    });
    assert.equal(cancel.statusCode, 200, cancel.body);
  });
});

describe('independent double check (T-37)', () => {
  const prepared = async () => {
    const fx = await scheduledSession(t.app, team);
    expectStatus(await step(t.app, team.coordinator, fx.sessionId, 'check-in'), 200, 'check-in');
    expectStatus(
      await step(t.app, team.nurse, fx.sessionId, 'complete-prechecks', { facts: PRECHECK_FACTS }),
      200,
      'prechecks',
    );
    const view = (await call(t.app, team.nurse, 'GET', `/sessions/${fx.sessionId}`)).json<{
      order: { concentrationMgPerMl: number; rateMlPerH: number };
      offersDoubleCheck: boolean;
    }>();
    assert.ok(view.offersDoubleCheck, 'the nurse is offered the double check');
    const coordinatorView = await call(t.app, team.coordinator, 'GET', `/sessions/${fx.sessionId}`);
    assert.equal(coordinatorView.json<{ offersDoubleCheck: boolean }>().offersDoubleCheck, false);
    return { fx, order: view.order };
  };

  test('the first entry is never returned before the second is in', async () => {
    const { fx, order } = await prepared();
    const distinctive = {
      concentrationMgPerMl: order.concentrationMgPerMl,
      rateMlPerH: order.rateMlPerH,
    };
    const first = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/double-check`, {
      id: randomUUID(),
      ...distinctive,
    });
    assert.equal(first.statusCode, 202, first.body);
    const body = first.json<Record<string, unknown>>();
    assert.equal(body.status, 'awaiting-second');
    assert.equal(body.fields, undefined, 'no comparison before the second entry');
    for (const who of [team.nurse, team.prescriber, team.coordinator]) {
      const view = await call(t.app, who, 'GET', `/sessions/${fx.sessionId}`);
      const doubleCheck = view.json<{ doubleCheck: Record<string, unknown> }>().doubleCheck;
      assert.deepEqual(
        Object.keys(doubleCheck).sort(),
        ['complete', 'firstEnteredBy', 'round'],
        'only progress, never values',
      );
      const chart = await call(t.app, who, 'GET', `/sessions/${fx.sessionId}/chart`);
      assert.ok(!chart.body.includes('double-check'), 'the chart shows no double-check entry');
    }
  });

  test('one person cannot make both entries', async () => {
    const { fx, order } = await prepared();
    const entry = {
      concentrationMgPerMl: order.concentrationMgPerMl,
      rateMlPerH: order.rateMlPerH,
    };
    expectStatus(
      await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/double-check`, {
        id: randomUUID(),
        ...entry,
      }),
      202,
      'first',
    );
    const same = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/double-check`, {
      id: randomUUID(),
      ...entry,
    });
    assert.equal(same.statusCode, 422, same.body);
    assert.equal(codeOf(same.body), 'double-check.same-user');
    const session = await call(t.app, team.nurse, 'GET', `/sessions/${fx.sessionId}`);
    assert.equal(session.json<{ state: string }>().state, 'prechecks-done');
  });

  test('a disagreement above 1 % blocks and reveals both entries; at 1 % it passes', async () => {
    const { fx, order } = await prepared();
    const rate = order.rateMlPerH;
    expectStatus(
      await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/double-check`, {
        id: randomUUID(),
        concentrationMgPerMl: 1,
        rateMlPerH: rate,
      }),
      202,
      'first',
    );
    // 1.1 % above: blocked (the "ten-fold and decimal" class of error is far larger still).
    const off = Math.round(rate * 1.011 * 10) / 10;
    assert.ok(
      (off - rate) / off > 0.01,
      `fixture: ${off} must differ from ${rate} by more than 1 %`,
    );
    const second = await call(
      t.app,
      team.prescriber,
      'POST',
      `/sessions/${fx.sessionId}/double-check`,
      { id: randomUUID(), concentrationMgPerMl: 1, rateMlPerH: off },
    );
    assert.equal(second.statusCode, 422, second.body);
    assert.equal(codeOf(second.body), 'double-check.disagreement');
    const evidence = second.json<{
      evidence: { first: { rateMlPerH: number }; second: { rateMlPerH: number } };
    }>().evidence;
    assert.equal(evidence.first.rateMlPerH, rate);
    assert.equal(evidence.second.rateMlPerH, off);
    // New round: both agree exactly with the order.
    expectStatus(
      await call(t.app, team.prescriber, 'POST', `/sessions/${fx.sessionId}/double-check`, {
        id: randomUUID(),
        concentrationMgPerMl: 1,
        rateMlPerH: rate,
      }),
      202,
      'round 2 first',
    );
    const agreed = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/double-check`, {
      id: randomUUID(),
      concentrationMgPerMl: 1,
      rateMlPerH: rate,
    });
    assert.equal(agreed.statusCode, 200, agreed.body);
    assert.equal(agreed.json<{ round: number }>().round, 2);
    assert.equal(agreed.json<{ session: { state: string } }>().session.state, 'double-checked');
  });

  test('two clinicians who agree with each other but not with the signed order are blocked', async () => {
    const { fx, order } = await prepared();
    const wrong = { concentrationMgPerMl: 1, rateMlPerH: order.rateMlPerH * 2 };
    expectStatus(
      await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/double-check`, {
        id: randomUUID(),
        ...wrong,
      }),
      202,
      'first',
    );
    const second = await call(
      t.app,
      team.prescriber,
      'POST',
      `/sessions/${fx.sessionId}/double-check`,
      { id: randomUUID(), ...wrong },
    );
    assert.equal(second.statusCode, 422, second.body);
    assert.equal(codeOf(second.body), 'double-check.order-mismatch');
  });

  test('starting without a double check is an illegal transition', async () => {
    const { fx } = await prepared();
    const start = await step(t.app, team.nurse, fx.sessionId, 'start');
    assert.equal(start.statusCode, 409, start.body);
  });
});
