/**
 * The independent double check of a rate increase at or above the soft limit (safety-security.md
 * T-37, d-3): without it the change is refused (409 naming body.doubleCheck); the charting nurse
 * cannot check their own change; a blind re-entry that disagrees beyond the policy's tolerance
 * (independent-double-check@0.1.0, 1 %) blocks; an agreeing one is stored with both users, both
 * entries, the comparison and the policy, and audited naming both. Increases below the soft limit
 * and decreases are charted as before.
 * Limits: crps-outpatient-schwartzman@1.0.0 (softMax 0.4 mg/kg/h, hourly cap 25 mg/h); the patient
 * weighs 50 kg, so the order runs 17.5 mg/h and 20 mg/h is the soft limit (1 mg/mL bag).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import {
  signIn,
  startTestApp,
  TEST_PASSWORD,
  type SignedIn,
  type TestApp,
} from '../testing/harness.ts';
import { call, runningSession, scheduledSession } from './fixtures.test-support.ts';

let t: TestApp;
let team: Team;
let nurse2: SignedIn;
let owner: pg.Client;
let sessionId: string;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
  nurse2 = await signIn(t.app, { role: 'nurse', clinicId: team.clinicId });
  owner = new pg.Client({ connectionString: t.database.adminUrl });
  await owner.connect();
  const fixture = await scheduledSession(t.app, team, { weightKg: 50 });
  await runningSession(t.app, team, fixture);
  sessionId = fixture.sessionId;
});
after(async () => {
  await owner.end();
  await t.close();
});

// The app's clock: a change can be charted right after the start without preceding it.
const justNow = (): string => t.app.clock.now().toISOString();
const problem = (body: string) =>
  JSON.parse(body) as { code?: string; field?: string; evidence?: Record<string, unknown> };
const stored = async (id: string): Promise<number> =>
  (await t.database.pool.query('SELECT 1 FROM chart_entries WHERE id = $1', [id])).rowCount ?? 0;

const rateChange = (mgPerH: number, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  kind: 'rate-change',
  occurredAt: justNow(),
  newRate: { value: mgPerH, unit: 'mg/h' },
  reason: 'Pain not controlled',
  ...extra,
});

const checkedBy = (
  who: SignedIn,
  rate: { value: number; unit: string },
  concentrationMgPerMl = 1,
) => ({
  checker: { email: who.email, password: TEST_PASSWORD },
  rate,
  concentrationMgPerMl,
});

const chart = (who: SignedIn, body: unknown) =>
  call(t.app, who, 'POST', `/sessions/${sessionId}/chart`, body);

async function auditOf(
  entryCode: string,
): Promise<{ user_id: string; detail: Record<string, unknown> }[]> {
  const { rows } = await owner.query<{ user_id: string; detail: Record<string, unknown> }>(
    `SELECT user_id, detail FROM audit_events
      WHERE action = 'chart.rate-change' AND resource_id = $1 AND detail->>'code' = $2`,
    [sessionId, entryCode],
  );
  return rows;
}

describe('double check of a rate increase at the soft limit', () => {
  test('an increase below the soft limit needs no double check', async () => {
    const response = await chart(team.nurse, rateChange(19));
    assert.equal(response.statusCode, 201, response.body);
    const payload = response.json<{ entry: { payload: Record<string, unknown> } }>().entry.payload;
    assert.equal(payload.doubleCheck, undefined);
  });

  test('with only an override reason it is refused naming body.doubleCheck, audited, not stored', async () => {
    const body = rateChange(22, { overrideReason: 'Severe breakthrough pain' });
    const response = await chart(team.nurse, body);
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(problem(response.body).code, 'rate-change.double-check-required');
    assert.equal(problem(response.body).field, 'body.doubleCheck');
    assert.equal(await stored(body.id), 0);
    assert.equal((await auditOf('rate-change.double-check-required')).length, 1);
  });

  test('the charting nurse cannot double-check their own change', async () => {
    const body = rateChange(22, {
      overrideReason: 'Severe breakthrough pain',
      doubleCheck: checkedBy(team.nurse, { value: 22, unit: 'mg/h' }),
    });
    const response = await chart(team.nurse, body);
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(problem(response.body).code, 'rate-change.self-witness');
    assert.equal(problem(response.body).field, 'body.doubleCheck.checker');
    assert.equal(await stored(body.id), 0);
    const { rows } = await owner.query(
      "SELECT 1 FROM audit_events WHERE action = 'rate-change.self-witness-refused' AND resource_id = $1",
      [team.nurse.userId],
    );
    assert.equal(rows.length, 1, 'the refusal is audited');
  });

  test('a coordinator cannot be the second clinician', async () => {
    const response = await chart(
      team.nurse,
      rateChange(22, {
        overrideReason: 'Severe breakthrough pain',
        doubleCheck: checkedBy(team.coordinator, { value: 22, unit: 'mg/h' }),
      }),
    );
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(problem(response.body).code, 'rate-change.witness-not-authenticated');
  });

  test('a blind re-entry that disagrees beyond 1 % blocks, shows both entries, stores nothing', async () => {
    const body = rateChange(22, {
      overrideReason: 'Severe breakthrough pain',
      doubleCheck: checkedBy(nurse2, { value: 24, unit: 'mg/h' }),
    });
    const response = await chart(team.nurse, body);
    assert.equal(response.statusCode, 422, response.body);
    const p = problem(response.body);
    assert.equal(p.code, 'rate-change.double-check.disagreement');
    assert.equal(p.field, 'body.doubleCheck.rate.value');
    const evidence = p.evidence ?? {};
    assert.equal(evidence.policy, 'independent-double-check@0.1.0');
    assert.deepEqual(
      [evidence.first, evidence.second].map((e) => (e as { rateMlPerH: number }).rateMlPerH),
      [22, 24],
      'both entries, side by side, now that both were submitted',
    );
    assert.equal(await stored(body.id), 0);
    const audited = await auditOf('rate-change.double-check.disagreement');
    assert.equal(audited.length, 1);
    const [event] = audited;
    assert.ok(event !== undefined);
    assert.equal(event.user_id, team.nurse.userId);
    assert.equal(event.detail.doubleCheckedBy, nurse2.userId);
  });

  test('a wrong bag concentration in the re-entry blocks naming it', async () => {
    const response = await chart(
      team.nurse,
      rateChange(22, {
        overrideReason: 'Severe breakthrough pain',
        doubleCheck: checkedBy(nurse2, { value: 22, unit: 'mg/h' }, 10),
      }),
    );
    assert.equal(response.statusCode, 422, response.body);
    assert.equal(problem(response.body).field, 'body.doubleCheck.concentrationMgPerMl');
  });

  test('an agreeing re-entry (in mL/h) is stored with both users, both entries and the policy', async () => {
    const body = rateChange(22, {
      overrideReason: 'Severe breakthrough pain',
      doubleCheck: checkedBy(nurse2, { value: 22, unit: 'mL/h' }),
    });
    const response = await chart(team.nurse, body);
    assert.equal(response.statusCode, 201, response.body);
    const entry = response.json<{
      entry: { recordedBy: string; payload: { doubleCheck: Record<string, unknown> } };
    }>().entry;
    assert.equal(entry.recordedBy, team.nurse.userId);
    const dc = entry.payload.doubleCheck;
    assert.equal(dc.checkerUserId, nurse2.userId);
    // The checker has no authenticator app: T-37 asks none (a ledger witness needs one, T-44).
    assert.equal(nurse2.mfaSecret, null);
    assert.equal(dc.secondFactor, false);
    assert.equal(dc.policy, 'independent-double-check@0.1.0');
    assert.deepEqual(dc.entered, { rate: { value: 22, unit: 'mL/h' }, concentrationMgPerMl: 1 });
    assert.equal((dc.first as { userId: string }).userId, team.nurse.userId);
    assert.ok(
      (dc.comparison as { agrees: boolean }[]).every((f) => f.agrees),
      'every compared field agrees',
    );
    assert.ok(!JSON.stringify(entry).includes(TEST_PASSWORD), 'no password is stored');
    const { rows } = await owner.query<{ user_id: string; detail: Record<string, unknown> }>(
      "SELECT user_id, detail FROM audit_events WHERE action = 'chart.rate-change' AND detail->>'entryId' = $1",
      [body.id],
    );
    const [event] = rows;
    assert.ok(event !== undefined, 'the write is audited');
    assert.equal(event.user_id, team.nurse.userId, 'the charting nurse is the actor');
    assert.equal(event.detail.doubleCheckedBy, nurse2.userId, 'the checker is named');
    const again = await chart(team.nurse, body);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(await stored(body.id), 1);
  });

  test('a decrease still above the soft limit needs no double check', async () => {
    const response = await chart(
      team.nurse,
      rateChange(21, { overrideReason: 'Settling down slowly' }),
    );
    assert.equal(response.statusCode, 201, response.body);
    const payload = response.json<{ entry: { payload: Record<string, unknown> } }>().entry.payload;
    assert.equal(payload.direction, 'decrease');
    assert.equal(payload.doubleCheck, undefined);
  });
});
