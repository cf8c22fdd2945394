/**
 * The two statements of every chart group commit (chart-group-commit.ts), written once
 * (db/statement.ts), each its own transaction (docs/adr/0005-chart-group-in-two-statements.md):
 * - open: the group's sessions (with when they started) and their orders' protocols and durations,
 *   which of the group's entry ids are stored already, and the head of the group commits' audit
 *   chain;
 * - store: the group's rows (entries and their alarms, one array per column) and their audit events,
 *   written only if that chain head is still the one read (appendIfUnchangedSql) and every session
 *   is still chartable: all or nothing.
 * Rows come back exactly as drizzle's select and insert … returning give them.
 */
import { getTableColumns } from 'drizzle-orm';
import {
  APPEND_IF_UNCHANGED_PARAMS,
  appendIfUnchangedSql,
  appendIfUnchangedValues,
  type ChainedAppend,
  type ChainHead,
} from '../audit/append.ts';
import { AUDIT_CHAINS, auditChainHeads } from '../audit/schema.ts';
import type { Db, Tx } from '../db/client.ts';
import {
  columnList,
  readColumn,
  runStatement,
  statement,
  tableRowReader,
} from '../db/statement.ts';
import { orders } from '../courses/schema.ts';
import type { ChartEntryInsert, ChartEntryRow, OrderRow, SessionRow } from './repository.ts';
import { chartEntries, infusionSessions, sessionTransitions } from './schema.ts';

/**
 * The audit chain group commits append to: the last one, which other writers take only when every
 * chain before it is held (they take the first free one), so the optimistic append rarely retries.
 */
export const GROUP_AUDIT_CHAIN = AUDIT_CHAINS - 1;

/** States in which the chart is open: from check-in until the patient leaves. */
export const CHARTABLE_STATES: ReadonlySet<string> = new Set([
  'checked-in',
  'prechecks-done',
  'double-checked',
  'running',
  'paused',
  'stopped',
  'recovery',
]);

/**
 * What a group needs of a session: whose it is, whether it can be charted, and when the infusion
 * started (null before): past its planned duration a write needs the history (session-cap.ts).
 */
const SESSION_KEYS = ['id', 'clinicId', 'patientId', 'state'] as const;
export type GroupSession = Pick<SessionRow, (typeof SESSION_KEYS)[number]> & {
  readonly startedAt: Date | null;
};
/** What a group needs of the session's order: the protocol whose stop rules apply, its duration. */
const ORDER_KEYS = ['protocolId', 'protocolVersion', 'durationMin'] as const;
export type GroupOrder = Pick<OrderRow, (typeof ORDER_KEYS)[number]>;

export interface GroupTarget {
  readonly session: GroupSession;
  readonly order: GroupOrder;
}

export interface GroupOpening {
  /** The group's existing sessions (any clinic: the caller checks), with their orders' protocols. */
  readonly targets: readonly GroupTarget[];
  /** The group's entry ids that are stored already (replays: the single path answers them). */
  readonly storedIds: ReadonlySet<string>;
  /** GROUP_AUDIT_CHAIN's head as last committed; undefined when no session was found. */
  readonly head: ChainHead | undefined;
}

// Only these columns: the order row alone has about thirty, two of them JSON, and pg parses every
// column of every row it is sent.
const readSession = tableRowReader(infusionSessions, 's', SESSION_KEYS);
const readOrder = tableRowReader(orders, 'o', ORDER_KEYS);
const readHead = tableRowReader(auditChainHeads, 'h');

// One row per session found, with its start (its first 'start' transition, looked up by the
// transitions' (session_id, version) index); the stored ids and the head repeat on each (computed
// once: no correlation).
const openStatement = statement(
  'sessions.group-open',
  `SELECT ${columnList(infusionSessions, 's', SESSION_KEYS)}, ${columnList(orders, 'o', ORDER_KEYS)},
     ${columnList(auditChainHeads, 'h')},
     ARRAY (SELECT c.id FROM chart_entries c WHERE c.id = ANY ($2::uuid[])) AS stored_ids,
     (SELECT min(t.occurred_at) FROM session_transitions t
       WHERE t.session_id = s.id AND t.event = 'start') AS started_at
   FROM infusion_sessions s
   JOIN orders o ON o.clinic_id = s.clinic_id AND o.id = s.order_id
   JOIN audit_chain_heads h ON h.chain = $3
   WHERE s.id = ANY ($1::uuid[])`,
  (raw) => ({
    target: {
      session: {
        ...readSession(raw),
        startedAt: readColumn(sessionTransitions.occurredAt, raw, 'started_at'),
      },
      order: readOrder(raw),
    },
    head: readHead(raw),
    storedIds: raw.stored_ids as string[],
  }),
);

