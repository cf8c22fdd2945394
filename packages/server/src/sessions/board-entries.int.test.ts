/**
 * The board's read of the chart (board-entries.ts) gives exactly what the drizzle query it replaced
 * gave — every rate change, alarm and acknowledgement, the latest entry of each charted item per
 * session (ties on time broken by insertion order), in time order — for two sessions with long,
 * interleaved charts, and nothing of another clinic's or another session's chart.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import { boardEntriesOf } from './board-entries.ts';
import { scheduledSession } from './fixtures.test-support.ts';
import type { ChartEntryRow } from './repository.ts';
import { chartEntries } from './schema.ts';

let t: TestApp;
let team: Team;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
});
after(() => t.close());

/** The drizzle queries the statement replaced (the reference). */
async function reference(tx: Tx, clinicId: string, sessionIds: string[]): Promise<ChartEntryRow[]> {
  const scoped = and(
    eq(chartEntries.clinicId, clinicId),
    inArray(chartEntries.sessionId, sessionIds),
  );
  const events = await tx
    .select()
    .from(chartEntries)
    .where(and(scoped, inArray(chartEntries.kind, ['rate-change', 'alarm', 'alarm-ack'])));
  const latest = await tx
    .selectDistinctOn([chartEntries.sessionId, chartEntries.kind])
    .from(chartEntries)
    .where(and(scoped, inArray(chartEntries.kind, ['vitals', 'sedation', 'pain', 'dissociation'])))
    .orderBy(
      chartEntries.sessionId,
      chartEntries.kind,
      desc(chartEntries.occurredAt),
      desc(chartEntries.seq),
    );
  return [...events, ...latest].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.seq - b.seq,
  );
}

const KINDS = ['vitals', 'sedation', 'pain', 'dissociation', 'note', 'rate-change', 'alarm'];

/**
 * `count` entries of cycling kinds, about twenty a minute (so entries of one kind share a time and
 * only insertion order tells the latest), inserted in shuffled time order.
 */
async function chart(sessionId: string, clinicId: string, count: number): Promise<void> {
  const start = Date.UTC(2026, 10, 26, 8, 0, 0);
  for (let i = 0; i < count; i += 1) {
    const minute = (i * 7919) % Math.ceil(count / 20);
    await t.database.pool.query(
      `INSERT INTO chart_entries (id, clinic_id, session_id, kind, occurred_at, payload, request_hash, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'test', $7, now())`,
      [
        randomUUID(),
        clinicId,
        sessionId,
        KINDS[i % KINDS.length],
        new Date(start + minute * 60_000),
        JSON.stringify({ i }),
        team.nurse.userId,
      ],
    );
  }
}

test('the same entries as the reference, for two long charts, and none of another session', async () => {
  const a = await scheduledSession(t.app, team);
  const b = await scheduledSession(t.app, team);
  const other = await scheduledSession(t.app, team);
  await chart(a.sessionId, team.clinicId, 300);
  await chart(b.sessionId, team.clinicId, 120);
  await chart(other.sessionId, team.clinicId, 40);
  const ids = [a.sessionId, b.sessionId];
  const [found, expected] = await t.database.db.transaction(async (tx) => [
    await boardEntriesOf(tx, team.clinicId, ids),
    await reference(tx, team.clinicId, ids),
  ]);
  assert.deepStrictEqual(found, expected);
  assert.ok(
    found.every((e) => ids.includes(e.sessionId)),
    'only the asked sessions',
  );
  const items = found.filter((e) =>
    ['vitals', 'sedation', 'pain', 'dissociation'].includes(e.kind),
  );
  assert.equal(items.length, 8, 'one latest entry per charted item and session');
  assert.ok(found.some((e) => e.kind === 'rate-change') && found.some((e) => e.kind === 'alarm'));
  assert.ok(!found.some((e) => e.kind === 'note'), 'notes are not read');
  const otherClinic = await t.database.db.transaction((tx) =>
    boardEntriesOf(tx, randomUUID(), ids),
  );
  assert.deepEqual(otherClinic, [], "another clinic's board reads nothing of these charts");
});
