/**
 * The two statements of every chart group commit (chart-group-commit.ts), written once
 * (db/statement.ts) instead of built by drizzle per group: the group's sessions with their orders,
 * and the group's entries as one insert of any number of rows (one array per column) that skips ids
 * already stored. Rows come back exactly as drizzle's select and insert … returning give them.
 */
import { getTableColumns } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { columnList, runStatement, statement, tableRowReader } from '../db/statement.ts';
import { orders } from '../courses/schema.ts';
import type { ChartEntryInsert, ChartEntryRow, OrderRow, SessionRow } from './repository.ts';
import { chartEntries, infusionSessions } from './schema.ts';

const readSession = tableRowReader(infusionSessions, 's');
const readOrder = tableRowReader(orders, 'o');

const targetsStatement = statement(
  'sessions.group-targets',
  `SELECT ${columnList(infusionSessions, 's')}, ${columnList(orders, 'o')}
   FROM infusion_sessions s
   JOIN orders o ON o.clinic_id = s.clinic_id AND o.id = s.order_id
   WHERE s.id = ANY ($1::uuid[])`,
  (raw): { session: SessionRow; order: OrderRow } => ({
    session: readSession(raw),
    order: readOrder(raw),
  }),
);

/** Every column the insert writes: all but `seq`, which the database numbers in insertion order. */
const written = Object.entries(getTableColumns(chartEntries)).filter(([key]) => key !== 'seq');

const insertStatement = statement(
  'sessions.group-insert-entries',
  `INSERT INTO chart_entries (${written.map(([, column]) => `"${column.name}"`).join(', ')})
   SELECT e.* FROM unnest(${written
     .map(([, column], i) => `$${String(i + 1)}::${column.getSQLType()}[]`)
     .join(', ')}) AS e
   ON CONFLICT (id) DO NOTHING
   RETURNING ${columnList(chartEntries)}`,
  tableRowReader(chartEntries),
);

/** The sessions of `sessionIds` that exist, each with its order (any clinic: the caller checks). */
export function groupTargets(
  tx: Tx,
  sessionIds: readonly string[],
): Promise<{ session: SessionRow; order: OrderRow }[]> {
  return runStatement(tx, targetsStatement, [sessionIds]);
}

/**
 * Inserts the entries in their order; an id already stored is skipped (no row returned for it).
 * Returns the rows stored, as drizzle's `insert … returning()` would.
 */
export function insertNewEntries(
  tx: Tx,
  rows: readonly ChartEntryInsert[],
): Promise<ChartEntryRow[]> {
  const values = written.map(([key, column]) =>
    rows.map((row) => {
      const value: unknown = row[key as keyof ChartEntryInsert];
      // Every written column is NOT NULL without a default: a missing value is a programming error.
      if (value === undefined || value === null) throw new Error(`chart entry lacks ${key}`);
      return column.mapToDriverValue(value);
    }),
  );
  return runStatement(tx, insertStatement, values);
}
