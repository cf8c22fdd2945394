/** Data access of questionnaire responses (append-only), always filtered by clinic and patient. */
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { questionnaireResponses } from './schema.ts';

export type ResponseRow = typeof questionnaireResponses.$inferSelect;
export type NewResponseRow = typeof questionnaireResponses.$inferInsert;

export async function findResponse(
  tx: Tx,
  clinicId: string,
  id: string,
): Promise<ResponseRow | undefined> {
  const [row] = await tx
    .select()
    .from(questionnaireResponses)
    .where(and(eq(questionnaireResponses.id, id), eq(questionnaireResponses.clinicId, clinicId)));
  return row;
}

export async function insertResponse(tx: Tx, row: NewResponseRow): Promise<ResponseRow> {
  const [inserted] = await tx.insert(questionnaireResponses).values(row).returning();
  if (inserted === undefined) throw new Error('questionnaire response insert returned nothing');
  return inserted;
}

/** Responses of one patient, newest first (at most 500; optionally one instrument). */
export function patientResponses(
  tx: Tx,
  clinicId: string,
  patientId: string,
  instrumentId?: string,
): Promise<ResponseRow[]> {
  return tx
    .select()
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.clinicId, clinicId),
        eq(questionnaireResponses.patientId, patientId),
        ...(instrumentId === undefined
          ? []
          : [eq(questionnaireResponses.instrumentId, instrumentId)]),
      ),
    )
    .orderBy(desc(questionnaireResponses.answeredOn), desc(questionnaireResponses.recordedAt))
    .limit(500);
}
