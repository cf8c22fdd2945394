/**
 * Group commit of chart writes (issue 4 throughput). Chart writes that arrive while a group
 * transaction of the same database is in flight wait and are stored together in the next one: one
 * `BEGIN`, one lookup of their sessions and orders, one multi-row `INSERT … ON CONFLICT (id) DO
 * NOTHING RETURNING` (plus one for the stop-rule alarms of the entries stored, when there are any),
 * one audit append with one event per entry, each keeping its own request's actor, one `COMMIT`.
 * Every write is answered only after its group committed (kill -9 before that loses nothing
 * acknowledged; the client retries with the same id).
 *
 * Kept small on purpose: the group only stores *new* entries of *chartable* sessions. Any other case
 * resolves `undefined` and the caller takes its single-write path, which answers it exactly as before:
 * an unknown or other clinic's session (404), a closed session (409), an id already stored (a replay,
 * or 409 when the body differs; that includes an id inserted by someone else between lookup and
 * insert, which `ON CONFLICT DO NOTHING` leaves out), a row builder that throws, and a group whose
 * transaction fails (rolled back as a whole, so nothing of it is stored). Requests are validated
 * before they join a group, so one invalid entry never fails the others. Two writes with the same id
 * never share a group: the later one waits for the next, where its id conflicts and it is a replay.
 */
import { appendAuditEventsOf, type AuditContext, type AuditEventInput } from '../audit/append.ts';
import type { Db, Tx } from '../db/client.ts';
import { groupTargets, insertNewEntries } from './chart-group-statements.ts';
import {
  insertChartEntries,
  type ChartEntryInsert,
  type ChartEntryRow,
  type OrderRow,
  type SessionRow,
} from './repository.ts';

export interface GroupedWrite {
  readonly db: Db;
  readonly audit: AuditContext;
  /** The requester's clinic: a session of another clinic is not found. */
  readonly clinicId: string;
  readonly sessionId: string;
  /** The client's id of the entry (the first row `rowsFor` returns). */
  readonly entryId: string;
  /** The entry's row first, then its alarms' rows; undefined when the session cannot take it. */
  readonly rowsFor: (session: SessionRow, order: OrderRow) => ChartEntryInsert[] | undefined;
  /** The write's audit event, from the rows stored. */
  readonly auditFor: (session: SessionRow, stored: readonly ChartEntryRow[]) => AuditEventInput;
}

/** Bounds one transaction's statement size; more waiting writes go into the next group. */
const MAX_GROUP = 64;

interface Pending {
  readonly write: GroupedWrite;
  readonly resolve: (stored: ChartEntryRow[] | undefined) => void;
}

interface Queue {
  waiting: Pending[];
  busy: boolean;
}

const queues = new WeakMap<Db, Queue>();

/**
 * Stores the write in the next group transaction. Resolves with its rows (entry first) after that
 * transaction committed, or undefined: the caller must then write it alone (see the header).
 */
export function commitGrouped(write: GroupedWrite): Promise<ChartEntryRow[] | undefined> {
  let queue = queues.get(write.db);
  if (queue === undefined) {
    queue = { waiting: [], busy: false };
    queues.set(write.db, queue);
  }
  const q = queue;
  return new Promise((resolve) => {
    q.waiting.push({ write, resolve });
    if (!q.busy) void drain(write.db, q);
  });
}

/** One group transaction at a time per database; whoever arrives meanwhile joins the next. */
async function drain(db: Db, queue: Queue): Promise<void> {
  queue.busy = true;
  while (queue.waiting.length > 0) {
    const group = takeGroup(queue);
    let stored: Map<Pending, ChartEntryRow[]>;
    try {
      stored = await db.transaction((tx) => storeGroup(tx, group));
    } catch {
      // Rolled back: none of the group is stored; each caller retries alone and reports its own error.
      stored = new Map();
    }
    for (const pending of group) pending.resolve(stored.get(pending));
  }
  queue.busy = false;
}

/** The oldest waiting writes with distinct entry ids, at most MAX_GROUP; the rest keep waiting. */
function takeGroup(queue: Queue): Pending[] {
  const group: Pending[] = [];
  const ids = new Set<string>();
  const rest: Pending[] = [];
  for (const pending of queue.waiting) {
    if (group.length < MAX_GROUP && !ids.has(pending.write.entryId)) {
      group.push(pending);
      ids.add(pending.write.entryId);
    } else rest.push(pending);
  }
  queue.waiting = rest;
  return group;
}

async function storeGroup(
  tx: Tx,
  group: readonly Pending[],
): Promise<Map<Pending, ChartEntryRow[]>> {
  const sessionIds = [...new Set(group.map((p) => p.write.sessionId))];
  const targets = await groupTargets(tx, sessionIds);
  const planned: { pending: Pending; session: SessionRow; rows: ChartEntryInsert[] }[] = [];
  for (const pending of group) {
    const { write } = pending;
    const target = targets.find(
      (t) => t.session.id === write.sessionId && t.session.clinicId === write.clinicId,
    );
    if (target === undefined) continue;
    let rows: ChartEntryInsert[] | undefined;
    try {
      rows = write.rowsFor(target.session, target.order);
    } catch {
      continue; // the single path raises the same error as the caller's answer
    }
    if (rows?.[0]?.id !== write.entryId) continue;
    planned.push({ pending, session: target.session, rows });
  }
  if (planned.length === 0) return new Map();

  const entries = await insertNewEntries(
    tx,
    planned.map((p) => p.rows[0] as ChartEntryInsert),
  );
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const fresh = planned.filter((p) => entryById.has(p.pending.write.entryId));
  const alarms = await insertChartEntries(
    tx,
    fresh.flatMap((p) => p.rows.slice(1)),
  );
  const stored = new Map<Pending, ChartEntryRow[]>();
  for (const { pending } of fresh) {
    const entry = entryById.get(pending.write.entryId) as ChartEntryRow;
    const raised = alarms.filter((a) => a.payload.sourceEntryId === entry.id);
    stored.set(pending, [entry, ...raised]);
  }
  await appendAuditEventsOf(
    tx,
    fresh.map(({ pending, session }) => ({
      context: pending.write.audit,
      event: pending.write.auditFor(session, stored.get(pending) ?? []),
    })),
  );
  return stored;
}
