/**
 * Restart after kill -9 on the embedded PostgreSQL (issue 2; safety-security.md T-3, reduced): the
 * server is killed with the database running — once the Node process alone (leaving the postmaster
 * orphaned), once Node and postmaster together (crash recovery) — and the next start comes up by itself
 * with every acknowledged write intact. Runs `ketaflow serve` as a real child process.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { exitOf, prepareServerProcess, type ServerProcess } from '../testing/server-process.ts';

let server: ServerProcess;
before(async () => {
  server = await prepareServerProcess('ketaflow-restart');
});
after(() => {
  server.remove();
});

async function withDb<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server.databaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Inserts `count` clinics, one transaction each; returns the names whose commit was acknowledged. */
async function writeAcknowledged(prefix: string, count: number): Promise<string[]> {
  return withDb(async (client) => {
    const acked: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const name = `${prefix}-${String(i)}`;
      await client.query(
        "INSERT INTO clinics (name, time_zone) VALUES ($1, 'America/Los_Angeles')",
        [name],
      );
      acked.push(name);
    }
    return acked;
  });
}

async function storedNames(prefix: string): Promise<Set<string>> {
  return withDb(async (client) => {
    const { rows } = await client.query<{ name: string }>(
      'SELECT name FROM clinics WHERE name LIKE $1',
      [`${prefix}-%`],
    );
    return new Set(rows.map((r) => r.name));
  });
}

test('kill -9 of the Node process leaves an orphaned postmaster; the next start recovers it', async () => {
  const first = server.start();
  await server.waitReady();
  const acked = await writeAcknowledged('orphan', 50);
  const exited = exitOf(first);
  process.kill(first.pid ?? 0, 'SIGKILL');
  await exited;

  const second = server.start();
  try {
    await server.waitReady();
    const stored = await storedNames('orphan');
    assert.deepEqual(
      acked.filter((name) => !stored.has(name)),
      [],
      'acknowledged writes lost',
    );
    assert.equal(stored.size, 50);
  } finally {
    const exited2 = exitOf(second);
    process.kill(second.pid ?? 0, 'SIGKILL');
    await exited2;
  }
});

test('kill -9 of Node and postmaster together; the next start completes crash recovery', async () => {
  // The previous test left an orphaned postmaster again: this start must recover it first.
  const first = server.start();
  await server.waitReady();
  const acked = await writeAcknowledged('crash', 50);
  const exited = exitOf(first);
  process.kill(-(first.pid ?? 0), 'SIGKILL');
  await exited;

  const second = server.start();
  try {
    await server.waitReady();
    const stored = await storedNames('crash');
    assert.deepEqual(
      acked.filter((name) => !stored.has(name)),
      [],
      'acknowledged writes lost',
    );
    assert.equal((await storedNames('orphan')).size, 50, 'earlier data intact');
  } finally {
    const exited2 = exitOf(second);
    // A clean stop this time, so no postmaster outlives the test.
    process.kill(second.pid ?? 0, 'SIGTERM');
    await exited2;
  }
});
