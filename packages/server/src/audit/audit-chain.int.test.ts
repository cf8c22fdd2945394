/**
 * The audit trail on real PostgreSQL: the application role cannot change or remove events, and the
 * verifier names the first broken link after a superuser edits, deletes, inserts or reorders events
 * (safety-security.md T-23).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { appendAuditEvents, type AuditContext } from './append.ts';
import { verifyAuditChain } from './verify.ts';

const context: AuditContext = {
  userId: null,
  role: 'admin',
  clinicId: null,
  sourceIp: '127.0.0.1',
  requestId: 'req-test',
};

let database: TestDatabase;
let superuser: pg.Client;

before(async () => {
  database = await createTestDatabase();
  superuser = new pg.Client({ connectionString: database.adminUrl });
  await superuser.connect();
});
after(async () => {
  await superuser.end();
  await database.drop();
});

async function seedTen(): Promise<void> {
  await superuser.query('SET session_replication_role = replica');
  await superuser.query('DELETE FROM audit_events');
  await superuser.query('SET session_replication_role = DEFAULT');
  await superuser.query(`UPDATE audit_chain_heads SET seq = 0, hash = repeat('0', 64)`);
  for (let i = 0; i < 10; i += 1) {
    await database.db.transaction(async (tx) => {
      await appendAuditEvents(tx, context, [
        {
          action: 'patient.read',
          resourceType: 'patient',
          resourceId: `p${String(i)}`,
          outcome: 'success',
          detail: { i },
        },
      ]);
    });
  }
}

/** [first broken seq, problem] or null when the chain verifies. */
async function firstBreak(): Promise<[number, string] | null> {
  const result = await verifyAuditChain(superuser);
  return result.ok ? null : [result.seq, result.problem];
}

async function asSuperuser(sql: string): Promise<void> {
  await superuser.query('SET session_replication_role = replica');
  try {
    await superuser.query(sql);
  } finally {
    await superuser.query('SET session_replication_role = DEFAULT');
  }
}

describe('audit chain', () => {
  beforeEach(seedTen);

  test('an untouched chain verifies and reports its length', async () => {
    const result = await verifyAuditChain(superuser);
    assert.equal(result.ok, true);
    assert.equal(result.events, 10);
  });

  test('the application role cannot update, delete or truncate audit rows', async () => {
    await assert.rejects(
      database.pool.query("UPDATE audit_events SET action = 'x' WHERE seq = 1"),
      {
        code: '42501',
      },
    );
    await assert.rejects(database.pool.query('DELETE FROM audit_events WHERE seq = 1'), {
      code: '42501',
    });
    await assert.rejects(database.pool.query('TRUNCATE audit_events'), { code: '42501' });
    const count = await superuser.query('SELECT count(*)::int AS n FROM audit_events');
    assert.equal((count.rows[0] as { n: number }).n, 10);
  });

  test('even the owner is stopped by the append-only trigger', async () => {
    await assert.rejects(
      superuser.query("UPDATE audit_events SET action = 'x' WHERE seq = 2"),
      /append-only/,
    );
  });

  test('an edited event is named', async () => {
    await asSuperuser("UPDATE audit_events SET action = 'patient.update' WHERE seq = 4");
    assert.deepEqual(await firstBreak(), [4, 'content-hash-mismatch']);
  });

  test('a deleted event is named', async () => {
    await asSuperuser('DELETE FROM audit_events WHERE seq = 6');
    assert.deepEqual(await firstBreak(), [6, 'gap']);
  });

  test('an inserted event is named', async () => {
    // Make room at 5 by shifting the tail, then forge an event there that copies its neighbour's hash.
    await asSuperuser('UPDATE audit_events SET seq = seq + 100 WHERE seq >= 5');
    await asSuperuser('UPDATE audit_events SET seq = seq - 99 WHERE seq >= 105');
    await asSuperuser(
      "INSERT INTO audit_events SELECT 5, occurred_at, user_id, role, clinic_id, patient_id, 'patient.export', resource_type, resource_id, outcome, source_ip, request_id, detail, prev_hash, hash FROM audit_events WHERE seq = 4",
    );
    // The copied row carries event 4's hashes, so it does not follow event 4.
    assert.deepEqual(await firstBreak(), [5, 'prev-hash-mismatch']);
  });

  test('two swapped events are named', async () => {
    await asSuperuser('UPDATE audit_events SET seq = -1 WHERE seq = 7');
    await asSuperuser('UPDATE audit_events SET seq = 7 WHERE seq = 8');
    await asSuperuser('UPDATE audit_events SET seq = 8 WHERE seq = -1');
    assert.deepEqual(await firstBreak(), [7, 'prev-hash-mismatch']);
  });

  test('a forged hash is named', async () => {
    await asSuperuser("UPDATE audit_events SET hash = repeat('a', 64) WHERE seq = 3");
    assert.deepEqual(await firstBreak(), [3, 'content-hash-mismatch']);
  });

  test('concurrent writers produce one gapless chain', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await appendAuditEvents(tx, context, [
            {
              action: 'patient.read',
              resourceType: 'patient',
              resourceId: `c${String(i)}`,
              outcome: 'success',
            },
          ]);
        }),
      ),
    );
    const result = await verifyAuditChain(superuser);
    assert.equal(result.ok, true);
    assert.equal(result.events, 50);
  });
});
