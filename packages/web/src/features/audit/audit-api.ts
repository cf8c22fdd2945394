/** Typed call to the audit-log browsing API (admins). */
import { AuditPage } from '@ketaflow/contract';
import { api } from '../../api/client.ts';

export interface AuditFilter {
  readonly patientId?: string;
  readonly userId?: string;
  /** ISO instant, inclusive. */
  readonly from?: string;
  /** ISO instant, exclusive. */
  readonly to?: string;
  readonly page: number;
  readonly pageSize: number;
}

export const listAuditEvents = (filter: AuditFilter, signal?: AbortSignal) =>
  api('/api/v1/audit', { query: { ...filter }, schema: AuditPage, ...(signal ? { signal } : {}) });
