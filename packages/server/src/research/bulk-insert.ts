/**
 * Bulk INSERT for generated data: one statement per chunk, `INSERT … SELECT FROM unnest($1::t[], …)`
 * with ONE array parameter per column, instead of one parameter per value. PostgreSQL parses a few
 * arrays rather than tens of thousands of placeholders, which is what makes the synthetic registry
 * load millions of rows in minutes. Columns come from the drizzle table, so names and types cannot
 * drift from the schema; columns absent from the rows keep their SQL defaults (e.g. bigserial).
 */
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client.ts';

/** Rows per statement: bounds the size of one protocol message. */
const CHUNK = 20_000;

/** A PostgreSQL array literal of one array-typed value (sent as text, cast by the server). */
const arrayLiteral = (value: readonly (string | number | boolean | null)[]): string =>
  `{${value
    .map((v) =>
      v === null
        ? 'NULL'
        : typeof v === 'number'
          ? String(v)
          : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`,
    )
    .join(',')}}`;

/** The wire value of one cell: what node-postgres sends inside the column's array parameter. */
const cell = (column: PgColumn, value: unknown): unknown => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const type = column.getSQLType();
  if (type.endsWith('[]')) return arrayLiteral(value as readonly (string | number | null)[]);
  if (type === 'json' || type === 'jsonb') return JSON.stringify(value);
  return value;
};

/** Inserts `rows` (drizzle insert shapes, all with the same keys) in one statement per chunk. */
export async function bulkInsert<T extends PgTable>(
  db: Db | Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const config = getTableConfig(table);
  const columns = Object.keys(first).map((key) => {
    const column = (table as unknown as Record<string, PgColumn | undefined>)[key];
    if (column === undefined) throw new Error(`${config.name} has no column ${key}`);
    return { key, column, type: column.getSQLType() };
  });
  const names = sql.raw(columns.map((c) => `"${c.column.name}"`).join(', '));
  // Array columns travel as text literals and are cast back in the SELECT list.
  const selectList = sql.raw(
    columns
      .map((c, i) => (c.type.endsWith('[]') ? `c${String(i)}::${c.type}` : `c${String(i)}`))
      .join(', '),
  );
  const aliases = sql.raw(columns.map((_, i) => `c${String(i)}`).join(', '));
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK) as readonly Record<string, unknown>[];
    const arrays = columns.map(
      (c) =>
        sql`${sql.param(chunk.map((row) => cell(c.column, row[c.key])))}::${sql.raw(
          c.type.endsWith('[]') ? 'text' : c.type,
        )}[]`,
    );
    await db.execute(
      sql`INSERT INTO ${sql.raw(`"${config.name}"`)} (${names}) SELECT ${selectList} FROM unnest(${sql.join(arrays, sql`, `)}) AS u(${aliases})`,
    );
  }
}
