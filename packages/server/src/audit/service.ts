/**
 * The audit report: an admin browses the clinic's audit trail, and that viewing is itself recorded
 * (`audit.search`, with the filters — ids and instants, no PHI — and the number of events shown),
 * in the same transaction as the read.
 */
import type { AuditPage, AuditQuery } from '@ketaflow/contract';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { auditEventRows } from './repository.ts';

export function browseAudit(ctx: ServiceContext, query: AuditQuery): Promise<AuditPage> {
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const { rows, total } = await auditEventRows(
      tx,
      ctx.scope,
      {
        ...(query.patientId === undefined ? {} : { patientId: query.patientId }),
        ...(query.userId === undefined ? {} : { userId: query.userId }),
        ...(query.from === undefined ? {} : { from: new Date(query.from) }),
        ...(query.to === undefined ? {} : { to: new Date(query.to) }),
      },
      { page: query.page, pageSize: query.pageSize },
    );
    audit({
      action: 'audit.search',
      resourceType: 'audit_event',
      patientId: query.patientId ?? null,
      outcome: 'success',
      detail: {
        filters: {
          ...(query.patientId === undefined ? {} : { patientId: query.patientId }),
          ...(query.userId === undefined ? {} : { userId: query.userId }),
          ...(query.from === undefined ? {} : { from: query.from }),
          ...(query.to === undefined ? {} : { to: query.to }),
        },
        page: query.page,
        count: rows.length,
        total,
      },
    });
    return {
      items: rows.map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  });
}
