/**
 * The PostgreSQL a bench script runs on: the server named by DATABASE_URL (or KETAFLOW_TEST_ADMIN_URL),
 * or else an embedded one started in a temporary folder for the run. Test databases are then made on
 * it by the test harness (startTestApp reads KETAFLOW_TEST_ADMIN_URL).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../packages/server/src/db/embedded.ts';

export interface BenchDatabase {
  /** "DATABASE_URL" or "embedded PostgreSQL", for the printed results. */
  readonly description: string;
  /** Stops an embedded server and removes its folder; nothing for a named server. */
  close(): Promise<void>;
}

export async function benchDatabase(): Promise<BenchDatabase> {
  const named =
    (process.env.DATABASE_URL ?? '') !== '' || (process.env.KETAFLOW_TEST_ADMIN_URL ?? '') !== '';
  if (named) return { description: 'DATABASE_URL', close: () => Promise.resolve() };
  const parent = mkdtempSync(join(tmpdir(), 'ketaflow-bench-'));
  chmodSync(parent, 0o755); // the postgres user must traverse it when run as root (stack.md)
  const embedded = await startEmbeddedPostgres({ dataDir: join(parent, 'data'), port: 0 });
  process.env.KETAFLOW_TEST_ADMIN_URL = embedded.adminUrl;
  return {
    description: 'embedded PostgreSQL',
    close: async () => {
      await embedded.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
