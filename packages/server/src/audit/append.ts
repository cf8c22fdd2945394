/**
 * Appends audit events inside the caller's transaction, so the record of a change commits or rolls
 * back with the change itself (T-22). The events go onto one of AUDIT_CHAINS hash chains: the first
 * chain whose head no other transaction holds (docs/adr/0003-striped-audit-chains.md). Locking and
 * reading that head is one statement, writing the events and the new head another; the head's row
 * lock is held until commit, and callers append last, just before commit, to hold it briefly.
 * A writer whose change is one statement with no transaction around it (the chart group commit)
 * appends optimistically instead: appendIfUnchangedSql
 * (docs/adr/0005-chart-group-in-two-statements.md).
 */
import type { Tx } from '../db/client.ts';
import { columnList, runStatement, statement, tableRowReader } from '../db/statement.ts';
import { AUDIT_CHAINS, auditChainHeads } from './schema.ts';
import { eventHash, type AuditOutcome, type ChainedEvent } from './chain.ts';

/** Who did it and from where: taken from the authenticated request. */
export interface AuditContext {
  readonly userId: string | null;
  readonly role: string | null;
  readonly clinicId: string | null;
  readonly sourceIp: string | null;
  readonly requestId: string | null;
}

export interface AuditEventInput {
  /** Dotted verb: `patient.read`, `patient.update`, `auth.login`, `user.disabled` … */
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId?: string | null;
  readonly patientId?: string | null;
  readonly outcome: AuditOutcome;
  /** Non-PHI facts only: changed field names, counts, reason codes. */
  readonly detail?: Record<string, unknown>;
  /** Overrides the context's clinic (e.g. events before a clinic is chosen). */
  readonly clinicId?: string | null;
}

export type ChainHead = typeof auditChainHeads.$inferSelect;

// Every audited transaction runs these (db/statement.ts: written once, parsed once per connection).
const readHead = tableRowReader(auditChainHeads);
const lockFreeHead = statement(
  'audit.lock-free-head',
  `SELECT ${columnList(auditChainHeads)} FROM audit_chain_heads
   ORDER BY chain LIMIT 1 FOR UPDATE SKIP LOCKED`,
  readHead,
);
const lockHead = statement(
  'audit.lock-head',
  `SELECT ${columnList(auditChainHeads)} FROM audit_chain_heads WHERE chain = $1 FOR UPDATE`,
  readHead,
);
/** The columns of an event row, in the order eventRowsSql gives them after chain and time. */
const EVENT_COLUMNS = `chain, occurred_at, seq, user_id, role, clinic_id, patient_id, action,
  resource_type, resource_id, outcome, source_ip, request_id, detail, prev_hash, hash`;

/** SQL types of eventRowsValues' per-event arrays: EVENT_COLUMNS after chain and time, in order. */
const EVENT_ARRAY_TYPES = [
  'bigint',
  'uuid',
  'text',
  'uuid',
  'uuid',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'jsonb',
  'text',
  'text',
] as const;

/** `$n` for parameter n (1-based). */
const param = (n: number): string => `$${String(n)}`;

/** `unnest(…) AS e` over the per-event arrays of eventRowsValues, from parameter `$first`. */
function eventRowsSql(first: number): string {
  const arrays = EVENT_ARRAY_TYPES.map((type, i) => `${param(first + i)}::${type}[]`);
  return `unnest(${arrays.join(', ')}) AS e`;
}

/**
 * The events (one array per column, any number of events) and the new head in one statement:
 * PostgreSQL runs a data-modifying WITH even though the UPDATE does not read it.
 */
const appendEvents = statement(
  'audit.append',
  `WITH appended AS (
     INSERT INTO audit_events (${EVENT_COLUMNS})
     SELECT $1::smallint, $2::timestamptz, e.* FROM ${eventRowsSql(3)}
     RETURNING seq
   )
   UPDATE audit_chain_heads SET seq = ${param(3 + EVENT_ARRAY_TYPES.length)},
     hash = ${param(4 + EVENT_ARRAY_TYPES.length)} WHERE chain = $1`,
  () => undefined,
);

/** Which chain to queue on when every chain is busy: taken in turn, so waiters spread out. */
let nextBusyChain = 0;

/**
 * Locks a chain head for this transaction and returns it. A row lock (unlike an advisory lock taken
 * before a read) hands back the head as the previous holder committed it, so lock and read are one
 * round trip even under READ COMMITTED.
 */
async function lockChainHead(tx: Tx): Promise<ChainHead> {
  const [free] = await runStatement(tx, lockFreeHead, []);
  if (free !== undefined) return free;
  nextBusyChain = (nextBusyChain + 1) % AUDIT_CHAINS;
  const [waited] = await runStatement(tx, lockHead, [nextBusyChain]);
  if (waited === undefined) throw new Error(`audit chain ${String(nextBusyChain)} has no head`);
  return waited;
}

export async function appendAuditEvents(
  tx: Tx,
  context: AuditContext,
  events: readonly AuditEventInput[],
): Promise<void> {
  await appendAuditEventsOf(
    tx,
    events.map((event) => ({ context, event })),
  );
}

