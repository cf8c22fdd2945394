/**
 * Rate changes and the protocol's caps on a running session, through the API.
 * crps-outpatient-schwartzman@1.0.0 at 70 kg: 24.5 mg/h (0.35 mg/kg/h) for 240 min = 98 mg, session
 * cap 100 mg (reached after about 245 min at that rate), stop rule sbp-high > 180 mmHg → pause.
 * - an increase is refused (409, naming the alarm) while an alarm is unacknowledged; a decrease is not;
 * - once the planned time is over a lower rate can still be charted (no "minutes remaining" error);
 * - a rate change that keeps the rate once the session cap is passed is a hard stop listing what was
 *   given (safety-security.md d-3, core's checkRateChange);
 * - the first chart write once the total given reached the session cap raises a session-cap alarm,
 *   once; a lower rate is still accepted then, a resume that would run on past the cap is not.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { protocolOf } from './protocol-rules.ts';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import {
  call,
  expectStatus,
  NORMAL_VITALS,
  passTime,
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

const PROTOCOL = protocolOf({ id: 'crps-outpatient-schwartzman', version: '1.0.0' });

/** A session started a minute ago (chart entries are timed a second before the clock). */
const running = async (): Promise<string> => {
  const fx = await scheduledSession(t.app, team);
  await runningSession(t.app, team, fx);
  t.advanceClock(60_000);
  return fx.sessionId;
};
/** A second before the application clock (the server refuses entries dated after it). */
const justNow = (): string => new Date(t.app.clock.now().getTime() - 1_000).toISOString();
const chart = (sessionId: string, body: Record<string, unknown>): Promise<LightMyRequestResponse> =>
  call(t.app, team.nurse, 'POST', `/sessions/${sessionId}/chart`, {
    id: randomUUID(),
    occurredAt: justNow(),
    ...body,
  });
const rateTo = (sessionId: string, mgPerH: number): Promise<LightMyRequestResponse> =>
  chart(sessionId, {
    kind: 'rate-change',
    newRate: { value: mgPerH, unit: 'mg/h' },
    reason: 'Titration',
  });
const problem = (r: LightMyRequestResponse) =>
  r.json<{ code: string; field?: string; detail: string; evidence?: unknown }>();
const stored = async (sessionId: string, kind: string): Promise<number> =>
  (
    await t.database.pool.query('SELECT 1 FROM chart_entries WHERE session_id = $1 AND kind = $2', [
      sessionId,
      kind,
    ])
  ).rowCount ?? 0;
const failureAudits = async (sessionId: string, code: string): Promise<number> =>
  (
    await t.database.pool.query(
      `SELECT 1 FROM audit_events WHERE resource_id = $1 AND action = 'chart.rate-change'
        AND outcome = 'failure' AND detail->>'code' = $2`,
      [sessionId, code],
    )
  ).rowCount ?? 0;

test('an unacknowledged stop-rule alarm refuses an increase (409 naming it); a decrease is charted; after the ack an increase is', async () => {
  const sessionId = await running();
  const high = await chart(sessionId, {
    kind: 'vitals',
    vitals: { ...NORMAL_VITALS, systolicBpMmHg: 181 },
  });
  assert.equal(high.statusCode, 201, high.body);
  const [alarm] = high.json<{ alarms: { id: string; ruleId: string }[] }>().alarms;
  assert.equal(alarm?.ruleId, 'sbp-high');

  const up = await rateTo(sessionId, 24.8);
  assert.equal(up.statusCode, 409, up.body);
  assert.equal(problem(up).code, 'rate-change.alarm-unacknowledged');
  assert.equal(problem(up).field, 'body.newRate.value');
  assert.match(problem(up).detail, /sbp-high/);
  assert.deepEqual(
    (problem(up).evidence as { alarms: { id: string }[] }).alarms.map((a) => a.id),
    [alarm.id],
    'the evidence names the alarm',
  );
  assert.equal(await stored(sessionId, 'rate-change'), 0, 'nothing charted');
  assert.equal(
    await failureAudits(sessionId, 'rate-change.alarm-unacknowledged'),
    1,
    'the refusal is audited',
  );

  const down = await rateTo(sessionId, 14);
  assert.equal(down.statusCode, 201, down.body);
  const ack = await chart(sessionId, {
    kind: 'alarm-ack',
    alarmId: alarm.id,
    action: 'Paused briefly, BP rechecked 150/80; prescriber informed.',
  });
  assert.equal(ack.statusCode, 201, ack.body);
  const upAfterAck = await rateTo(sessionId, 20);
  assert.equal(upAfterAck.statusCode, 201, upAfterAck.body);
});

