/**
 * The opioid medication list and MME over time. MME/day comes from core (CDC 2022 factor table,
 * via dailyMmeSeries / mmeChangeFromBaseline); each stored line keeps the factor table id@version
 * it was computed with. Writes are idempotent (client ids), versioned (409 when stale) and audited
 * in the same transaction as every read.
 */
import {
  CDC_2022_MME_FACTORS,
  dailyMmeSeries,
  defaultOutcomeRules,
  mmeChangeFromBaseline,
  type CoreError,
  type MedicationPeriodInput,
} from '@ketaflow/core';
import type {
  MedicationChange,
  MedicationCreate,
  MedicationLine,
  MmeSeries,
} from '@ketaflow/contract';
import { inTransaction } from '../db/unit-of-work.ts';
import type { Tx } from '../db/client.ts';
import type { Scope } from '../access/scope.ts';
import { DomainError, notFound, staleVersion } from '../http/errors.ts';
import type { ServiceContext } from '../http/context.ts';
import { isReplay, mappingDuplicateId, requestHash } from '../intake/write-id.ts';
import { findPatient } from '../patients/repository.ts';
import {
  currentLines,
  findVersion,
  insertVersion,
  latestVersion,
  type MedicationRow,
} from './repository.ts';

type Dose = Pick<
  MedicationCreate,
  'drug' | 'doseMg' | 'patchMcgPerH' | 'timesPerDay' | 'startDate' | 'stopDate'
>;

const rulesResult = defaultOutcomeRules();
if (!rulesResult.ok)
  throw new Error(`Shipped outcome rules are invalid: ${rulesResult.error.message}`);
const rules = rulesResult.value;

/** A core error about `medications[i].x` or `from`/`to` names the request field instead. */
const badInput = (error: CoreError, prefix: string): DomainError =>
  new DomainError(
    error.code,
    400,
    error.message.replace(/medications\[\d+\]\./g, ''),
    error.field === undefined
      ? undefined
      : `${prefix}.${error.field.replace(/^medications\[\d+\]\./, '')}`,
  );

const periodOf = (id: string, d: Dose): MedicationPeriodInput => ({
  id,
  drug: d.drug,
  startDate: d.startDate,
  ...(d.doseMg === undefined ? {} : { doseMg: d.doseMg }),
  ...(d.patchMcgPerH === undefined ? {} : { patchMcgPerH: d.patchMcgPerH }),
  ...(d.timesPerDay === undefined ? {} : { timesPerDay: d.timesPerDay }),
  ...(d.stopDate === undefined ? {} : { stopDate: d.stopDate }),
});

/** MME/day of one line as core computes it on its start day (null when the table excludes it). */
function lineMme(id: string, d: Dose): { mmePerDay: number | null } {
  const series = dailyMmeSeries([periodOf(id, d)], d.startDate, d.startDate, CDC_2022_MME_FACTORS);
  if (!series.ok) throw badInput(series.error, 'body');
  const day = series.value[0];
  return { mmePerDay: day === undefined || day.incomplete ? null : day.mmePerDay };
}

const lineOf = (row: MedicationRow): MedicationLine => ({
  medicationId: row.medicationId,
  versionId: row.id,
  version: row.version,
  drug: row.drug,
  doseMg: row.doseMg,
  patchMcgPerH: row.patchMcgPerH,
  timesPerDay: row.timesPerDay,
  startDate: row.startDate,
  stopDate: row.stopDate,
  mmePerDay: row.mmePerDay,
  factorTable: { id: row.factorTableId, version: row.factorTableVersion },
  changeReason: row.changeReason,
  recordedAt: row.recordedAt.toISOString(),
});

async function requirePatient(tx: Tx, scope: Scope, patientId: string): Promise<void> {
  if ((await findPatient(tx, scope, patientId)) === undefined) throw notFound('patient');
}

const doseColumns = (d: Dose) => ({
  drug: d.drug,
  doseMg: d.doseMg ?? null,
  patchMcgPerH: d.patchMcgPerH ?? null,
  timesPerDay: d.timesPerDay ?? null,
  startDate: d.startDate,
  stopDate: d.stopDate ?? null,
  factorTableId: CDC_2022_MME_FACTORS.ref.id,
  factorTableVersion: CDC_2022_MME_FACTORS.ref.version,
});

