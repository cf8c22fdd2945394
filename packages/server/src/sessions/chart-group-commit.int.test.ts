/**
 * Group commit of chart writes (chart-group-commit.ts) on a real database. The writes are started in
 * one synchronous loop, so the first takes a transaction alone and all others wait for it and form
 * the next group (checked: their rows carry one transaction id, xmin). In that group: duplicates of
 * one id with the same body (replays), one with another body (409), an implausible entry (400), one
 * for a session that does not exist (404), and alarming vitals (sbp-high > 180 mmHg of
 * crps-outpatient-schwartzman@1.0.0). Each gets its own answer; every id is stored once, with one
 * alarm per alarming write and one audit event per stored entry carrying its own request id.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { ChartEntryRequest } from '@ketaflow/contract';
import { Scope } from '../access/scope.ts';
import { assertAuditTrailVerifies } from '../audit/assert-verified.test-support.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError } from '../http/errors.ts';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import { chainOnto } from '../audit/append.ts';
import { GROUP_AUDIT_CHAIN, storeGroup } from './chart-group-statements.ts';
import { writeChartEntry } from './charting-service.ts';
import { storeWaitsForALock } from './group-store-wait.test-support.ts';
import {
  NORMAL_VITALS,
  runningSession,
  scheduledSession,
  vitalsRow,
} from './fixtures.test-support.ts';

let t: TestApp;
let team: Team;
let sessionId: string;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
  const fx = await scheduledSession(t.app, team);
  await runningSession(t.app, team, fx);
  sessionId = fx.sessionId;
});
after(() => t.close());

const contextFor = (requestId: string): ServiceContext => ({
  db: t.database.db,
  scope: new Scope({
    userId: team.nurse.userId,
    role: 'nurse',
    clinicId: team.clinicId,
    patientId: null,
  }),
  audit: {
    userId: team.nurse.userId,
    role: 'nurse',
    clinicId: team.clinicId,
    sourceIp: '127.0.0.1',
    requestId,
  },
});

type VitalsEntry = Extract<ChartEntryRequest, { kind: 'vitals' }>;
const vitals = (systolicBpMmHg: number, id = randomUUID()): VitalsEntry => ({
  id,
  kind: 'vitals',
  occurredAt: new Date(Date.now() - 1_000).toISOString(),
  vitals: { ...NORMAL_VITALS, systolicBpMmHg },
});

test('one group: duplicates, a reused id, an invalid entry and an unknown session each get their own answer', async () => {
  const fresh = Array.from({ length: 10 }, (_, i) => vitals(i % 4 === 0 ? 190 : 120));
  const duplicated = fresh[1] as VitalsEntry;
  const writes: { input: VitalsEntry; target: string; expect: string }[] = [
    ...fresh.map((input) => ({ input, target: sessionId, expect: 'created' })),
    { input: duplicated, target: sessionId, expect: 'replay' },
    { input: duplicated, target: sessionId, expect: 'replay' },
    { input: { ...vitals(130), id: duplicated.id }, target: sessionId, expect: 'key-reused' },
    {
      input: { ...vitals(120), vitals: { ...NORMAL_VITALS, heartRateBpm: 720 } },
      target: sessionId,
      expect: 'implausible',
    },
    { input: vitals(120), target: randomUUID(), expect: 'not-found' },
  ];
  const now = new Date();
  // Started without awaiting in between: all but the first wait for the first transaction.
  const answers = await Promise.allSettled(
    writes.map((w, i) =>
      writeChartEntry(contextFor(`req-group-${String(i)}`), w.target, w.input, now),
    ),
  );

  const failureCode = (a: PromiseSettledResult<unknown>): string =>
    a.status === 'rejected' && a.reason instanceof DomainError ? a.reason.code : 'no error';
  const createdEntries = new Map<string, unknown>();
  writes.forEach((w, i) => {
    const answer = answers[i];
    assert.ok(answer !== undefined, `answer ${String(i)}`);
    if (w.expect === 'created' || w.expect === 'replay') {
      if (answer.status !== 'fulfilled' || !answer.value.ok)
        assert.fail(`write ${String(i)}: ${failureCode(answer)}`);
      assert.equal(answer.value.value.created, w.expect === 'created', `write ${String(i)}`);
      assert.equal(answer.value.value.entry.id, w.input.id, `write ${String(i)} entry id`);
      const systolic = w.input.vitals.systolicBpMmHg ?? 0;
      assert.deepEqual(
        answer.value.value.alarms.map((a) => a.ruleId),
        systolic > 180 ? ['sbp-high'] : [],
        `write ${String(i)} alarms`,
      );
      if (w.expect === 'created') createdEntries.set(w.input.id, answer.value.value.entry);
      else
        assert.deepEqual(
          answer.value.value.entry,
          createdEntries.get(w.input.id),
          'a replay answers the stored entry',
        );
    } else {
      const code = {
        'key-reused': 'idempotency.key-reused',
        implausible: 'vitals.implausible',
        'not-found': 'session.not-found',
      }[w.expect];
      assert.ok(code !== undefined, w.expect);
      assert.equal(failureCode(answer), code, `write ${String(i)}`);
    }
  });

  const ids = writes.map((w) => w.input.id);
  const stored = await t.database.pool.query<{ id: string; xmin: string }>(
    `SELECT id, xmin::text FROM chart_entries WHERE id = ANY($1)`,
    [ids],
  );
  assert.deepEqual(
    stored.rows.map((r) => r.id).sort(),
    fresh.map((f) => f.id).sort(),
    'each valid id stored exactly once; the invalid and the unknown-session entries not at all',
  );
  const xmins = new Set(stored.rows.filter((r) => r.id !== fresh[0]?.id).map((r) => r.xmin));
  assert.equal(xmins.size, 1, 'the writes after the first were committed in one transaction');

  const alarms = await t.database.pool.query<{ source: string }>(
    `SELECT payload->>'sourceEntryId' AS source FROM chart_entries
      WHERE kind = 'alarm' AND payload->>'sourceEntryId' = ANY($1)`,
    [ids],
  );
  assert.deepEqual(
    alarms.rows.map((r) => r.source).sort(),
    fresh
      .filter((f) => (f.vitals.systolicBpMmHg ?? 0) > 180)
      .map((f) => f.id)
      .sort(),
    'one alarm per alarming write',
  );

  const audited = await t.database.pool.query<{ entry: string; request: string; outcome: string }>(
    `SELECT detail->>'entryId' AS entry, request_id AS request, outcome FROM audit_events
      WHERE action = 'chart.vitals' AND detail->>'entryId' = ANY($1)`,
    [ids],
  );
  assert.deepEqual(
    audited.rows.map((r) => `${r.entry} ${r.request} ${r.outcome}`).sort(),
    fresh.map((f, i) => `${f.id} req-group-${String(i)} success`).sort(),
    'one success audit event per stored entry, with the request id of the write it records',
  );
  await assertAuditTrailVerifies(t.database.pool);
});

test('forty entries, each sent twice in parallel: every one stored once and audited once', async () => {
  const inputs = Array.from({ length: 40 }, () => vitals(120));
  const now = new Date();
  const answers = await Promise.all(
    [...inputs, ...inputs].map((input, i) =>
      writeChartEntry(contextFor(`req-many-${String(i)}`), sessionId, input, now),
    ),
  );
  assert.equal(
    answers.filter((a) => a.ok && a.value.created).length,
    inputs.length,
    'each id created once, its twin answered as a replay',
  );
  const ids = inputs.map((i) => i.id);
  const counts = await t.database.pool.query<{ rows: string; events: string }>(
    `SELECT (SELECT count(*) FROM chart_entries WHERE id = ANY($1::uuid[]))::text AS rows,
            (SELECT count(*) FROM audit_events WHERE detail->>'entryId' = ANY($1::text[]))::text AS events`,
    [ids],
  );
  assert.deepEqual(counts.rows[0], { rows: '40', events: '40' }, 'rows and audit events');
});

/** A superuser connection: the application's role sees no other connection's activity. */
async function adminClient(context: { after: (fn: () => Promise<void>) => void }) {
  const admin = new pg.Client({ connectionString: t.database.adminUrl });
  await admin.connect();
  context.after(() => admin.end());
  return admin;
}

