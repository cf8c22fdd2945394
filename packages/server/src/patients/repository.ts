/**
 * Data access of the patient registry. Every function takes the request's Scope, checks its
 * permission first and filters every query by the actor's clinic (and, for a patient account, by
 * its own record), so a foreign or missing id look the same: undefined.
 */
import { PATIENT_FIELDS, type PatientField, type PatientRecord } from '@ketaflow/contract';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../access/scope.ts';
import { forbidden } from '../http/errors.ts';
import type { Tx } from '../db/client.ts';
import { columnList, runStatement, statement, tableRowReader } from '../db/statement.ts';
import { users } from '../users/schema.ts';
import type { PatientRow } from './record.ts';
import { patients, patientVersions } from './schema.ts';

/** Which patients this scope may read: the clinic, or only the patient's own record. */
function readableBy(scope: Scope): SQL {
  const inClinic = eq(patients.clinicId, scope.clinicId);
  if (scope.can('patient.read')) return inClinic;
  const own = scope.actor.patientId;
  if (scope.can('patient.read-own') && own !== null) {
    return and(inClinic, eq(patients.id, own)) ?? inClinic;
  }
  throw forbidden('patient.read');
}

/** One readable patient, or undefined (missing and foreign look alike). */
export async function findPatient(
  tx: Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PatientRow | undefined> {
  const query = tx
    .select()
    .from(patients)
    .where(and(readableBy(scope), eq(patients.id, id)));
  const [row] = options.forUpdate === true ? await query.for('update') : await query;
  return row;
}

/** The record's columns, in PATIENT_FIELDS order (a field that is no column fails to compile). */
const recordColumns = PATIENT_FIELDS.map((field) => patients[field]);

/**
 * A field of PatientRecord missing from PATIENT_FIELDS would silently not be written by the
 * registration statement: this fails to compile unless the two name the same fields.
 */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
true satisfies SameKeys<PatientField, keyof PatientRecord>;

/**
 * Patient row and version-1 history row in one statement, written once (db/statement.ts): every
 * registration runs it. ON CONFLICT on the id returns no row, so a client id that exists writes
 * nothing; the unique MRN index may still refuse the insert.
 */
const registerStatement = statement(
  'patients.register',
  `WITH created AS (
     INSERT INTO patients (id, clinic_id, created_by, updated_by,
       ${recordColumns.map((column) => `"${column.name}"`).join(', ')})
     VALUES ($1, $2, $3, $3, ${recordColumns.map((_, i) => `$${String(i + 7)}`).join(', ')})
     ON CONFLICT (id) DO NOTHING
     RETURNING ${columnList(patients)}
   ), history AS (
     INSERT INTO patient_versions (patient_id, clinic_id, version, snapshot, changed_fields, reason,
       changed_by, changed_at)
     SELECT id, clinic_id, version, $4::jsonb, $5::text[], $6, created_by, created_at FROM created
   )
   SELECT ${columnList(patients)} FROM created`,
  tableRowReader(patients),
);

/**
 * Registers a new patient of the scope's clinic with its version-1 history entry, in one statement
 * (the unique MRN index may refuse it). With an `id` that already exists nothing is written and the
 * result is undefined: the caller decides between a replay and a conflict.
 */
export async function insertRegistration(
  tx: Tx,
  scope: Scope,
  record: PatientRecord,
  registration: {
    readonly id: string;
    readonly fields: readonly PatientField[];
    readonly reason: string;
  },
): Promise<PatientRow | undefined> {
  scope.require('patient.write');
  const [row] = await runStatement(tx, registerStatement, [
    registration.id,
    scope.clinicId,
    scope.userId,
    JSON.stringify(record),
    [...registration.fields],
    registration.reason,
    // Each value encoded as drizzle encodes it for its column (jsonb as JSON text, null as NULL).
    ...PATIENT_FIELDS.map((field) => {
      const value = record[field];
      return value === null ? null : patients[field].mapToDriverValue(value);
    }),
  ]);
  return row;
}

/** Writes the next version of a record the caller has locked (findPatient with forUpdate). */
export async function updatePatientRow(
  tx: Tx,
  scope: Scope,
  current: PatientRow,
  record: PatientRecord,
): Promise<PatientRow> {
  scope.require('patient.write');
  const [row] = await tx
    .update(patients)
    .set({
      ...record,
      version: current.version + 1,
      updatedAt: sql`now()`,
      updatedBy: scope.userId,
    })
    .where(
      and(
        eq(patients.clinicId, scope.clinicId),
        eq(patients.id, current.id),
        eq(patients.version, current.version),
      ),
    )
    .returning();
  if (row === undefined) throw new Error('the locked patient row was not updated');
  return row;
}

/** Appends the history entry of a version just written. */
export async function insertVersion(
  tx: Tx,
  scope: Scope,
  row: PatientRow,
  record: PatientRecord,
  fields: readonly PatientField[],
  reason: string,
): Promise<void> {
  scope.require('patient.write');
  await tx.insert(patientVersions).values({
    patientId: row.id,
    clinicId: scope.clinicId,
    version: row.version,
    snapshot: record,
    changedFields: [...fields],
    reason,
    changedBy: scope.userId,
  });
}

export interface PatientFilters {
  /** 1..3 words; each must start the given, family or preferred name (case-insensitive). */
  readonly nameWords?: readonly string[];
  readonly dateOfBirth?: string;
  readonly mrn?: string;
}

export interface Paging {
  readonly page: number;
  readonly pageSize: number;
}

/** LIKE treats %, _ and \ specially; a name search matches them literally. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Lower-cased prefix match that the (clinic_id, lower(name) text_pattern_ops) indexes serve. */
function namePrefix(word: string): SQL {
  const pattern = sql`lower(${escapeLike(word)}) || '%'`;
  return sql`(lower(${patients.legalGivenName}) LIKE ${pattern}
    OR lower(${patients.legalFamilyName}) LIKE ${pattern}
    OR lower(${patients.preferredName}) LIKE ${pattern})`;
}

/** A page of the clinic's patients matching every filter, by family then given name. */
export async function searchPatientRows(
  tx: Tx,
  scope: Scope,
  filters: PatientFilters,
  paging: Paging,
): Promise<{ rows: PatientRow[]; total: number }> {
  scope.require('patient.read');
  const conditions: SQL[] = [eq(patients.clinicId, scope.clinicId)];
  for (const word of filters.nameWords ?? []) conditions.push(namePrefix(word));
  if (filters.dateOfBirth !== undefined)
    conditions.push(eq(patients.dateOfBirth, filters.dateOfBirth));
  if (filters.mrn !== undefined) conditions.push(eq(patients.mrn, filters.mrn));
  const where = and(...conditions);
  const found = await tx
    .select({ patient: patients, total: sql<number>`count(*) OVER ()`.mapWith(Number) })
    .from(patients)
    .where(where)
    .orderBy(
      sql`lower(${patients.legalFamilyName})`,
      sql`lower(${patients.legalGivenName})`,
      asc(patients.id),
    )
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  const first = found[0];
  if (first !== undefined) return { rows: found.map((f) => f.patient), total: first.total };
  // Past the last page the window count is absent: count separately.
  const [counted] = await tx
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(patients)
    .where(where);
  return { rows: [], total: counted?.total ?? 0 };
}

export interface VersionRow {
  readonly version: number;
  readonly changedAt: Date;
  readonly changedBy: string;
  readonly changedByName: string | null;
  readonly changedFields: string[];
  readonly reason: string;
  readonly snapshot: Record<string, unknown>;
}

/** A page of a patient's versions, newest first. The caller has checked the patient is readable. */
export async function versionRows(
  tx: Tx,
  scope: Scope,
  patientId: string,
  paging: Paging,
): Promise<{ rows: VersionRow[]; total: number }> {
  const rows = await tx
    .select({
      version: patientVersions.version,
      changedAt: patientVersions.changedAt,
      changedBy: patientVersions.changedBy,
      changedByName: users.displayName,
      changedFields: patientVersions.changedFields,
      reason: patientVersions.reason,
      snapshot: patientVersions.snapshot,
    })
    .from(patientVersions)
    .leftJoin(users, eq(users.id, patientVersions.changedBy))
    .where(
      and(eq(patientVersions.clinicId, scope.clinicId), eq(patientVersions.patientId, patientId)),
    )
    .orderBy(desc(patientVersions.version))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize);
  const [counted] = await tx
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(patientVersions)
    .where(
      and(eq(patientVersions.clinicId, scope.clinicId), eq(patientVersions.patientId, patientId)),
    );
  return { rows, total: counted?.total ?? 0 };
}
