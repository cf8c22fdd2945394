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
import { AUDIT_CHAINS } from './schema.ts';
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

/**
 * Appends one event in a transaction that stays open (holding its chain) until `commit` is called;
 * resolves once the event is written.
 */
async function appendHeld(resourceId: string): Promise<() => Promise<void>> {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let written = (): void => undefined;
  const appended = new Promise<void>((resolve) => {
    written = resolve;
  });
  const done = database.db.transaction(async (tx) => {
    await appendAuditEvents(tx, context, [
      { action: 'patient.read', resourceType: 'patient', resourceId, outcome: 'success' },
    ]);
    written();
    await gate;
  });
  await Promise.race([appended, done]);
  return async () => {
    release();
    await done;
  };
}

/** Appends `n` events one by one; each commits before the next. */
async function appendEach(n: number, prefix: string): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await database.db.transaction((tx) =>
      appendAuditEvents(tx, context, [
        {
          action: 'patient.read',
          resourceType: 'patient',
          resourceId: `${prefix}${String(i)}`,
          outcome: 'success',
        },
      ]),
    );
  }
}

async function chainOf(resourceId: string): Promise<number> {
  const { rows } = await superuser.query<{ chain: number }>(
    'SELECT chain FROM audit_events WHERE resource_id = $1',
    [resourceId],
  );
  assert.equal(rows.length, 1, `one event ${resourceId}`);
  return rows[0]?.chain ?? -1;
}

/** [first broken chain, seq, problem] or null when every chain verifies. */
async function firstBreakIn(): Promise<[number, number, string] | null> {
  const result = await verifyAuditChain(superuser);
  return result.ok ? null : [result.chain, result.seq, result.problem];
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

  test('events removed from the end of a chain are named against its head', async () => {
    await asSuperuser('DELETE FROM audit_events WHERE seq >= 9');
    assert.deepEqual(await firstBreakIn(), [0, 8, 'head-mismatch']);
  });

  test('a writer takes the first chain no one else holds, and every chain verifies', async () => {
    const commits = [await appendHeld('held-a'), await appendHeld('held-b')];
    await appendEach(1, 'free-');
    for (const commit of commits) await commit();
    assert.deepEqual(
      [await chainOf('held-a'), await chainOf('held-b'), await chainOf('free-0')],
      [0, 1, 2],
    );
    const result = await verifyAuditChain(superuser);
    assert.ok(result.ok, 'the chains verify');
    assert.equal(result.events, 13);
    assert.deepEqual(
      result.chains.filter((c) => c.events > 0).map((c) => [c.chain, c.events]),
      [
        [0, 11],
        [1, 1],
        [2, 1],
      ],
    );
    assert.match(result.headHash, /^[0-9a-f]{64}$/);
  });

  test('with every chain held, a writer waits for one and the chains stay gapless', async () => {
    const commits = [];
    for (let i = 0; i < AUDIT_CHAINS; i += 1) commits.push(await appendHeld(`busy-${String(i)}`));
    const waiting = appendEach(1, 'waiter-');
    for (const commit of commits) await commit();
    await waiting;
    const result = await verifyAuditChain(superuser);
    assert.ok(result.ok, 'the chains verify');
    assert.equal(result.events, 10 + AUDIT_CHAINS + 1);
    assert.equal(result.chains.filter((c) => c.events > 0).length, AUDIT_CHAINS);
  });

  describe('tampering in a chain other than the first', () => {
    // Chain 1 gets five events while chain 0 is held.
    beforeEach(async () => {
      const commit = await appendHeld('holder');
      await appendEach(5, 'second-');
      await commit();
    });
    const inChainOne = (where: string): string => `chain = 1 AND ${where}`;

    test('an edited event is named with its chain', async () => {
      await asSuperuser(`UPDATE audit_events SET action = 'x' WHERE ${inChainOne('seq = 3')}`);
      assert.deepEqual(await firstBreakIn(), [1, 3, 'content-hash-mismatch']);
    });

    test('a deleted event is named with its chain', async () => {
      await asSuperuser(`DELETE FROM audit_events WHERE ${inChainOne('seq = 2')}`);
      assert.deepEqual(await firstBreakIn(), [1, 2, 'gap']);
    });

    test('an inserted event is named with its chain', async () => {
      await asSuperuser(`UPDATE audit_events SET seq = seq + 100 WHERE ${inChainOne('seq >= 3')}`);
      await asSuperuser(`UPDATE audit_events SET seq = seq - 99 WHERE ${inChainOne('seq >= 103')}`);
      await asSuperuser(
        `INSERT INTO audit_events SELECT 3, occurred_at, user_id, role, clinic_id, patient_id, 'patient.export', resource_type, resource_id, outcome, source_ip, request_id, detail, prev_hash, hash, 1 FROM audit_events WHERE ${inChainOne('seq = 2')}`,
      );
      assert.deepEqual(await firstBreakIn(), [1, 3, 'prev-hash-mismatch']);
    });

    test('two swapped events are named with their chain', async () => {
      await asSuperuser(`UPDATE audit_events SET seq = -1 WHERE ${inChainOne('seq = 4')}`);
      await asSuperuser(`UPDATE audit_events SET seq = 4 WHERE ${inChainOne('seq = 5')}`);
      await asSuperuser(`UPDATE audit_events SET seq = 5 WHERE ${inChainOne('seq = -1')}`);
      assert.deepEqual(await firstBreakIn(), [1, 4, 'prev-hash-mismatch']);
    });

    test('an event moved to another chain is named', async () => {
      // The last event of chain 1 re-filed as the next event of chain 2 (empty so far).
      await asSuperuser(
        `UPDATE audit_events SET chain = 2, seq = 1 WHERE ${inChainOne('seq = 5')}`,
      );
      assert.deepEqual(await firstBreakIn(), [1, 4, 'head-mismatch']);
    });
  });
});
