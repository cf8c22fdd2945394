/**
 * Statements written once for the hot per-request path (session lookup, patient registration, audit
 * append). Drizzle rebuilds a query's SQL on every call (entity checks, template assembly: about
 * 0.1–0.5 ms each, the largest Node cost of an API write); these keep their text in a constant and run
 * as node-postgres named prepared statements, which each connection parses once and then only binds.
 *
 * They run through the handle's drizzle session, so a statement joins the caller's transaction, its
 * errors are wrapped exactly as drizzle's own (a unique violation keeps its code and constraint in
 * `cause`), and values come back as drizzle's driver reads them (timestamps as text): rows are read
 * with the columns' own `mapFromDriverValue`, so a row is the same as drizzle's select of it.
 * Column lists are spelled out (never `*`): a prepared `SELECT *` on a live connection fails with
 * "cached plan must not change result type" after a migration adds a column.
 */
import { getTableColumns, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { QueryResult } from 'pg';
import type { Db, Tx } from './client.ts';

/** A returned row as the driver hands it over: column name → driver value. */
export type RawRow = Readonly<Record<string, unknown>>;

export interface Statement<Row> {
  /** The prepared statement's name: unique per text (node-postgres refuses a name reused). */
  readonly name: string;
  readonly text: string;
  /** Turns one returned row into its typed form. */
  readonly read: (raw: RawRow) => Row;
}

const names = new Set<string>();

/** Declares a statement; a second statement of the same name is a programming error. */
export function statement<Row>(
  name: string,
  text: string,
  read: (raw: RawRow) => Row,
): Statement<Row> {
  if (names.has(name)) throw new Error(`statement ${name} is declared twice`);
  names.add(name);
  return { name, text, read };
}

/** Runs a statement on a pool handle or inside the caller's transaction; returns its rows. */
export async function runStatement<Row>(
  handle: Db | Tx,
  statement: Statement<Row>,
  values: readonly unknown[],
): Promise<Row[]> {
  const query = handle._.session.prepareQuery<{
    execute: QueryResult<RawRow>;
    all: RawRow[];
    values: unknown[][];
  }>({ sql: statement.text, params: [...values] }, undefined, statement.name, false);
  const result = await query.execute();
  return result.rows.map(statement.read);
}

/** A column's value (found by its name, or `as`) as drizzle reads it; SQL NULL stays null. */
export function readColumn<C extends Column>(
  column: C,
  raw: RawRow,
  as: string = column.name,
): C['_']['data'] | null {
  const value = raw[as];
  if (value === undefined) throw new Error(`the row lacks column ${as}`);
  return value === null ? null : column.mapFromDriverValue(value);
}

/** The same for a value that cannot be NULL in this statement. */
export function readRequired<C extends Column>(column: C, raw: RawRow): C['_']['data'] {
  const value = readColumn(column, raw);
  if (value === null) throw new Error(`column ${column.name} is null`);
  return value;
}

/** The table's columns by key in declaration order; only those of `keys` when given. */
function columnsOf(table: PgTable, keys?: readonly string[]): [string, Column][] {
  const all = Object.entries(getTableColumns(table));
  if (keys === undefined) return all;
  const unknown = keys.filter((key) => !all.some(([k]) => k === key));
  if (unknown.length > 0) throw new Error(`no such column: ${unknown.join(', ')}`);
  return all.filter(([key]) => keys.includes(key));
}

/**
 * `"a", "b", …`: every column of the table in declaration order (or those of `keys`), for a RETURNING
 * or SELECT list. With `alias` (a join of tables that share column names): `alias."a" AS "alias.a",
 * …`, read back by tableRowReader with the same alias and keys.
 */
export function columnList(table: PgTable, alias?: string, keys?: readonly string[]): string {
  return columnsOf(table, keys)
    .map(([, column]) =>
      alias === undefined
        ? `"${column.name}"`
        : `${alias}."${column.name}" AS "${alias}.${column.name}"`,
    )
    .join(', ');
}

/**
 * Reads a row holding every column of `table` (see columnList, with the same alias if any) into the
 * table's select type, exactly as drizzle's `select().from(table)` would.
 */
export function tableRowReader<T extends PgTable>(
  table: T,
  alias?: string,
): (raw: RawRow) => T['$inferSelect'];
/** The same for the columns of `keys` only: the select type picked to them. */
export function tableRowReader<T extends PgTable, K extends keyof T['$inferSelect'] & string>(
  table: T,
  alias: string | undefined,
  keys: readonly K[],
): (raw: RawRow) => Pick<T['$inferSelect'], K>;
export function tableRowReader(
  table: PgTable,
  alias?: string,
  keys?: readonly string[],
): (raw: RawRow) => Record<string, unknown> {
  const columns = columnsOf(table, keys);
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      row[key] = readColumn(
        column,
        raw,
        alias === undefined ? column.name : `${alias}.${column.name}`,
      );
    }
    return row;
  };
}
