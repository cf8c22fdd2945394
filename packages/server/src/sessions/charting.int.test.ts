/**
 * Charting through the API: idempotent writes by client id (T-1/T-7: same id twice → one row; same id
 * with another body → 409), stop-rule alarms raised on the write that crosses a threshold and
 * acknowledged with an action, rate changes re-checked by core's guardrails, role rules, and the chart
 * data (cumulative dose, prompts, predicted concentration).
 * Thresholds: crps-outpatient-schwartzman@1.0.0 (sbp-high > 180 mmHg → pause; hourly cap 25 mg/h).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import {
  call,
  NORMAL_VITALS,
  runningSession,
  scheduledSession,
  type SessionFixture,
} from './fixtures.test-support.ts';

let t: TestApp;
let team: Team;
let fx: SessionFixture;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
  fx = await scheduledSession(t.app, team);
  await runningSession(t.app, team, fx);
});
after(() => t.close());

const justNow = (): string => new Date(Date.now() - 50).toISOString();
const codeOf = (body: string): string => (JSON.parse(body) as { code?: string }).code ?? '';
const rows = async (id: string): Promise<number> =>
  (await t.database.pool.query('SELECT 1 FROM chart_entries WHERE id = $1', [id])).rowCount ?? 0;

describe('idempotent chart writes', () => {
  test('the same id twice stores one row and answers the original; another body with it is 409', async () => {
    const body = { id: randomUUID(), kind: 'vitals', occurredAt: justNow(), vitals: NORMAL_VITALS };
    const first = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, body);
    const again = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, body);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json<{ created: boolean }>().created, false);
    assert.deepEqual(
      again.json<{ entry: unknown }>().entry,
      first.json<{ entry: unknown }>().entry,
    );
    assert.equal(await rows(body.id), 1, 'exactly one row');
    const changed = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, {
      ...body,
      vitals: { ...NORMAL_VITALS, heartRateBpm: 90 },
    });
    assert.equal(changed.statusCode, 409, changed.body);
    assert.equal(codeOf(changed.body), 'idempotency.key-reused');
  });

  test('concurrent retries of one entry still store exactly one row', async () => {
    const body = { id: randomUUID(), kind: 'note', occurredAt: justNow(), text: 'Resting.' };
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, body),
      ),
    );
    for (const r of responses)
      assert.ok(
        [200, 201, 409].includes(r.statusCode),
        `unexpected ${String(r.statusCode)} ${r.body}`,
      );
    assert.ok(
      responses.some((r) => r.statusCode === 201),
      'one write was accepted',
    );
    assert.equal(await rows(body.id), 1, 'exactly one row');
  });

  test('implausible vitals are rejected naming the field, never stored', async () => {
    const body = {
      id: randomUUID(),
      kind: 'vitals',
      occurredAt: justNow(),
      vitals: { ...NORMAL_VITALS, heartRateBpm: 720 },
    };
    const response = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, body);
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json<{ field: string }>().field, 'body.vitals.heartRateBpm');
    assert.equal(await rows(body.id), 0);
  });

  test('a number the screen could not read (sent as null) is refused as not a plain number, naming the field', async () => {
    const body = {
      id: randomUUID(),
      kind: 'vitals',
      occurredAt: justNow(),
      vitals: { ...NORMAL_VITALS, systolicBpMmHg: null },
    };
    const response = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, body);
    assert.equal(response.statusCode, 400, response.body);
    const problem = response.json<{ field: string; detail: string }>();
    assert.equal(problem.field, 'body.vitals.systolicBpMmHg');
    assert.match(problem.detail, /^body\.vitals\.systolicBpMmHg is not a plain number/);
    assert.equal(await rows(body.id), 0);
  });

  test('an entry dated after the server clock is refused', async () => {
    const response = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, {
      id: randomUUID(),
      kind: 'note',
      occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
      text: 'From the future',
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(codeOf(response.body), 'chart.occurred-in-future');
  });
});

describe('stop-rule alarms', () => {
  test('systolic 181 raises the sbp-high alarm on that write; it stays active until acknowledged with an action', async () => {
    const response = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, {
      id: randomUUID(),
      kind: 'vitals',
      occurredAt: justNow(),
      vitals: { ...NORMAL_VITALS, systolicBpMmHg: 181 },
    });
    assert.equal(response.statusCode, 201, response.body);
    const alarms = response.json<{
      alarms: { id: string; ruleId: string; action: string; value: number }[];
    }>().alarms;
    assert.equal(alarms.length, 1, JSON.stringify(alarms));
    const [alarm] = alarms;
    assert.ok(alarm !== undefined, 'an alarm was raised');
    assert.equal(alarm.ruleId, 'sbp-high');
    assert.equal(alarm.value, 181);
    assert.equal(alarm.action, 'pause');
    const chart = await call(t.app, team.nurse, 'GET', `/sessions/${fx.sessionId}/chart`);
    const active = chart.json<{ activeAlarms: { id: string }[] }>().activeAlarms.map((a) => a.id);
    assert.ok(active.includes(alarm.id), 'the alarm is active');
    const coordinatorAck = await call(
      t.app,
      team.coordinator,
      'POST',
      `/sessions/${fx.sessionId}/chart`,
      {
        id: randomUUID(),
        kind: 'alarm-ack',
        occurredAt: justNow(),
        alarmId: alarm.id,
        action: 'Paused',
      },
    );
    assert.equal(coordinatorAck.statusCode, 403, coordinatorAck.body);
    const ack = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, {
      id: randomUUID(),
      kind: 'alarm-ack',
      occurredAt: justNow(),
      alarmId: alarm.id,
      action: 'Paused the pump; prescriber informed.',
    });
    assert.equal(ack.statusCode, 201, ack.body);
    const twice = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, {
      id: randomUUID(),
      kind: 'alarm-ack',
      occurredAt: justNow(),
      alarmId: alarm.id,
      action: 'Again',
    });
    assert.equal(twice.statusCode, 409, twice.body);
    const after = await call(t.app, team.nurse, 'GET', `/sessions/${fx.sessionId}/chart`);
    assert.ok(
      !after.json<{ activeAlarms: { id: string }[] }>().activeAlarms.some((a) => a.id === alarm.id),
      'acknowledged',
    );
  });

  test('systolic exactly 180 does not cross "above 180"', async () => {
    const response = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, {
      id: randomUUID(),
      kind: 'vitals',
      occurredAt: justNow(),
      vitals: { ...NORMAL_VITALS, systolicBpMmHg: 180 },
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.deepEqual(response.json<{ alarms: unknown[] }>().alarms, []);
  });
});

describe('rate changes and the chart', () => {
  test('a rate above the protocol hourly cap is blocked with the guardrail evidence; a lower one is charted', async () => {
    const blocked = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, {
      id: randomUUID(),
      kind: 'rate-change',
      occurredAt: justNow(),
      newRate: { value: 30, unit: 'mg/h' },
      reason: 'More pain',
    });
    assert.equal(blocked.statusCode, 422, blocked.body);
    assert.ok(blocked.body.includes('limitsApplied'), 'evidence lists the limits checked');
    const lower = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, {
      id: randomUUID(),
      kind: 'rate-change',
      occurredAt: justNow(),
      newRate: { value: 14, unit: 'mg/h' },
      reason: 'Dizziness',
    });
    assert.equal(lower.statusCode, 201, lower.body);
    const payload = lower.json<{ entry: { payload: { rateMgPerH: number; rateMlPerH: number } } }>()
      .entry.payload;
    assert.equal(payload.rateMgPerH, 14);
    assert.equal(payload.rateMlPerH, 14, '1 mg/mL bag: mL/h equals mg/h');
    const chart = await call(t.app, team.nurse, 'GET', `/sessions/${fx.sessionId}/chart`);
    const data = chart.json<{
      cumulative: { currentRateMgPerH: number; administeredMg: number };
      predicted: { points: unknown[]; model: { id: string } | null };
      prompts: { item: string }[];
    }>();
    assert.equal(data.cumulative.currentRateMgPerH, 14);
    assert.ok(data.cumulative.administeredMg > 0, 'some ketamine was given since the start');
    assert.ok(
      data.predicted.model !== null && data.predicted.points.length > 0,
      'a predicted concentration curve',
    );
    assert.deepEqual(
      data.prompts.map((p) => p.item),
      ['vitals', 'sedation', 'pain', 'dissociation'],
    );
  });

  test('a researcher sees nothing of the chart', async () => {
    const response = await call(t.app, team.researcher, 'GET', `/sessions/${fx.sessionId}/chart`);
    assert.equal(response.statusCode, 403, response.body);
  });
});
