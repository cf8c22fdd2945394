/**
 * The audit-log browsing API (admins): events of the admin's clinic filtered by patient, user and a
 * time range, newest first. Viewing the log is itself audited (safety-security.md T-24).
 */
import { z } from 'zod';
import { IsoDateTime, PageQuery, pageOf, Uuid } from './common.ts';

/**
 * Filters: `from` is inclusive and `to` exclusive, both ISO instants with an offset
 * (e.g. 2026-11-25T00:00:00Z); `to` must be later than `from`.
 */
export const AuditQuery = z
  .strictObject({
    ...PageQuery.shape,
    patientId: Uuid.optional(),
    userId: Uuid.optional(),
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
  })
  .refine(
    (q) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to),
    { message: 'Must be later than from.', path: ['to'] },
  );
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEvent = z.object({
  /** Which of the audit hash chains holds the event (docs/adr/0003-striped-audit-chains.md). */
  chain: z.number().int(),
  /** Position in its chain (gapless, increasing): (chain, seq) identifies the event. */
  seq: z.number().int(),
  occurredAt: z.string(),
  userId: z.string().nullable(),
  /** Display name of the user, or null for anonymous events. */
  userName: z.string().nullable(),
  role: z.string().nullable(),
  clinicId: z.string().nullable(),
  patientId: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  sourceIp: z.string().nullable(),
  requestId: z.string().nullable(),
  /** Non-PHI facts: changed field names, counts, ids. */
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditPage = pageOf(AuditEvent);
export type AuditPage = z.infer<typeof AuditPage>;
