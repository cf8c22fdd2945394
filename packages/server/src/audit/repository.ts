/**
 * Reading the audit trail for the audit report (safety-security.md T-24): events of the scope's
 * clinic, filtered by patient, user and time range, newest first. Requires `audit.read`.
 */
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../access/scope.ts';
import type { Tx } from '../db/client.ts';
import { users } from '../users/schema.ts';
import { auditEvents } from './schema.ts';

export interface AuditFilters {
  readonly patientId?: string;
  readonly userId?: string;
  /** Inclusive lower bound. */
  readonly from?: Date;
  /** Exclusive upper bound. */
  readonly to?: Date;
}

export interface AuditEventRow {
  readonly chain: number;
  readonly seq: number;
  readonly occurredAt: Date;
  readonly userId: string | null;
  readonly userName: string | null;
  readonly role: string | null;
  readonly clinicId: string | null;
  readonly patientId: string | null;
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly outcome: 'success' | 'failure' | 'denied';
  readonly sourceIp: string | null;
  readonly requestId: string | null;
  readonly detail: Record<string, unknown>;
}

export async function auditEventRows(
  tx: Tx,
  scope: Scope,
  filters: AuditFilters,
  paging: { readonly page: number; readonly pageSize: number },
): Promise<{ rows: AuditEventRow[]; total: number }> {
  scope.require('audit.read');
  const conditions: SQL[] = [eq(auditEvents.clinicId, scope.clinicId)];
  if (filters.patientId !== undefined)
    conditions.push(eq(auditEvents.patientId, filters.patientId));
  if (filters.userId !== undefined) conditions.push(eq(auditEvents.userId, filters.userId));
  if (filters.from !== undefined) conditions.push(gte(auditEvents.occurredAt, filters.from));
  if (filters.to !== undefined) conditions.push(lt(auditEvents.occurredAt, filters.to));
  const where = and(...conditions);
  const rows = await tx
    .select({
      chain: auditEvents.chain,
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      userId: auditEvents.userId,
      userName: users.displayName,
      role: auditEvents.role,
      clinicId: auditEvents.clinicId,
      patientId: auditEvents.patientId,
      action: auditEvents.action,
      resourceType: auditEvents.resourceType,
      resourceId: auditEvents.resourceId,
      outcome: auditEvents.outcome,
      sourceIp: auditEvents.sourceIp,
      requestId: auditEvents.requestId,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(where)
    // seq follows commit order within a chain; occurred_at alone can tie within a millisecond.
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.chain), desc(auditEvents.seq))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  const [counted] = await tx
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(auditEvents)
    .where(where);
  return { rows, total: counted?.total ?? 0 };
}
