/**
 * Verifies the whole audit chain in sequence order and names the first broken link: a gap in the
 * sequence (deleted or inserted event), a predecessor hash that does not match (reordering), or an
 * event whose content no longer matches its hash (edit).
 */
import pg from 'pg';
import { eventHash, GENESIS_HASH, type AuditOutcome, type ChainedEvent } from './chain.ts';

export type VerifyResult =
  | { readonly ok: true; readonly events: number; readonly headHash: string }
  | {
      readonly ok: false;
      readonly events: number;
      readonly seq: number;
      readonly problem: 'gap' | 'prev-hash-mismatch' | 'content-hash-mismatch';
      readonly message: string;
    };

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

const BATCH = 5_000;

export async function verifyAuditChain(client: pg.ClientBase): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const { rows } = await client.query<Row>(
      `SELECT * FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT ${String(BATCH)}`,
      [expectedSeq],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const checked = expectedSeq - 1;
      if (seq !== expectedSeq) {
        return {
          ok: false,
          events: checked,
          seq: expectedSeq,
          problem: 'gap',
          message: `audit event ${String(expectedSeq)} is missing (next present is ${String(seq)})`,
        };
      }
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          events: checked,
          seq,
          problem: 'prev-hash-mismatch',
          message: `audit event ${String(seq)} does not follow event ${String(seq - 1)} (moved, inserted or predecessor changed)`,
        };
      }
      const event: ChainedEvent = {
        seq,
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
      };
      if (eventHash(prevHash, event) !== row.hash) {
        return {
          ok: false,
          events: checked,
          seq,
          problem: 'content-hash-mismatch',
          message: `audit event ${String(seq)} was altered after it was written`,
        };
      }
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < BATCH) return { ok: true, events: expectedSeq - 1, headHash: prevHash };
  }
}
