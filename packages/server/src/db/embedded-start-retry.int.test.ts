/**
 * Starting the embedded PostgreSQL again after a crash: when the start fails for a moment (here its
 * port is held by another listener, as processes of a killed cluster can hold its resources for a
 * moment), it is tried again and comes up; when it keeps failing, the error carries PostgreSQL's own
 * reason instead of "see its log".
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from './embedded.ts';

let parent: string;
let dataDir: string;
before(async () => {
  parent = mkdtempSync(join(tmpdir(), 'ketaflow-start-retry-'));
  chmodSync(parent, 0o755); // the postgres user must traverse it when run as root (stack.md)
  dataDir = join(parent, 'data');
  // The first run initialises the cluster; the tests below are restarts of it.
  const first = await startEmbeddedPostgres({ dataDir, port: 0 });
  await first.stop();
});
after(() => {
  rmSync(parent, { recursive: true, force: true });
});

function hold(port: number): Promise<Server> {
  return new Promise((resolveHeld, reject) => {
    const holder = createServer();
    holder.once('error', reject);
    holder.listen(port, '127.0.0.1', () => {
      resolveHeld(holder);
    });
  });
}

const release = (holder: Server): Promise<void> =>
  new Promise((r) => {
    holder.close(() => {
      r();
    });
  });

test('a restart that fails for a moment is tried again and comes up', async () => {
  const port = await freePort();
  const holder = await hold(port);
  const lines: string[] = [];
  const released = new Promise<void>((r) => {
    setTimeout(() => {
      void release(holder).then(r);
    }, 1_500);
  });
  const embedded = await startEmbeddedPostgres({ dataDir, port, onLog: (l) => lines.push(l) });
  try {
    await released;
    assert.ok(
      lines.some((l) => l.includes('retrying')),
      `the first start failed and was retried; log:\n${lines.join('\n')}`,
    );
    const client = new pg.Client({ connectionString: embedded.adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
      assert.equal(rows[0]?.one, 1, 'the restarted cluster answers');
    } finally {
      await client.end();
    }
  } finally {
    await embedded.stop();
  }
});

test('a restart that keeps failing names PostgreSQL’s reason', async () => {
  const port = await freePort();
  const holder = await hold(port);
  try {
    await assert.rejects(
      startEmbeddedPostgres({ dataDir, port }),
      (error: Error) => {
        assert.match(error.message, /did not start on port/, 'says what failed');
        assert.match(
          error.message,
          /could not (bind|create listen)/i,
          'carries PostgreSQL’s reason',
        );
        return true;
      },
      'a port held for good fails the start',
    );
  } finally {
    await release(holder);
  }
});
