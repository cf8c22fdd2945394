/**
 * Applies the committed, forward-only drizzle migrations and then the privilege hardening, under a
 * PostgreSQL advisory lock so that only one process migrates at a time. Also enforces the durability
 * gate before anything is written.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { assertDurable } from './durability.ts';
import { hardenDatabase } from './harden.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Arbitrary but fixed: the advisory-lock key all Ketaflow processes use for migrations. */
const MIGRATION_LOCK_KEY = 0x6b65_7461; // "keta"

export async function runMigrations(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    await assertDurable(client);
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query('SET client_min_messages = warning');
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
      await hardenDatabase(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