/**
 * The same for events of different requests written in one transaction: each event keeps the user,
 * role, source and request id of the request it records.
 */
export async function appendAuditEventsOf(
  tx: Tx,
  events: readonly { readonly context: AuditContext; readonly event: AuditEventInput }[],
): Promise<void> {
  if (events.length === 0) return;
  const append = chainOnto(await lockChainHead(tx), events);
  await runStatement(tx, appendEvents, [
    append.after.chain,
    append.occurredAt.toISOString(),
    ...eventRowsValues(append),
    append.after.seq,
    append.after.hash,
  ]);
}

/** Events hashed onto a chain head: the head they follow, their rows, and the head after them. */
export interface ChainedAppend {
  readonly before: ChainHead;
  readonly after: ChainHead;
  readonly occurredAt: Date;
  readonly rows: readonly (ChainedEvent & { readonly prevHash: string; readonly hash: string })[];
}

/** Numbers and hashes `events` after `head` (pure: nothing is written). */
export function chainOnto(
  head: ChainHead,
  events: readonly { readonly context: AuditContext; readonly event: AuditEventInput }[],
): ChainedAppend {
  let seq = head.seq;
  let prevHash = head.hash;
  // Millisecond precision: the stored timestamp reads back identical, so the hash verifies.
  const occurredAt = new Date();
  const rows = events.map(({ context, event: input }) => {
    seq += 1;
    const event: ChainedEvent = {
      seq,
      occurredAt,
      userId: context.userId,
      role: context.role,
      clinicId: input.clinicId !== undefined ? input.clinicId : context.clinicId,
      patientId: input.patientId ?? null,
      action: input.action,
      resourceType: input.resourceType,
      resourceId: input.resourceId ?? null,
      outcome: input.outcome,
      sourceIp: context.sourceIp,
      requestId: context.requestId,
      detail: input.detail ?? {},
    };
    const hash = eventHash(prevHash, event);
    const row = { ...event, prevHash, hash };
    prevHash = hash;
    return row;
  });
  return { before: head, after: { chain: head.chain, seq, hash: prevHash }, occurredAt, rows };
}

/** The per-event arrays of eventRowsSql, encoded as drizzle encodes these columns (jsonb as text). */
function eventRowsValues(append: ChainedAppend): unknown[][] {
  const { rows } = append;
  return [
    rows.map((r) => r.seq),
    rows.map((r) => r.userId),
    rows.map((r) => r.role),
    rows.map((r) => r.clinicId),
    rows.map((r) => r.patientId),
    rows.map((r) => r.action),
    rows.map((r) => r.resourceType),
    rows.map((r) => r.resourceId),
    rows.map((r) => r.outcome),
    rows.map((r) => r.sourceIp),
    rows.map((r) => r.requestId),
    rows.map((r) => JSON.stringify(r.detail)),
    rows.map((r) => r.prevHash),
    rows.map((r) => r.hash),
  ];
}

/** Parameters taken by appendIfUnchangedSql: six for the head and time, then the event arrays. */
export const APPEND_IF_UNCHANGED_PARAMS = 6 + EVENT_ARRAY_TYPES.length;

/**
 * Optimistic append, for a caller that writes its change and its audit events in one statement
 * without a transaction around it (the chart group commit): two WITH items, from parameter `$first`.
 * `audit_head` moves the head only if it is still the one the events were chained onto (a
 * compare-and-set: a concurrent appender's row lock makes it wait, then it sees the new head and
 * matches nothing); `audit_appended` writes the events only when `audit_head` returned its row. The
 * caller gates its own rows on `audit_head` the same way (`FROM audit_head, …`), so either all of
 * the statement is written or none of it, and no rows back means: chain again on a fresh head.
 * `before`, a boolean SQL expression, is evaluated before the head's row is locked: the caller takes
 * the locks that other writers take before their audit append there, so every writer takes row
 * locks in the same order (its own rows first, the chain head last) and none can deadlock another.
 */
export function appendIfUnchangedSql(first: number, before = 'true'): string {
  const $ = (i: number): string => param(first + i);
  return `audit_head AS (
     UPDATE audit_chain_heads SET seq = ${$(3)}, hash = ${$(4)}
     WHERE chain = ${$(0)} AND seq = ${$(1)} AND hash = ${$(2)} AND (${before})
     RETURNING chain
   ),
   audit_appended AS (
     INSERT INTO audit_events (${EVENT_COLUMNS})
     SELECT audit_head.chain, ${$(5)}::timestamptz, e.* FROM audit_head, ${eventRowsSql(first + 6)}
   )`;
}

/** The APPEND_IF_UNCHANGED_PARAMS values of appendIfUnchangedSql for `append`. */
export function appendIfUnchangedValues(append: ChainedAppend): unknown[] {
  return [
    append.before.chain,
    append.before.seq,
    append.before.hash,
    append.after.seq,
    append.after.hash,
    append.occurredAt.toISOString(),
    ...eventRowsValues(append),
  ];
}