test('after the planned time: a lower rate is charted; the same rate past the session cap is a hard stop; the cap raises one alarm', async () => {
  const sessionId = await running();
  const { sessionMaxMg } = PROTOCOL.caps;
  // 242 min at 24.5 mg/h ≈ 98.8 mg: past the 240 planned minutes, still under the cap.
  await passTime(t, team, 242);
  const lower = await rateTo(sessionId, 14);
  assert.equal(lower.statusCode, 201, lower.body);
  assert.equal(
    lower.json<{ entry: { payload: { rateMgPerH: number } } }>().entry.payload.rateMgPerH,
    14,
  );

  // 8 more minutes at 14 mg/h ≈ +1.9 mg: the session cap is passed.
  await passTime(t, team, 8);
  const same = await rateTo(sessionId, 14);
  assert.equal(same.statusCode, 422, same.body);
  const refused = problem(same);
  assert.equal(refused.code, 'rate-change.blocked');
  assert.equal(refused.field, 'body.newRate.value', 'a field of the request');
  assert.match(refused.detail, /mg already given this session/, 'lists what was given');
  const evidence = refused.evidence as {
    findings: { code: string }[];
    limitsApplied: { name: string; limit: number; actual: number; outcome: string }[];
  };
  assert.ok(evidence.findings.some((f) => f.code === 'dose.cap-reached'));
  const sessionCap = evidence.limitsApplied.find((l) => l.name === 'caps.sessionMaxMg');
  assert.ok(sessionCap !== undefined, 'the session cap was applied');
  assert.equal(sessionCap.limit, sessionMaxMg);
  assert.ok(sessionCap.actual > sessionMaxMg, 'given so far is above the cap');
  assert.equal(sessionCap.outcome, 'blocked');
  assert.equal(await failureAudits(sessionId, 'rate-change.blocked'), 1, 'audited');

  const vitals = await chart(sessionId, { kind: 'vitals', vitals: NORMAL_VITALS });
  assert.equal(vitals.statusCode, 201, vitals.body);
  const raised = vitals.json<{
    alarms: { id: string; ruleId: string; threshold: number; value: number; action: string }[];
  }>().alarms;
  assert.equal(raised.length, 1, JSON.stringify(raised));
  const [cap] = raised;
  assert.equal(cap?.ruleId, 'session-cap');
  assert.equal(cap.threshold, sessionMaxMg);
  assert.ok(cap.value >= sessionMaxMg, 'the total given at the write');
  assert.equal(cap.action, 'stop');
  const view = await call(t.app, team.nurse, 'GET', `/sessions/${sessionId}/chart`);
  assert.ok(
    view.json<{ activeAlarms: { id: string }[] }>().activeAlarms.some((a) => a.id === cap.id),
    'the cap alarm is active on the chart',
  );
  const again = await chart(sessionId, { kind: 'note', text: 'Pump being stopped.' });
  assert.equal(again.statusCode, 201, again.body);
  assert.deepEqual(again.json<{ alarms: unknown[] }>().alarms, [], 'raised once');

  const increase = await rateTo(sessionId, 16);
  assert.equal(increase.statusCode, 409, increase.body);
  assert.equal(problem(increase).code, 'rate-change.alarm-unacknowledged');
  const lowerStill = await rateTo(sessionId, 10);
  assert.equal(lowerStill.statusCode, 201, lowerStill.body);

  // Acknowledged and paused: resuming would run on past the cap, so it is refused.
  const ack = await chart(sessionId, {
    kind: 'alarm-ack',
    alarmId: cap.id,
    action: 'Prescriber informed; stopping the infusion.',
  });
  assert.equal(ack.statusCode, 201, ack.body);
  expectStatus(await step(t.app, team.nurse, sessionId, 'pause'), 200, 'pause');
  const resume = await step(t.app, team.nurse, sessionId, 'resume');
  assert.equal(resume.statusCode, 422, resume.body);
  assert.equal(problem(resume).code, 'session.cap-exceeded');
  const given = (problem(resume).evidence as { givenMg: { session: number } }).givenMg;
  assert.ok(given.session > sessionMaxMg, 'the refusal lists what was given');
  const state = await call(t.app, team.nurse, 'GET', `/sessions/${sessionId}`);
  assert.equal(state.json<{ state: string }>().state, 'paused', 'nothing changed');
  expectStatus(await step(t.app, team.nurse, sessionId, 'stop'), 200, 'stop is never refused');
});