test("the audit chain head moves between the group's two statements: the group is read again and stored once", async (context) => {
  const input = vitals(120);
  const holderEntry = randomUUID();
  const admin = await adminClient(context);
  let answer: ReturnType<typeof writeChartEntry> | undefined;
  // Another writer holds the group chain's head while the group reads it, and appends to it once
  // the group's store waits for that lock: the head the group read is stale when it gets the lock.
  await t.database.db.transaction(async (tx) => {
    const locked = await tx.execute<{ seq: string; hash: string }>(
      sql`SELECT seq::text, hash FROM audit_chain_heads WHERE chain = ${GROUP_AUDIT_CHAIN} FOR UPDATE`,
    );
    const head = locked.rows[0];
    assert.ok(head !== undefined, 'the group chain has a head');
    answer = writeChartEntry(contextFor('req-moved'), sessionId, input, new Date());
    await storeWaitsForALock(admin);
    const row = vitalsRow(team, sessionId, { vitals: NORMAL_VITALS }, holderEntry);
    const appended = chainOnto(
      { chain: GROUP_AUDIT_CHAIN, seq: Number(head.seq), hash: head.hash },
      [
        {
          context: contextFor('req-holder').audit,
          event: {
            action: 'chart.vitals',
            resourceType: 'chart_entry',
            outcome: 'success',
            detail: { entryId: holderEntry },
          },
        },
      ],
    );
    const stored = await storeGroup(tx, [row], appended);
    assert.equal(stored.length, 1, 'the holder appends on the head it holds');
  });
  assert.ok(answer !== undefined, 'the write was started');
  const result = await answer;
  assert.ok(result.ok && result.value.created, 'the write is stored');

  const events = await t.database.pool.query<{ request: string; chain: number; seq: string }>(
    `SELECT request_id AS request, chain, seq::text FROM audit_events
      WHERE detail->>'entryId' = ANY($1) ORDER BY seq`,
    [[holderEntry, input.id]],
  );
  assert.equal(events.rows.length, 2, 'one event for each entry');
  const [holderEvent, groupEvent] = events.rows;
  assert.deepEqual(
    [holderEvent?.request, groupEvent?.request, groupEvent?.chain],
    ['req-holder', 'req-moved', GROUP_AUDIT_CHAIN],
    "the group event follows the holder's on the group chain (stored by the group, not alone)",
  );
  assert.equal(Number(groupEvent?.seq), Number(holderEvent?.seq) + 1, 'right after it');
  const count = await t.database.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM chart_entries WHERE id = $1',
    [input.id],
  );
  assert.equal(count.rows[0]?.n, 1, 'stored once');
  await assertAuditTrailVerifies(t.database.pool);
});

