/**
 * Restart after kill -9 on the embedded PostgreSQL (issue 2; safety-security.md T-3, reduced): the
 * server is killed with the database running — once the Node process alone (leaving the postmaster
 * orphaned), once Node and postmaster together (crash recovery) — and the next start comes up by itself
 * with every acknowledged write intact. Runs `ketaflow serve` as a real child process.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from './embedded.ts';

const bin = fileURLToPath(new URL('../../bin/ketaflow.js', import.meta.url));
let dataDir: string;
let httpPort: number;
let dbPort: number;

before(async () => {
  const parent = mkdtempSync(join(tmpdir(), 'ketaflow-restart-'));
  chmodSync(parent, 0o755);
  dataDir = join(parent, 'data');
  httpPort = await freePort();
  dbPort = await freePort();
});
after(() => {
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

function startServer(): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KETAFLOW_DATA_DIR: dataDir,
    PORT: String(httpPort),
    KETAFLOW_DB_PORT: String(dbPort),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  // Its own process group, so one signal can take Node and its postmaster down together.
  return spawn(process.execPath, [bin, 'serve'], { env, detached: true, stdio: 'ignore' });
}

async function waitReady(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${String(httpPort)}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not become ready within 60 s');
}

async function withDb<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const password = readFileSync(join(dataDir, 'pg-secret'), 'utf8').trim();
  const client = new pg.Client({
    connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${String(dbPort)}/ketaflow`,
  });
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

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit();
    else
      child.once('exit', () => {
        resolveExit();
      });
  });
}

test('kill -9 of the Node process leaves an orphaned postmaster; the next start recovers it', async () => {
  const first = startServer();
  await waitReady();
  const acked = await writeAcknowledged('orphan', 50);
  const exited = killed(first);
  process.kill(first.pid ?? 0, 'SIGKILL');
  await exited;

  const second = startServer();
  try {
    await waitReady();
    const stored = await storedNames('orphan');
    assert.deepEqual(
      acked.filter((name) => !stored.has(name)),
      [],
      'acknowledged writes lost',
    );
    assert.equal(stored.size, 50);
  } finally {
    const exited2 = killed(second);
    process.kill(second.pid ?? 0, 'SIGKILL');
    await exited2;
  }
});

test('kill -9 of Node and postmaster together; the next start completes crash recovery', async () => {
  // The previous test left an orphaned postmaster again: this start must recover it first.
  const first = startServer();
  await waitReady();
  const acked = await writeAcknowledged('crash', 50);
  const exited = killed(first);
  process.kill(-(first.pid ?? 0), 'SIGKILL');
  await exited;

  const second = startServer();
  try {
    await waitReady();
    const stored = await storedNames('crash');
    assert.deepEqual(
      acked.filter((name) => !stored.has(name)),
      [],
      'acknowledged writes lost',
    );
    assert.equal((await storedNames('orphan')).size, 50, 'earlier data intact');
  } finally {
    const exited2 = killed(second);
    // A clean stop this time, so no postmaster outlives the test.
    process.kill(second.pid ?? 0, 'SIGTERM');
    await exited2;
  }
});
