/**
 * Test databases on real PostgreSQL: each test file gets its own database, cloned from a template that
 * holds the migrated schema (built once per migration set, under an advisory lock). The server comes
 * from KETAFLOW_TEST_ADMIN_URL (set by `npm test` to its embedded PostgreSQL) or DATABASE_URL.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connect, type Database } from './client.ts';
import { MIGRATIONS_FOLDER, runMigrations } from './migrate.ts';

export interface TestDatabase extends Database {
  readonly url: string;
  readonly name: string;
  /** Superuser connection string of the same database (for tamper tests). */
  readonly adminUrl: string;
  drop(): Promise<void>;
}

export function testServerUrl(): string {
  const url = process.env.KETAFLOW_TEST_ADMIN_URL ?? process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'database tests need a PostgreSQL server: run them through `npm test` (embedded PostgreSQL) ' +
        'or set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test',
    );
  }
  return url;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesIn(path) : [path];
    });
}

/** Name of the template for the current migrations and hardening rules. */
function templateName(): string {
  const hash = createHash('sha256');
  for (const file of filesIn(MIGRATIONS_FOLDER)) hash.update(readFileSync(file));
  hash.update(readFileSync(fileURLToPath(new URL('./harden.ts', import.meta.url))));
  return `ketaflow_tpl_${hash.digest('hex').slice(0, 16)}`;
}

async function ensureTemplate(admin: pg.Client, serverUrl: string, name: string): Promise<void> {
  const lockKey = Number.parseInt(name.slice(-7), 16);
  await admin.query('SELECT pg_advisory_lock($1)', [lockKey]);
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 1) return;
    const building = `${name}_building`;
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${building}`);
    await runMigrations(withDatabase(serverUrl, building));
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [lockKey]);
  }
}

export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `ketaflow_t_${randomBytes(6).toString('hex')}`;
  try {
    const template = templateName();
    await ensureTemplate(admin, serverUrl, template);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const database = connect(url, options);
  return {
    ...database,
    url,
    name,
    adminUrl: url,
    drop: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
