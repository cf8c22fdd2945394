/**
 * Group commit of chart writes (issue 4 throughput). Chart writes that arrive while a group of the
 * same database is in flight wait and are stored together in the next one, in two statements
 * (chart-group-statements.ts; docs/adr/0005-chart-group-in-two-statements.md): one reads their
 * sessions and orders, which of their ids are stored already and the group's audit chain head; the
 * other writes their entries, the stop-rule alarms those raise and one audit event per entry (each
 * keeping its own request's actor) as one transaction, only if that chain head has not moved since.
 * When it has, the group is read and chained again (at most HEAD_ATTEMPTS times). Every write is
 * answered only after its group committed (kill -9 before that loses nothing acknowledged; the
 * client retries with the same id).
 *
 * Kept small on purpose: the group only stores *new* entries of *chartable* sessions. Any other case
 * resolves `undefined` and the caller takes its single-write path, which answers it exactly as before:
 * an unknown or other clinic's session (404), a closed session (409; one closed between the two
 * statements makes the store write nothing, and the group is read again), an id already stored (a
 * replay, or 409 when the body differs), a row builder that declines or throws (the chart service
 * declines a session past its planned duration: the session-cap check needs its history), and a
 * group whose statement fails (an id stored by someone else between the two statements fails it with
 * a unique violation; nothing of it is written). Requests are validated before they join a group, so one invalid entry never fails
 * the others. Two writes with the same id never share a group: the later one waits for the next,
 * where its id is stored and it is a replay.
 */
import { chainOnto, type AuditContext, type AuditEventInput } from '../audit/append.ts';
import type { Db } from '../db/client.ts';
import {
  openGroup,
  storeGroup,
  type GroupOrder,
  type GroupSession,
} from './chart-group-statements.ts';
import type { ChartEntryInsert, ChartEntryRow } from './repository.ts';

export interface GroupedWrite {
  readonly db: Db;
  readonly audit: AuditContext;
  /** The requester's clinic: a session of another clinic is not found. */
  readonly clinicId: string;
  readonly sessionId: string;
  /** The client's id of the entry (the first row `rowsFor` returns). */
  readonly entryId: string;
  /** The entry's row first, then its alarms' rows; undefined when the session cannot take it. */
  readonly rowsFor: (session: GroupSession, order: GroupOrder) => ChartEntryInsert[] | undefined;
  /** The write's audit event, from its rows (those `rowsFor` returned). */
  readonly auditFor: (session: GroupSession, rows: readonly ChartEntryInsert[]) => AuditEventInput;
}

/** Bounds one transaction's statement size; more waiting writes go into the next group. */
const MAX_GROUP = 64;

/** How often a group is read and chained again when its audit chain head moved meanwhile. */
const HEAD_ATTEMPTS = 3;

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

/**
 * One group at a time per database; whoever arrives meanwhile joins the next. (Two at a time, on
 * two audit chains, made smaller groups and cost more CPU per write: bench/README.md, Charting.)
 */
async function drain(db: Db, queue: Queue): Promise<void> {
  queue.busy = true;
  while (queue.waiting.length > 0) {
    const group = takeGroup(queue);
    let stored: Map<Pending, ChartEntryRow[]> | undefined;
    try {
      for (let attempt = 0; attempt < HEAD_ATTEMPTS && stored === undefined; attempt += 1) {
        stored = await commitGroup(db, group);
      }
    } catch {
      // Nothing of the group is written; each caller retries alone and reports its own error.
    }
    for (const pending of group) pending.resolve(stored?.get(pending));
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

/**
 * Stores what of the group it can; returns each stored write's rows (entry first), or undefined
 * when the audit chain head moved between the two statements and nothing was written.
 */
async function commitGroup(
  db: Db,
  group: readonly Pending[],
): Promise<Map<Pending, ChartEntryRow[]> | undefined> {
  const opening = await openGroup(
    db,
    [...new Set(group.map((p) => p.write.sessionId))],
    group.map((p) => p.write.entryId),
  );
  const planned: { pending: Pending; session: GroupSession; rows: ChartEntryInsert[] }[] = [];
  for (const pending of group) {
    const { write } = pending;
    if (opening.storedIds.has(write.entryId)) continue;
    const target = opening.targets.find(
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
  const stored = new Map<Pending, ChartEntryRow[]>();
  if (planned.length === 0 || opening.head === undefined) return stored;

  const audit = chainOnto(
    opening.head,
    planned.map(({ pending, session, rows }) => ({
      context: pending.write.audit,
      event: pending.write.auditFor(session, rows),
    })),
  );
  const written = await storeGroup(
    db,
    planned.flatMap((p) => p.rows),
    audit,
  );
  if (written.length === 0) return undefined;
  const byId = new Map(written.map((row) => [row.id, row]));
  for (const { pending, rows } of planned) {
    stored.set(
      pending,
      rows.map((row) => {
        const back = byId.get(row.id);
        if (back === undefined) throw new Error('the group store returned a partial set of rows');
        return back;
      }),
    );
  }
  return stored;
}
