/**
 * For tests of the chart group's locking: resolves once a group store statement of the admin
 * client's database waits for a row lock. Polled, with no timing assertion. Only this database
 * counts: pg_stat_activity lists the whole cluster, where another test file's store may be waiting
 * at the same moment.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

export async function storeWaitsForALock(admin: pg.Client): Promise<void> {
  for (let waited = 0; ; waited += 1) {
    const blocked = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'
          AND query LIKE '%audit_head%'`,
    );
    if (blocked.rows[0]?.n === 1) return;
    assert.ok(waited < 500, 'the group store comes to wait for a lock');
    await sleep(10);
  }
}
