/**
 * Verifies every audit chain in sequence order and names the first broken link: a gap in a chain's
 * sequence (deleted or inserted event), a predecessor hash that does not match (reordering or an event
 * moved between chains), an event whose content no longer matches its hash (edit), or a chain whose
 * stored head is not its last event (events removed from the tail, or the head rewritten). It reads
 * one snapshot, so it can run while Ketaflow writes.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { eventHash, type AuditOutcome, type ChainedEvent } from './chain.ts';
import { walkChain, type LinkProblem } from './walk-chain.ts';

export type AuditProblem = LinkProblem | 'head-mismatch';

export interface ChainReport {
  readonly chain: number;
  readonly events: number;
  readonly headHash: string;
}

export type VerifyResult =
  | {
      readonly ok: true;
      readonly events: number;
      /** SHA-256 over every chain's `chain:events:head` line: the one value to record off-box. */
      readonly headHash: string;
      readonly chains: readonly ChainReport[];
    }
  | {
      readonly ok: false;
      /** Events verified before the broken link (all earlier chains and this chain's prefix). */
      readonly events: number;
      readonly chain: number;
      readonly seq: number;
      readonly problem: AuditProblem;
      readonly message: string;
    };

type Failure = Extract<VerifyResult, { ok: false }>;

interface Row {
  seq: string;
  occurred_at: Date;
  user_id: string | null;
  role: string | null;
  clinic_id: string | null;
  patient_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: AuditOutcome;
  source_ip: string | null;
  request_id: string | null;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** Walks one chain; returns its length and last hash, or the first broken link. */
async function verifyChain(
  client: pg.ClientBase,
  chain: number,
  checkedBefore: number,
): Promise<Failure | ChainReport> {
  const walked = await walkChain<Row>({
    batch: async (fromSeq, limit) =>
      (
        await client.query<Row>(
          `SELECT * FROM audit_events WHERE chain = $1 AND seq >= $2 ORDER BY seq LIMIT ${String(limit)}`,
          [chain, fromSeq],
        )
      ).rows,
    link: (row) => ({ seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash }),
    contentHash: (prevHash, row) => eventHash(prevHash, eventOf(row)),
    name: (seq) => `audit event ${String(chain)}/${String(seq)}`,
    predecessor: (seq) => `event ${String(seq)}`,
  });
  if (!walked.ok) {
    const { verified, ...broken } = walked;
    return { ...broken, events: checkedBefore + verified, chain };
  }
  return { chain, events: walked.length, headHash: walked.headHash };
}

const eventOf = (row: Row): ChainedEvent => ({
  seq: Number(row.seq),
  occurredAt: row.occurred_at,
  userId: row.user_id,
  role: row.role,
  clinicId: row.clinic_id,
  patientId: row.patient_id,
  action: row.action,
  resourceType: row.resource_type,
  resourceId: row.resource_id,
  outcome: row.outcome,
  sourceIp: row.source_ip,
  requestId: row.request_id,
  detail: row.detail,
});

export async function verifyAuditChain(client: pg.ClientBase): Promise<VerifyResult> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const heads = await client.query<{ chain: number; seq: string; hash: string }>(
      'SELECT chain, seq, hash FROM audit_chain_heads',
    );
    const headOf = new Map(heads.rows.map((h) => [h.chain, h]));
    const { rows: chains } = await client.query<{ chain: number }>(
      'SELECT chain FROM audit_chain_heads UNION SELECT DISTINCT chain FROM audit_events ORDER BY chain',
    );
    const reports: ChainReport[] = [];
    let checked = 0;
    for (const { chain } of chains) {
      const report = await verifyChain(client, chain, checked);
      if ('ok' in report) return report;
      const head = headOf.get(chain);
      if (head?.hash !== report.headHash || Number(head.seq) !== report.events) {
        return {
          ok: false,
          events: checked + report.events,
          chain,
          seq: report.events,
          problem: 'head-mismatch',
          message: `audit chain ${String(chain)} ends at event ${String(report.events)} but its head records ${head === undefined ? 'nothing' : `event ${head.seq}`} (events removed from its end, or the head altered)`,
        };
      }
      reports.push(report);
      checked += report.events;
    }
    const digest = createHash('sha256');
    for (const r of reports)
      digest.update(`${String(r.chain)}:${String(r.events)}:${r.headHash}\n`);
    return { ok: true, events: checked, headHash: digest.digest('hex'), chains: reports };
  } finally {
    await client.query('COMMIT');
  }
}