/** Every column the insert writes: all but `seq`, which the database numbers in insertion order. */
const written = Object.entries(getTableColumns(chartEntries)).filter(([key]) => key !== 'seq');

/**
 * The store's parameters: the audit append's, the group's (distinct) session ids, the chartable
 * states, one array per column.
 */
const SESSIONS_PARAM = APPEND_IF_UNCHANGED_PARAMS + 1;
const STATES_PARAM = SESSIONS_PARAM + 1;
const firstColumnParam = STATES_PARAM + 1;

/**
 * The sessions are share locked before the chain head: a session transition or rate change locks its
 * session first and appends its audit last, so taking the head first here could deadlock with one
 * that waits for this chain (docs/adr/0005). FOR SHARE (not KEY SHARE) because it conflicts with a
 * transition's lock and state update: a session closed after open read it is either seen closed here
 * (PostgreSQL re-checks the state on the row a waiting lock gets) or cannot close before this
 * commits. Every session must still be chartable, or nothing is written and the group is read again
 * (a closed session's write then takes the single path, which answers 409).
 * count(*), not EXISTS: every row must be fetched to be locked.
 */
const storeStatement = statement(
  'sessions.group-store',
  `WITH group_sessions AS (
     SELECT s.id FROM infusion_sessions s
     WHERE s.id = ANY ($${String(SESSIONS_PARAM)}::uuid[])
       AND s.state = ANY ($${String(STATES_PARAM)}::text[])
     FOR SHARE
   ),
   ${appendIfUnchangedSql(1, `(SELECT count(*) FROM group_sessions) = cardinality($${String(SESSIONS_PARAM)}::uuid[])`)}
   INSERT INTO chart_entries (${written.map(([, column]) => `"${column.name}"`).join(', ')})
   SELECT e.* FROM audit_head, unnest(${written
     .map(([, column], i) => `$${String(firstColumnParam + i)}::${column.getSQLType()}[]`)
     .join(', ')}) AS e
   RETURNING ${columnList(chartEntries)}`,
  tableRowReader(chartEntries),
);

/** Reads what the group needs before it writes (see the header). */
export async function openGroup(
  db: Db,
  sessionIds: readonly string[],
  entryIds: readonly string[],
): Promise<GroupOpening> {
  const rows = await runStatement(db, openStatement, [sessionIds, entryIds, GROUP_AUDIT_CHAIN]);
  const [first] = rows;
  return {
    targets: rows.map((r) => r.target),
    storedIds: new Set(first?.storedIds ?? []),
    head: first?.head,
  };
}

/**
 * Inserts the rows in their order with `audit`'s events, if the audit chain head is still
 * `audit.before` and every session of the rows is still chartable. Returns the rows stored, as
 * drizzle's `insert … returning()` would; none when the head had moved or a session had left the
 * chartable states (nothing was written). An id stored meanwhile fails the statement (unique
 * violation), which writes nothing either.
 */
export function storeGroup(
  db: Db | Tx,
  rows: readonly ChartEntryInsert[],
  audit: ChainedAppend,
): Promise<ChartEntryRow[]> {
  const values = written.map(([key, column]) =>
    rows.map((row) => {
      const value: unknown = row[key as keyof ChartEntryInsert];
      // Every written column is NOT NULL without a default: a missing value is a programming error.
      if (value === undefined || value === null) throw new Error(`chart entry lacks ${key}`);
      return column.mapToDriverValue(value);
    }),
  );
  const sessionIds = [...new Set(rows.map((row) => row.sessionId))];
  return runStatement(db, storeStatement, [
    ...appendIfUnchangedValues(audit),
    sessionIds,
    [...CHARTABLE_STATES],
    ...values,
  ]);
}
