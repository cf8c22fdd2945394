/**
 * Connection pool and drizzle handle. Every pooled connection runs as the restricted application
 * role (it cannot UPDATE or DELETE append-only rows such as the audit trail) in UTC.
 */
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { APP_ROLE } from './harden.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A transaction handle; services take `Tx` when they must run inside the caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  readonly db: Db;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

// Dates stay ISO strings ('date' columns) and bigints become numbers where drizzle asks for them.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export function connect(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // Fail fast while the database is unreachable so /readyz answers instead of hanging.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    options: `-c role=${APP_ROLE} -c TimeZone=UTC`,
  });
  // An idle client error (e.g. the server restarted) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema });
  return {
    db,
    pool,
    close: () => pool.end(),
  };
}
