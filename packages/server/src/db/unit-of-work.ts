/**
 * A unit of work: one database transaction whose audit events are appended at its end, inside it,
 * so a change and its audit record commit together or not at all (T-22).
 */
import { appendAuditEvents, type AuditContext, type AuditEventInput } from '../audit/append.ts';
import type { Db, Tx } from './client.ts';

export type RecordAudit = (event: AuditEventInput) => void;

export async function inTransaction<T>(
  db: Db,
  context: AuditContext,
  work: (tx: Tx, audit: RecordAudit) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const events: AuditEventInput[] = [];
    const result = await work(tx, (event) => {
      events.push(event);
    });
    await appendAuditEvents(tx, context, events);
    return result;
  });
}
