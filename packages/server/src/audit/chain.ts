/**
 * The hash chain of the audit trail: each event's hash is SHA-256 over its predecessor's hash and the
 * canonical JSON of the event itself, so an edit, deletion, insertion or reordering of events breaks
 * the chain at the first changed place (safety-security.md T-23).
 */
import { createHash } from 'node:crypto';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields that are hashed, in the form they are stored and read back. */
export interface ChainedEvent {
  seq: number;
  occurredAt: Date;
  userId: string | null;
  role: string | null;
  clinicId: string | null;
  patientId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: AuditOutcome;
  sourceIp: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(event))
    .digest('hex');
}
