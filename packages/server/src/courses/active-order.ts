/**
 * `activeSignedOrder`: the order an infusion session runs on. Every order row is signed at insert and
 * never changes (append-only table); the active one of a session is its highest version, i.e. the
 * version no later row supersedes. Infusion sessions call this inside their own transaction.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Scope } from '../access/scope.ts';
import type { Tx } from '../db/client.ts';
import { orders } from './schema.ts';
import type { OrderRow } from './repository.ts';

/**
 * The active signed order for session `sessionNumber` (1-based) of `courseId` in the scope's clinic,
 * or undefined when that session has no signed order.
 */
export async function activeSignedOrder(
  tx: Tx,
  scope: Scope,
  courseId: string,
  sessionNumber: number,
): Promise<OrderRow | undefined> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.clinicId, scope.clinicId),
        eq(orders.courseId, courseId),
        eq(orders.sessionNumber, sessionNumber),
      ),
    )
    .orderBy(desc(orders.version))
    .limit(1);
  return row;
}
