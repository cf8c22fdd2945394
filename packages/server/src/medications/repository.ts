/**
 * Data access of the medication list: versions of lines, scoped to the actor's clinic; the
 * caller checks the patient is readable first (patients/repository findPatient).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Scope } from '../access/scope.ts';
import type { Tx } from '../db/client.ts';
import { patientMedications } from './schema.ts';

export type MedicationRow = typeof patientMedications.$inferSelect;
export type MedicationInsert = typeof patientMedications.$inferInsert;

export async function findVersion(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<MedicationRow | undefined> {
  const [row] = await tx
    .select()
    .from(patientMedications)
    .where(and(eq(patientMedications.clinicId, scope.clinicId), eq(patientMedications.id, id)));
  return row;
}

/** The latest version of one line of the patient, locked against a concurrent change. */
export async function latestVersion(
  tx: Tx,
  scope: Scope,
  patientId: string,
  medicationId: string,
): Promise<MedicationRow | undefined> {
  // Rows are append-only: the line's first version is locked to serialise changes of the line.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${medicationId}))`);
  const [row] = await tx
    .select()
    .from(patientMedications)
    .where(
      and(
        eq(patientMedications.clinicId, scope.clinicId),
        eq(patientMedications.patientId, patientId),
        eq(patientMedications.medicationId, medicationId),
      ),
    )
    .orderBy(desc(patientMedications.version))
    .limit(1);
  return row;
}

/** The current version of every line of the patient, by start date. */
export async function currentLines(
  tx: Tx,
  scope: Scope,
  patientId: string,
): Promise<MedicationRow[]> {
  return tx
    .selectDistinctOn([patientMedications.medicationId])
    .from(patientMedications)
    .where(
      and(
        eq(patientMedications.clinicId, scope.clinicId),
        eq(patientMedications.patientId, patientId),
      ),
    )
    .orderBy(patientMedications.medicationId, desc(patientMedications.version))
    .then((rows) =>
      rows.sort(
        (a, b) =>
          a.startDate.localeCompare(b.startDate) || a.recordedAt.getTime() - b.recordedAt.getTime(),
      ),
    );
}

export async function insertVersion(tx: Tx, values: MedicationInsert): Promise<MedicationRow> {
  const [row] = await tx.insert(patientMedications).values(values).returning();
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}
