/**
 * The independent double check (T-37) records which knowledge decided it: the agreeing round's
 * transition stores the tolerance policy's id@version (independent-double-check, core's default)
 * with the comparison of the two entries and of each against the signed order; a disagreement's
 * evidence names the policy too.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { defaultDoubleCheckPolicy, formatRef } from '@ketaflow/core';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import {
  call,
  expectStatus,
  PRECHECK_FACTS,
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

const POLICY = formatRef(defaultDoubleCheckPolicy.source);

interface FieldComparison {
  field: string;
  relativeDifference: number;
  agrees: boolean;
}

test('the double check stores the policy id@version and every comparison it made', async () => {
  const fx = await scheduledSession(t.app, team);
  expectStatus(await step(t.app, team.coordinator, fx.sessionId, 'check-in'), 200, 'check-in');
  expectStatus(
    await step(t.app, team.nurse, fx.sessionId, 'complete-prechecks', { facts: PRECHECK_FACTS }),
    200,
    'prechecks',
  );
  const session = await call(t.app, team.nurse, 'GET', `/sessions/${fx.sessionId}`);
  const order = session.json<{ order: { concentrationMgPerMl: number; rateMlPerH: number } }>()
    .order;
  const entry = { concentrationMgPerMl: order.concentrationMgPerMl, rateMlPerH: order.rateMlPerH };
  const check = (who: Team['nurse'], body: Record<string, unknown>) =>
    call(t.app, who, 'POST', `/sessions/${fx.sessionId}/double-check`, {
      id: randomUUID(),
      ...body,
    });

  // Round 1: the second entry is 10 % off; the refusal names the policy it applied.
  expectStatus(await check(team.nurse, entry), 202, 'first entry');
  const off = await check(team.prescriber, { ...entry, rateMlPerH: order.rateMlPerH * 1.1 });
  assert.equal(off.statusCode, 422, off.body);
  assert.equal(off.json<{ evidence: { policy: string } }>().evidence.policy, POLICY);

  // Round 2: both agree with each other and with the order.
  expectStatus(await check(team.nurse, entry), 202, 'first entry of round 2');
  expectStatus(await check(team.prescriber, entry), 200, 'second entry of round 2');

  const stored = await t.database.pool.query<{
    evidence: {
      policy: string;
      maxRelativeDifference: number;
      fields: FieldComparison[];
      againstOrder: FieldComparison[][];
    };
  }>(
    `SELECT evidence FROM session_transitions
      WHERE session_id = $1 AND event = 'record-double-check'`,
    [fx.sessionId],
  );
  const [row] = stored.rows;
  assert.ok(row !== undefined, 'the double check moved the session');
  const evidence = row.evidence;
  assert.equal(evidence.policy, POLICY, 'the knowledge id@version used');
  assert.equal(evidence.maxRelativeDifference, defaultDoubleCheckPolicy.maxRelativeDifference);
  assert.deepEqual(
    evidence.fields.map((f) => [f.field, f.agrees]),
    [
      ['concentrationMgPerMl', true],
      ['rateMlPerH', true],
    ],
    'the two entries compared field by field',
  );
  assert.equal(evidence.againstOrder.length, 2, 'each entry against the signed order');
  for (const comparison of evidence.againstOrder) {
    assert.ok(
      comparison.length > 0 && comparison.every((f) => f.agrees && f.relativeDifference === 0),
    );
  }
  const audited = await t.database.pool.query<{ policy: string }>(
    `SELECT detail->>'policy' AS policy FROM audit_events
      WHERE resource_id = $1 AND action = 'session.record-double-check' AND outcome = 'success'`,
    [fx.sessionId],
  );
  assert.deepEqual(audited.rows, [{ policy: POLICY }], 'the audit event names it too');
});
