/**
 * Data access for intake versions and weight measurements. Every query is filtered by the scope's
 * clinic; permissions are checked by the service before it calls in.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { Scope } from '../access/scope.ts';
import { intakeVersions, weightMeasurements } from './schema.ts';

export type IntakeRow = typeof intakeVersions.$inferSelect;
export type WeightRow = typeof weightMeasurements.$inferSelect;

export async function latestIntake(
  tx: Tx,
  scope: Scope,
  patientId: string,
): Promise<IntakeRow | undefined> {
  const [row] = await tx
    .select()
    .from(intakeVersions)
    .where(
      and(eq(intakeVersions.clinicId, scope.clinicId), eq(intakeVersions.patientId, patientId)),
    )
    .orderBy(desc(intakeVersions.version))
    .limit(1);
  return row;
}

/** A write by its client id, in any clinic (an id is global; a foreign one is a reused key). */
export async function intakeWrite(tx: Tx, id: string): Promise<IntakeRow | undefined> {
  const [row] = await tx.select().from(intakeVersions).where(eq(intakeVersions.id, id));
  return row;
}

export async function intakeVersionsOf(
  tx: Tx,
  scope: Scope,
  patientId: string,
): Promise<IntakeRow[]> {
  return tx
    .select()
    .from(intakeVersions)
    .where(
      and(eq(intakeVersions.clinicId, scope.clinicId), eq(intakeVersions.patientId, patientId)),
    )
    .orderBy(desc(intakeVersions.version));
}

export async function insertIntakeVersion(
  tx: Tx,
  values: typeof intakeVersions.$inferInsert,
): Promise<IntakeRow> {
  const [row] = await tx.insert(intakeVersions).values(values).returning();
  if (row === undefined) throw new Error('insert returned no intake row');
  return row;
}

export async function weightWrite(tx: Tx, id: string): Promise<WeightRow | undefined> {
  const [row] = await tx.select().from(weightMeasurements).where(eq(weightMeasurements.id, id));
  return row;
}

/** Weights of a patient, most recently measured first (ties: most recently recorded first). */
export async function weightsOf(
  tx: Tx,
  scope: Scope,
  patientId: string,
  limit?: number,
): Promise<WeightRow[]> {
  const query = tx
    .select()
    .from(weightMeasurements)
    .where(
      and(
        eq(weightMeasurements.clinicId, scope.clinicId),
        eq(weightMeasurements.patientId, patientId),
      ),
    )
    .orderBy(desc(weightMeasurements.measuredAt), desc(weightMeasurements.recordedAt));
  return limit === undefined ? query : query.limit(limit);
}

export async function insertWeight(
  tx: Tx,
  values: typeof weightMeasurements.$inferInsert,
): Promise<WeightRow> {
  const [row] = await tx.insert(weightMeasurements).values(values).returning();
  if (row === undefined) throw new Error('insert returned no weight row');
  return row;
}
