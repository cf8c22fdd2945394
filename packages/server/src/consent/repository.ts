/** Data access for consent texts, records and revocations, filtered by the scope's clinic. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { Scope } from '../access/scope.ts';
import { consentRecords, consentRevocations, consentTexts } from './schema.ts';

export type ConsentTextRow = typeof consentTexts.$inferSelect;
export type ConsentRecordRow = typeof consentRecords.$inferSelect;
export type ConsentRevocationRow = typeof consentRevocations.$inferSelect;

export async function latestConsentText(
  tx: Tx,
  clinicId: string,
): Promise<ConsentTextRow | undefined> {
  const [row] = await tx
    .select()
    .from(consentTexts)
    .where(eq(consentTexts.clinicId, clinicId))
    .orderBy(desc(consentTexts.version))
    .limit(1);
  return row;
}

export async function consentTextById(tx: Tx, id: string): Promise<ConsentTextRow | undefined> {
  const [row] = await tx.select().from(consentTexts).where(eq(consentTexts.id, id));
  return row;
}

export async function insertConsentText(
  tx: Tx,
  values: typeof consentTexts.$inferInsert,
): Promise<ConsentTextRow | undefined> {
  const [row] = await tx.insert(consentTexts).values(values).onConflictDoNothing().returning();
  return row;
}

export async function consentRecordById(tx: Tx, id: string): Promise<ConsentRecordRow | undefined> {
  const [row] = await tx.select().from(consentRecords).where(eq(consentRecords.id, id));
  return row;
}

export async function consentRecordsOf(
  tx: Tx,
  scope: Scope,
  patientId: string,
): Promise<ConsentRecordRow[]> {
  return tx
    .select()
    .from(consentRecords)
    .where(
      and(eq(consentRecords.clinicId, scope.clinicId), eq(consentRecords.patientId, patientId)),
    )
    .orderBy(desc(consentRecords.attestedAt), desc(consentRecords.recordedAt));
}

export async function revocationsOf(
  tx: Tx,
  recordIds: readonly string[],
): Promise<ConsentRevocationRow[]> {
  if (recordIds.length === 0) return [];
  return tx
    .select()
    .from(consentRevocations)
    .where(inArray(consentRevocations.consentRecordId, [...recordIds]));
}

export async function revocationById(
  tx: Tx,
  id: string,
): Promise<ConsentRevocationRow | undefined> {
  const [row] = await tx.select().from(consentRevocations).where(eq(consentRevocations.id, id));
  return row;
}

export async function insertConsentRecord(
  tx: Tx,
  values: typeof consentRecords.$inferInsert,
): Promise<ConsentRecordRow> {
  const [row] = await tx.insert(consentRecords).values(values).returning();
  if (row === undefined) throw new Error('insert returned no consent row');
  return row;
}

export async function insertRevocation(
  tx: Tx,
  values: typeof consentRevocations.$inferInsert,
): Promise<ConsentRevocationRow> {
  const [row] = await tx.insert(consentRevocations).values(values).returning();
  if (row === undefined) throw new Error('insert returned no revocation row');
  return row;
}
