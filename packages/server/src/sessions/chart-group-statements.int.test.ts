/**
 * The group commit's statements (chart-group-statements.ts) against drizzle on real PostgreSQL: the
 * opening gives the session and order columns drizzle's join selects, the ids stored and the group
 * chain's head; the store writes and returns exactly what drizzle's insert … returning would, in
 * array order, with its audit events chained on; with a head that moved, or an id stored already, it
 * writes nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { orders } from '../courses/schema.ts';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import { chainOnto, type AuditContext } from '../audit/append.ts';
import { auditChainHeads, auditEvents } from '../audit/schema.ts';
import { assertAuditTrailVerifies } from '../audit/assert-verified.test-support.ts';
import { GROUP_AUDIT_CHAIN, openGroup, storeGroup } from './chart-group-statements.ts';
import type { ChartEntryInsert } from './repository.ts';
import {
  NORMAL_VITALS,
  runningSession,
  scheduledSession,
  vitalsRow,
} from './fixtures.test-support.ts';
import { chartEntries, infusionSessions, sessionTransitions } from './schema.ts';

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

const entry = (payload: Record<string, unknown>, id?: string): ChartEntryInsert =>
  vitalsRow(team, sessionId, payload, id);

const chain = GROUP_AUDIT_CHAIN;
const context: AuditContext = {
  userId: null,
  role: 'nurse',
  clinicId: null,
  sourceIp: '127.0.0.1',
  requestId: 'req-store',
};
const eventsFor = (rows: readonly ChartEntryInsert[]) =>
  rows.map((row) => ({
    context: { ...context, requestId: `req-${row.id}` },
    event: {
      action: 'chart.vitals',
      resourceType: 'chart_entry',
      resourceId: row.id,
      outcome: 'success' as const,
    },
  }));
const groupHead = async () => {
  const [head] = await t.database.db
    .select()
    .from(auditChainHeads)
    .where(eq(auditChainHeads.chain, chain));
  assert.ok(head !== undefined, 'the group chain has a head row');
  return head;
};
const eventCount = async (ids: readonly string[]): Promise<number> =>
  (
    await t.database.db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(inArray(auditEvents.resourceId, [...ids]))
  ).length;
const rowsOf = (ids: readonly string[]) =>
  t.database.db
    .select()
    .from(chartEntries)
    .where(inArray(chartEntries.id, [...ids]))
    .orderBy(chartEntries.seq);

test('the opening gives drizzle’s join of the columns it needs, the ids stored and the group chain’s head', async () => {
  const expected = await t.database.db
    .select({
      session: {
        id: infusionSessions.id,
        clinicId: infusionSessions.clinicId,
        patientId: infusionSessions.patientId,
        state: infusionSessions.state,
      },
      order: {
        protocolId: orders.protocolId,
        protocolVersion: orders.protocolVersion,
        durationMin: orders.durationMin,
      },
    })
    .from(infusionSessions)
    .innerJoin(
      orders,
      and(eq(orders.clinicId, infusionSessions.clinicId), eq(orders.id, infusionSessions.orderId)),
    )
    .where(inArray(infusionSessions.id, [sessionId]));
  assert.equal(expected.length, 1, 'the fixture has one running session');
  const storedBefore = entry({ vitals: NORMAL_VITALS });
  const head = await groupHead();
  const [written] = await storeGroup(
    t.database.db,
    [storedBefore],
    chainOnto(head, eventsFor([storedBefore])),
  ).then((rows) => rows.map((r) => r.id));
  assert.equal(written, storedBefore.id, 'one entry stored before the opening');

  const unknownEntry = randomUUID();
  const opening = await openGroup(
    t.database.db,
    [sessionId, randomUUID()],
    [storedBefore.id, unknownEntry],
  );
  const [start] = await t.database.db
    .select({ at: sessionTransitions.occurredAt })
    .from(sessionTransitions)
    .where(and(eq(sessionTransitions.sessionId, sessionId), eq(sessionTransitions.event, 'start')));
  assert.ok(start !== undefined, 'the fixture session was started');
  assert.deepEqual(
    opening.targets,
    expected.map((e) => ({ ...e, session: { ...e.session, startedAt: start.at } })),
    'same session and order rows, field by field, with the start time',
  );
  assert.deepEqual([...opening.storedIds], [storedBefore.id], 'only the stored id is reported');
  assert.deepEqual(opening.head, await groupHead(), 'the head as committed');
  const none = await openGroup(t.database.db, [randomUUID()], [unknownEntry]);
  assert.deepEqual(
    { targets: none.targets, head: none.head },
    { targets: [], head: undefined },
    'unknown sessions give nothing',
  );
});

test('the store writes drizzle’s rows in array order and chains one audit event per row', async () => {
  // Awkward payload text: quotes, backslashes, braces and commas must survive the array encoding.
  const first = entry({ vitals: NORMAL_VITALS, note: 'a "quoted" \\ {brace}, comma' });
  const second = entry({ vitals: { ...NORMAL_VITALS, heartRatePerMin: 61 } });
  const head = await groupHead();
  const audit = chainOnto(head, eventsFor([first, second]));
  const stored = await storeGroup(t.database.db, [first, second], audit);
  assert.deepEqual(
    stored.map((r) => r.id),
    [first.id, second.id],
    'both stored, in the order given',
  );
  assert.ok((stored[0]?.seq ?? 0) < (stored[1]?.seq ?? 0), 'seq follows the array order');
  const selected = await rowsOf([first.id, second.id]);
  assert.deepEqual(stored, selected, 'the returned rows are the stored rows as drizzle reads them');
  const [firstStored] = selected;
  assert.ok(firstStored !== undefined, 'the first entry is stored');
  assert.deepEqual(firstStored.payload, first.payload, 'the payload is stored verbatim');
  assert.equal(
    firstStored.occurredAt.getTime(),
    first.occurredAt.getTime(),
    'the clinical time is stored to the millisecond',
  );

  assert.deepEqual(await groupHead(), audit.after, 'the head moved to the last event');
  const events = await t.database.db
    .select({ requestId: auditEvents.requestId, seq: auditEvents.seq })
    .from(auditEvents)
    .where(and(eq(auditEvents.chain, chain), gt(auditEvents.seq, head.seq)))
    .orderBy(asc(auditEvents.seq));
  assert.deepEqual(
    events,
    [
      { requestId: `req-${first.id}`, seq: head.seq + 1 },
      { requestId: `req-${second.id}`, seq: head.seq + 2 },
    ],
    'one event per row, on the group chain, each with its own request id',
  );
  await assertAuditTrailVerifies(t.database.pool);
});

test('a head that moved since it was read: the store writes nothing and says so', async () => {
  const stale = await groupHead();
  const mover = entry({ vitals: NORMAL_VITALS });
  await storeGroup(t.database.db, [mover], chainOnto(stale, eventsFor([mover])));
  const headAfterMove = await groupHead();

  const late = entry({ vitals: NORMAL_VITALS });
  const stored = await storeGroup(t.database.db, [late], chainOnto(stale, eventsFor([late])));
  assert.deepEqual(stored, [], 'no rows back');
  assert.deepEqual(await rowsOf([late.id]), [], 'the entry is not stored');
  assert.equal(await eventCount([late.id]), 0, 'no audit event is written');
  assert.deepEqual(await groupHead(), headAfterMove, 'the head is left as the mover wrote it');
});

test('an id stored already: the store fails and writes nothing', async () => {
  const kept = entry({ vitals: NORMAL_VITALS });
  await storeGroup(t.database.db, [kept], chainOnto(await groupHead(), eventsFor([kept])));
  const headBefore = await groupHead();
  const fresh = entry({ vitals: NORMAL_VITALS });
  const clash = entry({ other: true }, kept.id);
  await assert.rejects(
    storeGroup(t.database.db, [fresh, clash], chainOnto(headBefore, eventsFor([fresh, clash]))),
    (error: Error) =>
      /chart_entries_pkey|duplicate key/.test(`${error.message} ${String(error.cause)}`),
    'a unique violation',
  );
  assert.deepEqual(
    await rowsOf([fresh.id]),
    [],
    'the new entry of the same statement is not stored',
  );
  const [stillKept] = await rowsOf([kept.id]);
  assert.deepEqual(stillKept?.payload, kept.payload, 'the stored entry is not overwritten');
  assert.equal(await eventCount([fresh.id]), 0, 'no audit event is written');
  assert.deepEqual(await groupHead(), headBefore, 'the head did not move');
});
