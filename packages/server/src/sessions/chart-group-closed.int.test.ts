/**
 * A session closed between the chart group's two statements (chart-group-statements.ts): the store
 * re-checks the session's state under a share lock, so nothing lands on a discharged or transferred
 * chart — whether the closing transition committed before the store ran, or held the session while
 * the store waited for it. Through the service, such a write takes the single path and is refused 409.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { Scope } from '../access/scope.ts';
import { chainOnto, type AuditContext } from '../audit/append.ts';
import { auditChainHeads, auditEvents } from '../audit/schema.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError } from '../http/errors.ts';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import { GROUP_AUDIT_CHAIN, openGroup, storeGroup } from './chart-group-statements.ts';
import { writeChartEntry } from './charting-service.ts';
import {
  expectStatus,
  NORMAL_VITALS,
  runningSession,
  scheduledSession,
  step,
  vitalsRow,
} from './fixtures.test-support.ts';
import { storeWaitsForALock } from './group-store-wait.test-support.ts';
import { chartEntries } from './schema.ts';

let t: TestApp;
let team: Team;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
});
after(() => t.close());

const running = async (): Promise<string> => {
  const fx = await scheduledSession(t.app, team);
  await runningSession(t.app, team, fx);
  return fx.sessionId;
};

const context: AuditContext = {
  userId: null,
  role: 'nurse',
  clinicId: null,
  sourceIp: '127.0.0.1',
  requestId: 'req-closed',
};
const eventsFor = (ids: readonly string[]) =>
  ids.map((id) => ({
    context,
    event: {
      action: 'chart.vitals',
      resourceType: 'chart_entry',
      resourceId: id,
      outcome: 'success' as const,
    },
  }));
const groupHead = async () => {
  const [head] = await t.database.db
    .select()
    .from(auditChainHeads)
    .where(eq(auditChainHeads.chain, GROUP_AUDIT_CHAIN));
  assert.ok(head !== undefined, 'the group chain has a head row');
  return head;
};
const storedRows = async (ids: readonly string[]) =>
  (
    await t.database.db
      .select()
      .from(chartEntries)
      .where(inArray(chartEntries.id, [...ids]))
  ).length;
const storedEvents = async (ids: readonly string[]) =>
  (
    await t.database.db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(inArray(auditEvents.resourceId, [...ids]))
  ).length;

/** Opens a group of one vitals row for `sessionId`, as the group commit does before it stores. */
async function openedGroupOf(sessionId: string) {
  const row = vitalsRow(team, sessionId, { vitals: NORMAL_VITALS });
  const opening = await openGroup(t.database.db, [sessionId], [row.id]);
  assert.equal(opening.targets[0]?.session.state, 'running', 'open reads a chartable session');
  assert.ok(opening.head !== undefined, 'open read the chain head');
  return { row, audit: chainOnto(opening.head, eventsFor([row.id])) };
}

test('a session transferred after the group was opened: the store writes nothing', async () => {
  const sessionId = await running();
  const { row, audit } = await openedGroupOf(sessionId);
  expectStatus(await step(t.app, team.nurse, sessionId, 'stop'), 200, 'stop');
  expectStatus(
    await step(t.app, team.nurse, sessionId, 'transfer', {
      reason: 'Sent on to the emergency department.',
    }),
    200,
    'transfer',
  );
  const headBefore = await groupHead();

  const stored = await storeGroup(t.database.db, [row], audit);
  assert.deepEqual(stored, [], 'no rows back: the group is read again');
  assert.equal(await storedRows([row.id]), 0, 'nothing lands on the transferred chart');
  assert.equal(await storedEvents([row.id]), 0, 'no audit event is written');
  assert.deepEqual(await groupHead(), headBefore, 'the head did not move');
});

test('one closed session of two: nothing of the group is written', async () => {
  const open = await running();
  const closing = await running();
  const keep = vitalsRow(team, open, { vitals: NORMAL_VITALS });
  const lost = vitalsRow(team, closing, { vitals: NORMAL_VITALS });
  const opening = await openGroup(t.database.db, [open, closing], [keep.id, lost.id]);
  assert.ok(opening.head !== undefined, 'open read the chain head');
  expectStatus(await step(t.app, team.nurse, closing, 'stop'), 200, 'stop');
  expectStatus(
    await step(t.app, team.nurse, closing, 'transfer', {
      reason: 'Sent on to the emergency department.',
    }),
    200,
    'transfer',
  );
  const stored = await storeGroup(
    t.database.db,
    [keep, lost],
    chainOnto(opening.head, eventsFor([keep.id, lost.id])),
  );
  assert.deepEqual(stored, [], 'all or nothing');
  assert.equal(await storedRows([keep.id, lost.id]), 0, 'neither entry is stored');
});

test('a transition holding the session while the store waits, then closing it: the store writes nothing', async (ctx) => {
  const sessionId = await running();
  const { row, audit } = await openedGroupOf(sessionId);
  const admin = new pg.Client({ connectionString: t.database.adminUrl });
  await admin.connect();
  ctx.after(() => admin.end());
  let store: Promise<unknown> | undefined;
  // What a transition does: lock the session, change its state, commit.
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM infusion_sessions WHERE id = ${sessionId} FOR UPDATE`);
    store = storeGroup(t.database.db, [row], audit);
    await storeWaitsForALock(admin);
    await tx.execute(
      sql`UPDATE infusion_sessions SET state = 'transferred', version = version + 1 WHERE id = ${sessionId}`,
    );
  });
  assert.deepEqual(await store, [], 'the store saw the committed state and wrote nothing');
  assert.equal(await storedRows([row.id]), 0, 'nothing lands on the closed chart');
});

test('through the service: a write racing the close is refused 409 and not stored', async (ctx) => {
  const sessionId = await running();
  const admin = new pg.Client({ connectionString: t.database.adminUrl });
  await admin.connect();
  ctx.after(() => admin.end());
  const service: ServiceContext = {
    db: t.database.db,
    scope: new Scope({
      userId: team.nurse.userId,
      role: 'nurse',
      clinicId: team.clinicId,
      patientId: null,
    }),
    audit: { ...context, userId: team.nurse.userId, clinicId: team.clinicId },
  };
  const id = randomUUID();
  let answer: Promise<unknown> | undefined;
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM infusion_sessions WHERE id = ${sessionId} FOR UPDATE`);
    answer = writeChartEntry(
      service,
      sessionId,
      {
        id,
        kind: 'vitals',
        occurredAt: new Date(Date.now() - 1_000).toISOString(),
        vitals: NORMAL_VITALS,
      },
      new Date(),
    );
    await storeWaitsForALock(admin);
    await tx.execute(
      sql`UPDATE infusion_sessions SET state = 'transferred', version = version + 1 WHERE id = ${sessionId}`,
    );
  });
  await assert.rejects(
    answer ?? Promise.resolve(),
    (error: unknown) =>
      error instanceof DomainError &&
      error.status === 409 &&
      error.code === 'session.not-chartable',
    'the single path answers 409',
  );
  assert.equal(await storedRows([id]), 0, 'nothing lands on the closed chart');
});