test('a group waiting for a session another writer holds does not hold the audit chain head meanwhile', async (context) => {
  const admin = await adminClient(context);
  const input = vitals(120);
  let answer: ReturnType<typeof writeChartEntry> | undefined;
  // A session transition or rate change locks its session first and the first free chain head
  // last; were the group to hold its chain's head while it waits here, the two could deadlock.
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM infusion_sessions WHERE id = ${sessionId} FOR UPDATE`);
    answer = writeChartEntry(contextFor('req-waits'), sessionId, input, new Date());
    await storeWaitsForALock(admin);
    const probe = await t.database.pool.connect();
    try {
      await probe.query('BEGIN');
      const head = await probe.query(
        'SELECT chain FROM audit_chain_heads WHERE chain = $1 FOR UPDATE NOWAIT',
        [GROUP_AUDIT_CHAIN],
      );
      assert.equal(head.rowCount, 1, 'the group chain head is free while the group waits');
    } finally {
      await probe.query('ROLLBACK');
      probe.release();
    }
  });
  assert.ok(answer !== undefined, 'the write was started');
  const result = await answer;
  assert.ok(result.ok && result.value.created, 'stored once the session is released');
  const event = await t.database.pool.query<{ chain: number }>(
    `SELECT chain FROM audit_events WHERE detail->>'entryId' = $1`,
    [input.id],
  );
  assert.deepEqual(event.rows, [{ chain: GROUP_AUDIT_CHAIN }], 'by the group, on its chain');
});
