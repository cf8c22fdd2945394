/**
 * The durability gate: Ketaflow refuses to run on a PostgreSQL that may lose acknowledged commits
 * (safety-security.md T-4, a-5 #28): fsync, full_page_writes and synchronous_commit must all be on.
 */
import type pg from 'pg';

export class UnsafeDatabaseError extends Error {}

const REQUIRED: readonly { setting: string; accept: readonly string[]; why: string }[] = [
  { setting: 'fsync', accept: ['on'], why: 'without fsync a crash can corrupt the database' },
  {
    setting: 'full_page_writes',
    accept: ['on'],
    why: 'without full-page writes a crash can leave torn pages',
  },
  {
    setting: 'synchronous_commit',
    accept: ['on', 'remote_apply', 'remote_write', 'local'],
    why: 'with synchronous_commit off, acknowledged writes can be lost in a crash',
  },
];

/** Throws UnsafeDatabaseError naming every unsafe setting and how to fix it. */
export async function assertDurable(client: pg.ClientBase): Promise<void> {
  const problems: string[] = [];
  for (const { setting, accept, why } of REQUIRED) {
    const result = await client.query<{ value: string }>('SELECT current_setting($1) AS value', [
      setting,
    ]);
    const value = result.rows[0]?.value ?? '';
    if (!accept.includes(value)) {
      problems.push(`${setting} is "${value}" (${why}); set ${setting} = ${accept[0] ?? 'on'}`);
    }
  }
  if (problems.length > 0) {
    throw new UnsafeDatabaseError(
      `Ketaflow refuses to start: the database is not durable.\n  - ${problems.join('\n  - ')}`,
    );
  }
}
