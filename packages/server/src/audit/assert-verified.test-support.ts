/** Test support: the whole audit trail of a database verifies (every chain gapless, linked, headed). */
import assert from 'node:assert/strict';
import type pg from 'pg';
import { verifyAuditChain } from './verify.ts';

export async function assertAuditTrailVerifies(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    const verified = await verifyAuditChain(client);
    assert.equal(verified.ok, true, JSON.stringify(verified));
  } finally {
    client.release();
  }
}
