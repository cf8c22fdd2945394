/**
 * The group commit's statements (chart-group-statements.ts) against drizzle on real PostgreSQL: the
 * group's sessions and orders are the rows drizzle's join selects, and the multi-row insert stores
 * and returns exactly what drizzle's insert … returning would, in array order, skipping ids stored.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { orders } from '../courses/schema.ts';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import { groupTargets, insertNewEntries } from './chart-group-statements.ts';
import type { ChartEntryInsert } from './repository.ts';
import { NORMAL_VITALS, runningSession, scheduledSession } from './fixtures.test-support.ts';
import { chartEntries, infusionSessions } from './schema.ts';

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

const entry = (payload: Record<string, unknown>, id: string = randomUUID()): ChartEntryInsert => ({
  id,
  clinicId: team.clinicId,
  sessionId,
  kind: 'vitals',
  occurredAt: new Date(Date.now() - 1_000),
  payload,
  requestHash: `hash-${id}`,
  recordedBy: team.nurse.userId,
  recordedAt: new Date(),
});

test('the group lookup gives the rows of drizzle’s join; unknown ids give nothing', async () => {
  const expected = await t.database.db
    .select({ session: infusionSessions, order: orders })
    .from(infusionSessions)
    .innerJoin(
      orders,
      and(eq(orders.clinicId, infusionSessions.clinicId), eq(orders.id, infusionSessions.orderId)),
    )
    .where(inArray(infusionSessions.id, [sessionId]));
  assert.equal(expected.length, 1, 'the fixture has one running session');
  const found = await t.database.db.transaction((tx) =>
    groupTargets(tx, [sessionId, randomUUID()]),
  );
  assert.deepEqual(found, expected, 'same session and order rows, field by field');
});

test('the group insert returns drizzle’s rows in array order and skips ids already stored', async () => {
  // Awkward payload text: quotes, backslashes, braces and commas must survive the array encoding.
  const first = entry({ vitals: NORMAL_VITALS, note: 'a "quoted" \\ {brace}, comma' });
  const second = entry({ vitals: { ...NORMAL_VITALS, heartRatePerMin: 61 } });
  const stored = await t.database.db.transaction((tx) => insertNewEntries(tx, [first, second]));
  assert.deepEqual(
    stored.map((r) => r.id),
    [first.id, second.id],
    'both stored, in the order given',
  );
  assert.ok((stored[0]?.seq ?? 0) < (stored[1]?.seq ?? 0), 'seq follows the array order');
  const selected = await t.database.db
    .select()
    .from(chartEntries)
    .where(inArray(chartEntries.id, [first.id, second.id]))
    .orderBy(chartEntries.seq);
  assert.deepEqual(stored, selected, 'the returned rows are the stored rows as drizzle reads them');
  const [firstStored] = selected;
  assert.ok(firstStored !== undefined, 'the first entry is stored');
  assert.deepEqual(firstStored.payload, first.payload, 'the payload is stored verbatim');
  assert.equal(
    firstStored.occurredAt.getTime(),
    first.occurredAt.getTime(),
    'the clinical time is stored to the millisecond',
  );

  const third = entry({ vitals: NORMAL_VITALS });
  const again = await t.database.db.transaction((tx) =>
    insertNewEntries(tx, [entry({ other: true }, first.id), third]),
  );
  assert.deepEqual(
    again.map((r) => r.id),
    [third.id],
    'an id already stored returns no row; the new one is stored',
  );
  const [kept] = await t.database.db
    .select()
    .from(chartEntries)
    .where(eq(chartEntries.id, first.id));
  assert.deepEqual(kept?.payload, first.payload, 'the stored entry is not overwritten');
});
