/**
 * The patient registry's use cases. Each runs in one transaction with its audit events
 * (inTransaction), so a change, its version row and its audit record commit together or not at all,
 * and a read is never served un-audited. Audit details carry ids, counts and field names — never
 * names, dates of birth or search text (PHI).
 */
import { randomUUID } from 'node:crypto';
import {
  PatientRecord,
  type Patient,
  type PatientCreate,
  type PatientHistoryPage,
  type PatientPage,
  type PatientSearchQuery,
  type PatientUpdate,
} from '@ketaflow/contract';
import { inTransaction } from '../db/unit-of-work.ts';
import { isUniqueViolation } from '../intake/write-id.ts';
import { DomainError, notFound, staleVersion } from '../http/errors.ts';
import type { ServiceContext } from '../http/context.ts';
import {
  findPatient,
  insertRegistration,
  insertVersion,
  searchPatientRows,
  updatePatientRow,
  versionRows,
  type Paging,
} from './repository.ts';
import {
  applyUpdate,
  changedFields,
  patientOf,
  presentFields,
  recordFromCreate,
  recordOf,
} from './record.ts';

/** The reason stored with version 1. */
export const REGISTRATION_REASON = 'Registered';

const MRN_UNIQUE_INDEX = 'patients_clinic_mrn';

const mrnTaken = (): DomainError =>
  new DomainError(
    'patient.mrn-taken',
    409,
    'Another patient of this clinic already has this MRN; check the number or find that patient.',
    'body.mrn',
  );

const idTaken = (): DomainError =>
  new DomainError(
    'patient.id-taken',
    409,
    'This id already belongs to a different registration; generate a new id for a new patient.',
    'body.id',
  );

/** Unique violations that are the user's to fix become 409s naming the field. */
async function mappingConflicts<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error, MRN_UNIQUE_INDEX)) throw mrnTaken();
    throw error;
  }
}

export interface CreateOutcome {
  readonly patient: Patient;
  /** False when this was a retry of a registration already stored (same id, same content). */
  readonly created: boolean;
}

/**
 * Registers a patient in the actor's clinic: version 1, with its history entry and audit event.
 * With a client-generated `id`, a retry returns the stored record instead of registering twice.
 */
export function createPatient(ctx: ServiceContext, input: PatientCreate): Promise<CreateOutcome> {
  return mappingConflicts(
    inTransaction(ctx.db, ctx.audit, async (tx, audit): Promise<CreateOutcome> => {
      const record = recordFromCreate(input);
      const fields = presentFields(record);
      const id = input.id ?? randomUUID();
      const row = await insertRegistration(tx, ctx.scope, record, {
        id,
        fields,
        reason: REGISTRATION_REASON,
      });
      if (row === undefined) {
        // The id exists: a retry of this registration, or an id of another record or clinic.
        const stored = await findPatient(tx, ctx.scope, id);
        if (stored === undefined || changedFields(recordOf(stored), record).length > 0) {
          throw idTaken();
        }
        audit({
          action: 'patient.create-replayed',
          resourceType: 'patient',
          resourceId: stored.id,
          patientId: stored.id,
          outcome: 'success',
          detail: { version: stored.version },
        });
        return { patient: patientOf(stored), created: false };
      }
      audit({
        action: 'patient.create',
        resourceType: 'patient',
        resourceId: row.id,
        patientId: row.id,
        outcome: 'success',
        detail: { version: row.version, fields },
      });
      return { patient: patientOf(row), created: true };
    }),
  );
}

/** One patient (404 when missing or not readable by the actor); the read is audited. */
export function getPatient(ctx: ServiceContext, id: string): Promise<Patient> {
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const row = await findPatient(tx, ctx.scope, id);
    if (row === undefined) throw notFound('patient');
    audit({
      action: 'patient.read',
      resourceType: 'patient',
      resourceId: row.id,
      patientId: row.id,
      outcome: 'success',
      detail: { version: row.version },
    });
    return patientOf(row);
  });
}

/**
 * Applies a correction to the version the user edited. The row is locked first, so of several
 * concurrent corrections to one version exactly one succeeds and the others get 409.
 */
export async function updatePatient(
  ctx: ServiceContext,
  id: string,
  update: PatientUpdate,
): Promise<Patient> {
  // Permission before lookup: a role that may not write learns nothing about which ids exist.
  ctx.scope.require('patient.write');
  return await mappingConflicts(
    inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      const current = await findPatient(tx, ctx.scope, id, { forUpdate: true });
      if (current === undefined) throw notFound('patient');
      if (current.version !== update.version) throw staleVersion('patient');
      const before = recordOf(current);
      const after = applyUpdate(before, update);
      const fields = changedFields(before, after);
      if (fields.length === 0) {
        throw new DomainError(
          'patient.unchanged',
          400,
          'Nothing differs from the current record; change at least one field.',
          'body',
        );
      }
      const row = await updatePatientRow(tx, ctx.scope, current, after);
      await insertVersion(tx, ctx.scope, row, after, fields, update.reason);
      audit({
        action: 'patient.update',
        resourceType: 'patient',
        resourceId: row.id,
        patientId: row.id,
        outcome: 'success',
        detail: { version: row.version, changedFields: fields },
      });
      return patientOf(row);
    }),
  );
}

/** Search and list in one: a page of matching patients and one `patient.search` audit event. */
export function searchPatients(
  ctx: ServiceContext,
  query: PatientSearchQuery,
): Promise<PatientPage> {
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const paging: Paging = { page: query.page, pageSize: query.pageSize };
    const { rows, total } = await searchPatientRows(
      tx,
      ctx.scope,
      {
        ...(query.name === undefined ? {} : { nameWords: query.name.split(' ') }),
        ...(query.dateOfBirth === undefined ? {} : { dateOfBirth: query.dateOfBirth }),
        ...(query.mrn === undefined ? {} : { mrn: query.mrn }),
      },
      paging,
    );
    const patientIds = rows.map((row) => row.id);
    audit({
      action: 'patient.search',
      resourceType: 'patient',
      outcome: 'success',
      // Which filters were used, never their values: names and dates of birth are PHI.
      detail: {
        filters: (['name', 'dateOfBirth', 'mrn'] as const).filter((f) => query[f] !== undefined),
        page: query.page,
        count: patientIds.length,
        total,
        patientIds,
      },
    });
    return { items: rows.map(patientOf), page: query.page, pageSize: query.pageSize, total };
  });
}

/** Every version of a readable patient, newest first (version 1 is the registration). */
export function patientHistory(
  ctx: ServiceContext,
  id: string,
  paging: Paging,
): Promise<PatientHistoryPage> {
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const patient = await findPatient(tx, ctx.scope, id);
    if (patient === undefined) throw notFound('patient');
    const { rows, total } = await versionRows(tx, ctx.scope, id, paging);
    audit({
      action: 'patient.history-read',
      resourceType: 'patient',
      resourceId: id,
      patientId: id,
      outcome: 'success',
      detail: { versions: rows.map((r) => r.version), total },
    });
    return {
      items: rows.map((r) => ({
        version: r.version,
        changedAt: r.changedAt.toISOString(),
        changedBy: r.changedBy,
        changedByName: r.changedByName,
        changedFields: r.changedFields,
        reason: r.reason,
        record: PatientRecord.parse(r.snapshot),
      })),
      page: paging.page,
      pageSize: paging.pageSize,
      total,
    };
  });
}
