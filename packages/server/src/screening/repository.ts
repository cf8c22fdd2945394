/** Data access for signed screening decisions, filtered by the scope's clinic. */
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { Scope } from '../access/scope.ts';
import { screeningDecisions } from './schema.ts';

export type ScreeningRow = typeof screeningDecisions.$inferSelect;

export async function decisionsOf(
  tx: Tx,
  scope: Scope,
  patientId: string,
): Promise<ScreeningRow[]> {
  return tx
    .select()
    .from(screeningDecisions)
    .where(
      and(
        eq(screeningDecisions.clinicId, scope.clinicId),
        eq(screeningDecisions.patientId, patientId),
      ),
    )
    .orderBy(desc(screeningDecisions.signedAt), desc(screeningDecisions.id));
}

export async function latestDecision(
  tx: Tx,
  scope: Scope,
  patientId: string,
): Promise<ScreeningRow | undefined> {
  const [row] = await decisionsOf(tx, scope, patientId);
  return row;
}

export async function decisionWrite(tx: Tx, id: string): Promise<ScreeningRow | undefined> {
  const [row] = await tx.select().from(screeningDecisions).where(eq(screeningDecisions.id, id));
  return row;
}

export async function insertDecision(
  tx: Tx,
  values: typeof screeningDecisions.$inferInsert,
): Promise<ScreeningRow> {
  const [row] = await tx.insert(screeningDecisions).values(values).returning();
  if (row === undefined) throw new Error('insert returned no screening row');
  return row;
}