/** Adds a line (version 1); a retry with the same id and body returns the original. */
export async function addMedication(
  ctx: ServiceContext,
  patientId: string,
  body: MedicationCreate,
): Promise<{ line: MedicationLine; created: boolean }> {
  ctx.scope.require('medication.write');
  const hash = requestHash('medication.add', patientId, body);
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const existing = await findVersion(tx, ctx.scope, body.id);
    if (existing !== undefined && existing.patientId !== patientId) throw notFound('medication');
    if (isReplay(existing, hash) && existing !== undefined)
      return { line: lineOf(existing), created: false };
    const { mmePerDay } = lineMme(body.id, body);
    const row = await mappingDuplicateId(
      'patient_medications',
      insertVersion(tx, {
        id: body.id,
        clinicId: ctx.scope.clinicId,
        patientId,
        medicationId: body.id,
        version: 1,
        ...doseColumns(body),
        mmePerDay,
        changeReason: null,
        requestHash: hash,
        recordedBy: ctx.scope.userId,
        recordedAt: new Date(),
      }),
    );
    audit({
      action: 'medication.add',
      resourceType: 'medication',
      resourceId: row.medicationId,
      patientId,
      outcome: 'success',
      detail: { version: 1 },
    });
    return { line: lineOf(row), created: true };
  });
}

/** Changes a line as a new version (dose, frequency, stop date); 409 when `version` is stale. */
export async function changeMedication(
  ctx: ServiceContext,
  patientId: string,
  medicationId: string,
  body: MedicationChange,
): Promise<MedicationLine> {
  ctx.scope.require('medication.write');
  const hash = requestHash('medication.change', `${patientId}/${medicationId}`, body);
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const existing = await findVersion(tx, ctx.scope, body.id);
    if (existing !== undefined && existing.medicationId !== medicationId)
      throw notFound('medication');
    if (isReplay(existing, hash) && existing !== undefined) return lineOf(existing);
    const latest = await latestVersion(tx, ctx.scope, patientId, medicationId);
    if (latest === undefined) throw notFound('medication');
    if (latest.version !== body.version) throw staleVersion('medication');
    const { mmePerDay } = lineMme(medicationId, body);
    const row = await mappingDuplicateId(
      'patient_medications',
      insertVersion(tx, {
        id: body.id,
        clinicId: ctx.scope.clinicId,
        patientId,
        medicationId,
        version: latest.version + 1,
        ...doseColumns(body),
        mmePerDay,
        changeReason: body.reason,
        requestHash: hash,
        recordedBy: ctx.scope.userId,
        recordedAt: new Date(),
      }),
    );
    audit({
      action: 'medication.change',
      resourceType: 'medication',
      resourceId: medicationId,
      patientId,
      outcome: 'success',
      detail: { version: row.version },
    });
    return lineOf(row);
  });
}

/** The current version of every line of the patient. */
export async function listMedications(
  ctx: ServiceContext,
  patientId: string,
): Promise<{ items: MedicationLine[] }> {
  ctx.scope.require('medication.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const rows = await currentLines(tx, ctx.scope, patientId);
    audit({
      action: 'medication.read',
      resourceType: 'medication',
      patientId,
      outcome: 'success',
      detail: { lines: rows.length },
    });
    return { items: rows.map(lineOf) };
  });
}

/** Daily MME/day from `from` to `to` and, given the first infusion day, the change at milestones. */
export async function mmeSeries(
  ctx: ServiceContext,
  patientId: string,
  query: { from: string; to: string; baselineDate?: string | undefined },
): Promise<MmeSeries> {
  ctx.scope.require('medication.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const rows = await currentLines(tx, ctx.scope, patientId);
    const periods = rows.map((r) =>
      periodOf(r.medicationId, {
        drug: r.drug,
        startDate: r.startDate,
        ...(r.doseMg === null ? {} : { doseMg: r.doseMg }),
        ...(r.patchMcgPerH === null ? {} : { patchMcgPerH: r.patchMcgPerH }),
        ...(r.timesPerDay === null ? {} : { timesPerDay: r.timesPerDay }),
        ...(r.stopDate === null ? {} : { stopDate: r.stopDate }),
      }),
    );
    const days = dailyMmeSeries(periods, query.from, query.to, CDC_2022_MME_FACTORS);
    if (!days.ok) throw badInput(days.error, 'querystring');
    let change = null;
    if (query.baselineDate !== undefined) {
      const result = mmeChangeFromBaseline(
        periods,
        query.baselineDate,
        query.to,
        rules.mmeMilestoneMonths,
        CDC_2022_MME_FACTORS,
      );
      if (!result.ok) throw badInput(result.error, 'querystring');
      change = result.value;
    }
    audit({
      action: 'medication.mme-read',
      resourceType: 'medication',
      patientId,
      outcome: 'success',
      detail: { days: days.value.length },
    });
    return { days: days.value, change, rules: rules.ref };
  });
}
