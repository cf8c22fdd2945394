/**
 * Due and overdue prompts for the bedside assessments (issue 4 item 4): on a running session the
 * chart data prompts sedation, pain and dissociation at the protocol's assessment intervals, not
 * only the vitals. Vitals charted alone leave the three assessments due; a vitals set carrying
 * MOAA/S and pain NRS clears sedation and pain; a dissociation entry clears dissociation. Every
 * prompt names the protocol and grace policy (id@version) its times came from.
 * Intervals and grace: crps-outpatient-schwartzman@1.0.0 monitoring (15 min each, clinic default)
 * and charting-prompts@0.1.0 (5 min), read through core, not written here.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { defaultChartingPromptPolicy } from '@ketaflow/core';
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
} from './fixtures.test-support.ts';

let t: TestApp;
let team: Team;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
});
after(() => t.close());

const PROTOCOL = protocolOf({ id: 'crps-outpatient-schwartzman', version: '1.0.0' });
const GRACE_MIN = defaultChartingPromptPolicy.overdueGraceMin;

interface Prompt {
  item: string;
  status: string;
  sources: { id: string; version: string }[];
}

/** A second before the application clock (the server refuses entries dated after it). */
const justNow = (): string => new Date(t.app.clock.now().getTime() - 1_000).toISOString();

const chart = async (sessionId: string, body: Record<string, unknown>): Promise<void> => {
  const response = await call(t.app, team.nurse, 'POST', `/sessions/${sessionId}/chart`, {
    id: randomUUID(),
    occurredAt: justNow(),
    ...body,
  });
  expectStatus(response, 201, `chart ${String(body.kind)}`);
};

/** Each prompt's status by item. */
const statuses = async (sessionId: string): Promise<Record<string, string>> => {
  const response = await call(t.app, team.nurse, 'GET', `/sessions/${sessionId}/chart`);
  expectStatus(response, 200, 'chart data');
  const prompts = response.json<{ prompts: Prompt[] }>().prompts;
  return Object.fromEntries(prompts.map((p) => [p.item, p.status]));
};

test('every assessment the protocol schedules is prompted, naming its knowledge', async () => {
  const fx = await scheduledSession(t.app, team);
  await runningSession(t.app, team, fx);
  const response = await call(t.app, team.nurse, 'GET', `/sessions/${fx.sessionId}/chart`);
  const prompts = response.json<{ prompts: Prompt[] }>().prompts;
  assert.deepEqual(
    prompts.map((p) => p.item),
    ['vitals', ...PROTOCOL.monitoring.assessments.map((a) => a.item)],
  );
  assert.deepEqual(
    PROTOCOL.monitoring.assessments.map((a) => a.item),
    ['sedation', 'pain', 'dissociation'],
    'the shipped protocol schedules all three',
  );
  for (const p of prompts) {
    assert.deepEqual(
      p.sources,
      [{ id: 'crps-outpatient-schwartzman', version: '1.0.0' }, defaultChartingPromptPolicy.source],
      p.item,
    );
  }
});

test('vitals alone leave sedation, pain and dissociation due; charting the scores clears them', async () => {
  const fx = await scheduledSession(t.app, team);
  await runningSession(t.app, team, fx);
  const longest = Math.max(...PROTOCOL.monitoring.assessments.map((a) => a.intervalMin));
  // Past every assessment's due time, still inside the grace before overdue.
  assert.ok(GRACE_MIN >= 2, 'the grace leaves room to be due but not overdue');
  await passTime(t, team, longest + 1);

  await chart(fx.sessionId, { kind: 'vitals', vitals: NORMAL_VITALS });
  assert.deepEqual(await statuses(fx.sessionId), {
    vitals: 'not-due',
    sedation: 'due',
    pain: 'due',
    dissociation: 'due',
  });

  // A vitals set carrying MOAA/S and pain NRS charts both scores at once.
  await chart(fx.sessionId, {
    kind: 'vitals',
    vitals: { ...NORMAL_VITALS, moaas: 5, painNrs: 3 },
  });
  assert.deepEqual(await statuses(fx.sessionId), {
    vitals: 'not-due',
    sedation: 'not-due',
    pain: 'not-due',
    dissociation: 'due',
  });

  await chart(fx.sessionId, { kind: 'dissociation', present: false });
  assert.deepEqual(await statuses(fx.sessionId), {
    vitals: 'not-due',
    sedation: 'not-due',
    pain: 'not-due',
    dissociation: 'not-due',
  });
});

test('a RASS entry and a pain entry of their own clear sedation and pain; left alone they go overdue', async () => {
  const fx = await scheduledSession(t.app, team);
  await runningSession(t.app, team, fx);
  const longest = Math.max(...PROTOCOL.monitoring.assessments.map((a) => a.intervalMin));
  await passTime(t, team, longest + GRACE_MIN);
  await chart(fx.sessionId, { kind: 'vitals', vitals: NORMAL_VITALS });
  assert.deepEqual(await statuses(fx.sessionId), {
    vitals: 'not-due',
    sedation: 'overdue',
    pain: 'overdue',
    dissociation: 'overdue',
  });
  await chart(fx.sessionId, { kind: 'sedation', scale: 'rass', score: 0 });
  await chart(fx.sessionId, { kind: 'pain', painNrs: 4 });
  assert.deepEqual(await statuses(fx.sessionId), {
    vitals: 'not-due',
    sedation: 'not-due',
    pain: 'not-due',
    dissociation: 'overdue',
  });
});
