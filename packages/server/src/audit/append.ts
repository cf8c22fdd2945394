/**
 * Appends audit events inside the caller's transaction, so the record of a change commits or rolls
 * back with the change itself (T-22). A transaction-scoped advisory lock serialises writers on the
 * chain head; callers append last, just before commit, to hold it briefly.
 */
import { desc, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { auditEvents } from './schema.ts';
import { eventHash, GENESIS_HASH, type AuditOutcome, type ChainedEvent } from './chain.ts';

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

const AUDIT_CHAIN_LOCK = 0x61756469; // "audi"

export async function appendAuditEvents(
  tx: Tx,
  context: AuditContext,
  events: readonly AuditEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [head] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  // Millisecond precision: the stored timestamp reads back identical, so the hash verifies.
  const occurredAt = new Date();
  const rows = events.map((input) => {
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
  await tx.insert(auditEvents).values(rows);
}
