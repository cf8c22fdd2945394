/** Data access for courses and signed orders, filtered by the scope's clinic. */
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { Scope } from '../access/scope.ts';
import { courses, orders } from './schema.ts';

export type CourseRow = typeof courses.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;

export async function findCourse(
  tx: Tx,
  scope: Scope,
  courseId: string,
  options: { forUpdate?: boolean } = {},
): Promise<CourseRow | undefined> {
  const query = tx
    .select()
    .from(courses)
    .where(and(eq(courses.clinicId, scope.clinicId), eq(courses.id, courseId)));
  const [row] = options.forUpdate === true ? await query.for('update') : await query;
  return row;
}

export async function courseWrite(tx: Tx, id: string): Promise<CourseRow | undefined> {
  const [row] = await tx.select().from(courses).where(eq(courses.id, id));
  return row;
}

export async function coursesOf(tx: Tx, scope: Scope, patientId: string): Promise<CourseRow[]> {
  return tx
    .select()
    .from(courses)
    .where(and(eq(courses.clinicId, scope.clinicId), eq(courses.patientId, patientId)))
    .orderBy(desc(courses.createdAt));
}

export async function insertCourse(
  tx: Tx,
  values: typeof courses.$inferInsert,
): Promise<CourseRow> {
  const [row] = await tx.insert(courses).values(values).returning();
  if (row === undefined) throw new Error('insert returned no course row');
  return row;
}

/** Every order version of a course: by session, newest version first. */
export async function ordersOf(tx: Tx, scope: Scope, courseId: string): Promise<OrderRow[]> {
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.clinicId, scope.clinicId), eq(orders.courseId, courseId)))
    .orderBy(orders.sessionNumber, desc(orders.version));
}

export async function findOrder(
  tx: Tx,
  scope: Scope,
  orderId: string,
): Promise<OrderRow | undefined> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.clinicId, scope.clinicId), eq(orders.id, orderId)));
  return row;
}

export async function orderWrite(tx: Tx, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, id));
  return row;
}

export async function insertOrder(tx: Tx, values: typeof orders.$inferInsert): Promise<OrderRow> {
  const [row] = await tx.insert(orders).values(values).returning();
  if (row === undefined) throw new Error('insert returned no order row');
  return row;
}

/** The active (highest-version) order of each session. */
export function activeOrders(rows: readonly OrderRow[]): OrderRow[] {
  const bySession = new Map<number, OrderRow>();
  for (const row of rows) {
    const seen = bySession.get(row.sessionNumber);
    if (seen === undefined || row.version > seen.version) bySession.set(row.sessionNumber, row);
  }
  return [...bySession.values()].sort((a, b) => a.sessionNumber - b.sessionNumber);
}
