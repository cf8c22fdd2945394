/**
 * The ledger's hash chain, one per clinic (safety-security.md T-42): each entry's hash is SHA-256
 * over its predecessor's hash, the canonical JSON of its envelope (sequence, clinic, times, user,
 * the copied report columns, request hash) and core's canonical JSON of the entry itself. An edit,
 * deletion, insertion or reordering breaks the chain at the first changed place.
 */
import { createHash } from 'node:crypto';
import { canonicalEntryJson, type LedgerEntry, type LedgerEntryType } from '@ketaflow/core';
import { canonicalJson, GENESIS_HASH } from '../audit/chain.ts';

export { GENESIS_HASH };

/** The stored fields of one entry that are hashed, as they are written and read back. */
export interface ChainedLedgerRow {
  readonly seq: number;
  readonly clinicId: string;
  readonly id: string;
  readonly type: LedgerEntryType;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
  readonly userId: string;
  readonly patientId: string | null;
  readonly sessionId: string | null;
  readonly ndc: string | null;
  readonly lot: string | null;
  readonly requestHash: string;
  readonly entry: LedgerEntry;
}

/** The hash of `row` following `prevHash`; throws if the entry holds a non-finite number. */
export function ledgerEntryHash(prevHash: string, row: ChainedLedgerRow): string {
  const { entry, ...envelope } = row;
  const entryJson = canonicalEntryJson(entry);
  if (!entryJson.ok)
    throw new Error(`ledger entry is not serialisable: ${entryJson.error.message}`);
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(envelope))
    .update('\n')
    .update(entryJson.value)
    .digest('hex');
}
