/**
 * Opens Ketaflow's database for a command: the server named by DATABASE_URL, or the embedded PostgreSQL
 * in the data folder (started, recovered or attached to). Migrations run first, so every command sees
 * the current schema; the durability gate refuses unsafe servers.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { ServerConfig } from '../config.ts';
import { connect, type Database } from '../db/client.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { runMigrations } from '../db/migrate.ts';
import { withDatabase } from '../db/test-database.ts';

export const EMBEDDED_DATABASE = 'ketaflow';

export interface OpenDatabase {
  readonly url: string;
  readonly database: Database;
  /** Where the data lives, for messages: "embedded PostgreSQL in ./data" or the server's host. */
  readonly description: string;
  close(): Promise<void>;
}

async function ensureDatabaseExists(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

export async function openDatabase(config: ServerConfig): Promise<OpenDatabase> {
  if (config.databaseUrl !== undefined) {
    await runMigrations(config.databaseUrl);
    const database = connect(config.databaseUrl);
    return {
      url: config.databaseUrl,
      database,
      description: `PostgreSQL at ${new URL(config.databaseUrl).host}`,
      close: () => database.close(),
    };
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o755 });
  const pgLog = createWriteStream(join(config.dataDir, 'postgres.log'), { flags: 'a' });
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPort,
    onLog: (line) => pgLog.write(`${line}\n`),
  });
  try {
    await ensureDatabaseExists(embedded.adminUrl, EMBEDDED_DATABASE);
    const url = embedded.urlFor(EMBEDDED_DATABASE);
    await runMigrations(url);
    const database = connect(url);
    return {
      url: withDatabase(url, EMBEDDED_DATABASE),
      database,
      description: `embedded PostgreSQL in ${config.dataDir}`,
      close: async () => {
        await database.close();
        await embedded.stop();
        pgLog.end();
      },
    };
  } catch (error) {
    await embedded.stop();
    pgLog.end();
    throw error;
  }
}
