/**
 * Writes core CohortRows into `cohort_rows` (one per course): the outcomes service refreshes a
 * course's row after its inputs change, and the synthetic registry bulk-inserts them.
 */
import type { CohortRow, KnowledgeRef } from '@ketaflow/core';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { cohortRows } from './schema.ts';

export interface StoredCohortRow {
  readonly courseId: string;
  readonly clinicId: string;
  readonly row: CohortRow;
  readonly rules: KnowledgeRef;
  readonly computedAt: Date;
}

/** The `cohort_rows` insert shape of one stored row (also used by the synthetic registry bulk load). */
export const cohortRowValues = (s: StoredCohortRow): typeof cohortRows.$inferInsert => ({
  courseId: s.courseId,
  clinicId: s.clinicId,
  patientId: s.row.patientId,
  conditionCode: s.row.conditionCode,
  protocolId: s.row.protocol.id,
  protocolVersion: s.row.protocol.version,
  sex: s.row.sex,
  ageYears: s.row.ageYears,
  baselineMmePerDay: s.row.baselineMmePerDay,
  sessions: s.row.sessions,
  sessionDoseMgPerKg: s.row.sessionDoseMgPerKg,
  courseDoseMgPerKg: s.row.courseDoseMgPerKg,
  painClasses: s.row.painClasses === null ? null : [...s.row.painClasses],
  pgicClasses: s.row.pgicClasses === null ? null : [...s.row.pgicClasses],
  reliefDays: s.row.durableRelief?.days ?? null,
  reliefEvent: s.row.durableRelief?.event ?? null,
  mmeChangeMonths: s.row.mmeChanges.map((m) => m.months),
  mmeChangeMmePerDay: s.row.mmeChanges.map((m) => m.changeMmePerDay),
  adverseEvents: s.row.adverseEvents,
  rapidOnsetResponses: s.row.rapidOnsetResponses,
  rapidOnsetAssessed: s.row.rapidOnsetAssessed,
  rulesId: s.rules.id,
  rulesVersion: s.rules.version,
  computedAt: s.computedAt,
});

/** Inserts or replaces the rows of these courses (bulk, one statement per call). */
export async function upsertCohortRows(
  db: Db | Tx,
  rows: readonly StoredCohortRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(cohortRows)
    .values(rows.map(cohortRowValues))
    .onConflictDoUpdate({
      target: cohortRows.courseId,
      set: Object.fromEntries(
        Object.keys(cohortRowValues(rows[0] as StoredCohortRow))
          .filter((k) => k !== 'courseId')
          .map((k) => {
            const column = cohortRows[k as keyof typeof cohortRows.$inferInsert];
            return [k, sql.raw(`excluded.${column.name}`)];
          }),
      ),
    });
}
