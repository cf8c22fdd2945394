/**
 * Verifies the ledger's hash chains, clinic by clinic, and names the first broken link: a gap in
 * the sequence (deleted or inserted entry), a predecessor hash that does not match (reordering), an
 * entry whose content no longer matches its hash (edit), an entry whose hash differs from the one
 * the audit trail recorded when it was written (the whole chain recomputed after an edit), or a
 * chain shorter than the audit trail says it was (tail truncation). `ketaflow ledger verify` wires
 * this to the command line (safety-security.md T-42, T-23).
 */
import type { LedgerEntry, LedgerEntryType } from '@ketaflow/core';
import type pg from 'pg';
import { walkChain, type LinkProblem } from '../audit/walk-chain.ts';
import { ledgerEntryHash, type ChainedLedgerRow } from './chain.ts';

export type LedgerProblem = LinkProblem | 'anchor-mismatch' | 'truncated';

export type LedgerVerifyResult =
  | { readonly ok: true; readonly entries: number }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly clinicId: string;
      readonly seq: number;
      readonly problem: LedgerProblem;
      readonly message: string;
    };

/** A ledger_entries row as pg returns it. */
export interface LedgerEntryRecord {
  id: string;
  clinic_id: string;
  seq: string;
  type: LedgerEntryType;
  occurred_at: Date;
  recorded_at: Date;
  user_id: string;
  patient_id: string | null;
  session_id: string | null;
  ndc: string | null;
  lot: string | null;
  entry: LedgerEntry;
  request_hash: string;
  prev_hash: string;
  hash: string;
}

/** seq → hash of each entry as the audit trail recorded it when the entry was written. */
async function anchorsOf(client: pg.ClientBase, clinicId: string): Promise<Map<number, string>> {
  const { rows } = await client.query<{ seq: string; hash: string }>(
    `SELECT detail->>'seq' AS seq, detail->>'hash' AS hash FROM audit_events
      WHERE clinic_id = $1 AND resource_type = 'ledger-entry' AND outcome = 'success'
        AND detail ? 'hash' AND detail ? 'seq'`,
    [clinicId],
  );
  return new Map(rows.map((r) => [Number(r.seq), r.hash]));
}

type Failure = Extract<LedgerVerifyResult, { ok: false }>;

async function verifyClinic(
  client: pg.ClientBase,
  clinicId: string,
  checkedBefore: number,
): Promise<Failure | { ok: true; entries: number }> {
  const anchors = await anchorsOf(client, clinicId);
  const name = (seq: number): string => `ledger entry ${String(seq)}`;
  const walked = await walkChain<LedgerEntryRecord, 'anchor-mismatch'>({
    batch: async (fromSeq, limit) =>
      (
        await client.query<LedgerEntryRecord>(
          `SELECT * FROM ledger_entries WHERE clinic_id = $1 AND seq >= $2 ORDER BY seq LIMIT ${String(limit)}`,
          [clinicId, fromSeq],
        )
      ).rows,
    link: (row) => ({ seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash }),
    contentHash: (prevHash, row) => ledgerEntryHash(prevHash, chainedRowOf(row)),
    name,
    predecessor: (seq) => `entry ${String(seq)}`,
    check: (row, seq) => {
      const anchored = anchors.get(seq);
      return anchored === undefined || anchored === row.hash
        ? undefined
        : {
            problem: 'anchor-mismatch',
            message: `${name(seq)} differs from the hash the audit trail recorded (chain rewritten)`,
          };
    },
  });
  if (!walked.ok) {
    const { verified, ...broken } = walked;
    return { ...broken, entries: checkedBefore + verified, clinicId };
  }
  const last = walked.length;
  const anchoredMax = Math.max(0, ...anchors.keys());
  if (anchoredMax > last) {
    return {
      ok: false,
      entries: checkedBefore + last,
      clinicId,
      seq: last + 1,
      problem: 'truncated',
      message: `the audit trail records ledger entries up to ${String(anchoredMax)}, but the ledger ends at ${String(last)}`,
    };
  }
  return { ok: true, entries: checkedBefore + last };
}

/** What the chain hashes of a stored entry. */
export const chainedRowOf = (row: LedgerEntryRecord): ChainedLedgerRow => ({
  seq: Number(row.seq),
  clinicId: row.clinic_id,
  id: row.id,
  type: row.type,
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  userId: row.user_id,
  patientId: row.patient_id,
  sessionId: row.session_id,
  ndc: row.ndc,
  lot: row.lot,
  requestHash: row.request_hash,
  entry: row.entry,
});

/** Verifies every clinic's ledger (or one clinic's), stopping at the first broken link. */
export async function verifyLedgerChain(
  client: pg.ClientBase,
  clinicId?: string,
): Promise<LedgerVerifyResult> {
  const clinics =
    clinicId !== undefined
      ? [clinicId]
      : (
          await client.query<{ clinic_id: string }>(
            `SELECT DISTINCT clinic_id FROM ledger_entries
             UNION SELECT DISTINCT clinic_id FROM audit_events
              WHERE resource_type = 'ledger-entry' AND clinic_id IS NOT NULL
             ORDER BY clinic_id`,
          )
        ).rows.map((r) => r.clinic_id);
  let entries = 0;
  for (const clinic of clinics) {
    const result = await verifyClinic(client, clinic, entries);
    if (!result.ok) return result;
    entries = result.entries;
  }
  return { ok: true, entries };
}
