/**
 * Intake use cases: read the current intake, save a new version (sections replaced whole, the version
 * edited must be the latest: 409 otherwise), list versions; record and list weights. Opioid MME comes
 * from core with the factor table id@version stored beside it; intake vitals are validated by core.
 * Each use case is one transaction with its audit event; audit details carry ids and section names,
 * never clinical values.
 */
import { randomUUID } from 'node:crypto';
import {
  ADMINISTRATIVE_SECTIONS,
  IntakeDocument,
  type Intake,
  type IntakeSave,
  type IntakeSection,
  type WeightMeasurement,
} from '@ketaflow/contract';
import {
  CDC_2022_MME_FACTORS,
  calculateMme,
  defaultVitalPlausibility,
  validateVitals,
  type MmeMedicationInput,
  type MmeResult,
} from '@ketaflow/core';
import type { Tx } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError, notFound, staleVersion } from '../http/errors.ts';
import { findPatient } from '../patients/repository.ts';
import type { Scope } from '../access/scope.ts';
import {
  insertIntakeVersion,
  insertWeight,
  intakeVersionsOf,
  intakeWrite,
  latestIntake,
  weightsOf,
  weightWrite,
  type IntakeRow,
  type WeightRow,
} from './repository.ts';
import { isReplay, mappingDuplicateId, requestHash } from './write-id.ts';

type WeightInput = { weightKg: number; heightCm?: number | undefined; measuredAt: string };

const invalid = (code: string, message: string, field: string): DomainError =>
  new DomainError(code, 400, message, field);

export function weightOf(row: WeightRow): WeightMeasurement {
  return {
    id: row.id,
    patientId: row.patientId,
    weightKg: row.weightKg,
    heightCm: row.heightCm,
    measuredAt: row.measuredAt.toISOString(),
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt.toISOString(),
  };
}

function intakeOf(row: IntakeRow, latestWeight: WeightRow | undefined): Intake {
  return {
    id: row.id,
    patientId: row.patientId,
    version: row.version,
    document: IntakeDocument.parse(row.document),
    changedSections: row.changedSections,
    mme: (row.mme ?? null) as Intake['mme'],
    reason: row.reason,
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt.toISOString(),
    latestWeight: latestWeight === undefined ? null : weightOf(latestWeight),
  };
}

/** 404 unless the patient is one of the scope's clinic (a foreign id answers like a missing one). */
export async function requirePatient(
  tx: Tx,
  scope: Scope,
  patientId: string,
  options: { forUpdate?: boolean } = {},
): Promise<NonNullable<Awaited<ReturnType<typeof findPatient>>>> {
  const patient = await findPatient(tx, scope, patientId, options);
  if (patient === undefined) throw notFound('patient');
  return patient;
}

/** Opioid MME/day of the medication list from core (null without opioids); errors name the field. */
export function opioidMme(document: IntakeDocument): MmeResult | null {
  const opioids: { index: number; input: MmeMedicationInput }[] = [];
  (document.medications ?? []).forEach((m, index) => {
    if (m.opioid === undefined) return;
    const { drug, doseMg, timesPerDay, patchMcgPerH } = m.opioid;
    opioids.push({
      index,
      input: {
        drug,
        ...(doseMg === undefined ? {} : { doseMg }),
        ...(timesPerDay === undefined ? {} : { timesPerDay }),
        ...(patchMcgPerH === undefined ? {} : { patchMcgPerH }),
      },
    });
  });
  if (opioids.length === 0) return null;
  const result = calculateMme({ medications: opioids.map((o) => o.input) }, CDC_2022_MME_FACTORS);
  if (!result.ok) {
    const field = (result.error.field ?? '').replace(
      /^medications\[(\d+)\]/,
      (_m, k: string) => `medications[${String(opioids[Number(k)]?.index ?? k)}].opioid`,
    );
    throw new DomainError(
      result.error.code,
      400,
      result.error.message,
      `body.sections.${field.replaceAll(/\[(\d+)\]/g, '.$1')}`,
    );
  }
  return result.value;
}

function checkVitals(document: IntakeDocument, now: Date): void {
  if (document.vitals === undefined) return;
  const { measuredAt, ...values } = document.vitals;
  if (Date.parse(measuredAt) > now.getTime()) {
    throw invalid(
      'intake.vitals-in-future',
      'The vitals are dated in the future; correct the time.',
      'body.sections.vitals.measuredAt',
    );
  }
  const checked = validateVitals(values, defaultVitalPlausibility);
  if (!checked.ok) {
    throw invalid(
      checked.error.code,
      checked.error.message,
      `body.sections.${checked.error.field ?? 'vitals'}`,
    );
  }
}

function checkWeightTime(weight: WeightInput, now: Date, field: string): void {
  if (Date.parse(weight.measuredAt) > now.getTime()) {
    throw invalid(
      'weight.in-future',
      'The weighing is dated in the future; correct the time.',
      `${field}.measuredAt`,
    );
  }
}

/** The current intake with the latest weight; 404 `intake.not-found` before the first save. */
export function getIntake(ctx: ServiceContext, patientId: string): Promise<Intake> {
  ctx.scope.require('intake.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const row = await latestIntake(tx, ctx.scope, patientId);
    if (row === undefined) throw notFound('intake');
    const [weight] = await weightsOf(tx, ctx.scope, patientId, 1);
    audit({
      action: 'intake.read',
      resourceType: 'intake',
      resourceId: row.id,
      patientId,
      outcome: 'success',
      detail: { version: row.version },
    });
    return intakeOf(row, weight);
  });
}

/**
 * Saves a new intake version. Coordinators may send only administrative sections; a weight needs
 * `weight.record`. The patient row is locked, so of two saves of one version exactly one wins.
 */
export async function saveIntake(
  ctx: ServiceContext,
  patientId: string,
  body: IntakeSave,
  now: Date,
): Promise<{ intake: Intake; created: boolean }> {
  const sections = Object.keys(body.sections) as IntakeSection[];
  const clinical = sections.some((s) => !ADMINISTRATIVE_SECTIONS.includes(s));
  ctx.scope.require(clinical ? 'intake.write-clinical' : 'intake.write-administrative');
  if (body.weight !== undefined) ctx.scope.require('weight.record');
  const hash = requestHash('intake.save', patientId, body);
  return mappingDuplicateId(
    'intake_versions',
    inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      await requirePatient(tx, ctx.scope, patientId, { forUpdate: true });
      const existing = await intakeWrite(tx, body.id);
      if (isReplay(existing, hash) && existing !== undefined) {
        if (existing.clinicId !== ctx.scope.clinicId) throw notFound('intake');
        const [weight] = await weightsOf(tx, ctx.scope, patientId, 1);
        return { intake: intakeOf(existing, weight), created: false };
      }
      const current = await latestIntake(tx, ctx.scope, patientId);
      if ((current?.version ?? 0) !== body.version) throw staleVersion('intake');
      const previous: IntakeDocument =
        current === undefined ? {} : IntakeDocument.parse(current.document);
      const document: IntakeDocument = { ...previous, ...body.sections };
      checkVitals(document, now);
      const mme = opioidMme(document);
      if (body.weight !== undefined) checkWeightTime(body.weight, now, 'body.weight');
      const row = await insertIntakeVersion(tx, {
        id: body.id,
        clinicId: ctx.scope.clinicId,
        patientId,
        version: body.version + 1,
        document: document,
        changedSections: sections,
        mme: mme as unknown as Record<string, unknown> | null,
        reason: body.reason,
        requestHash: hash,
        recordedBy: ctx.scope.userId,
        recordedAt: now,
      });
      let weight: WeightRow | undefined;
      if (body.weight !== undefined) {
        weight = await insertWeight(tx, {
          id: randomUUID(),
          clinicId: ctx.scope.clinicId,
          patientId,
          weightKg: body.weight.weightKg,
          heightCm: body.weight.heightCm ?? null,
          measuredAt: new Date(body.weight.measuredAt),
          intakeVersionId: row.id,
          requestHash: hash,
          recordedBy: ctx.scope.userId,
          recordedAt: now,
        });
      } else {
        [weight] = await weightsOf(tx, ctx.scope, patientId, 1);
      }
      audit({
        action: 'intake.save',
        resourceType: 'intake',
        resourceId: row.id,
        patientId,
        outcome: 'success',
        detail: {
          version: row.version,
          changedSections: sections,
          weight: body.weight !== undefined,
        },
      });
      return { intake: intakeOf(row, weight), created: true };
    }),
  );
}

/** Every intake version, newest first. */
export function intakeHistory(
  ctx: ServiceContext,
  patientId: string,
): Promise<{ items: Omit<Intake, 'latestWeight'>[] }> {
  ctx.scope.require('intake.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const rows = await intakeVersionsOf(tx, ctx.scope, patientId);
    audit({
      action: 'intake.history',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { versions: rows.length },
    });
    return {
      items: rows.map((r) => {
        const { latestWeight: _omit, ...rest } = intakeOf(r, undefined);
        return rest;
      }),
    };
  });
}

/** Records a weighing (nurse or prescriber); a retry with the same id returns the original. */
export async function recordWeight(
  ctx: ServiceContext,
  patientId: string,
  body: { id: string } & WeightInput,
  now: Date,
): Promise<{ weight: WeightMeasurement; created: boolean }> {
  ctx.scope.require('weight.record');
  const hash = requestHash('weight.record', patientId, body);
  return mappingDuplicateId(
    'weight_measurements',
    inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      await requirePatient(tx, ctx.scope, patientId);
      const existing = await weightWrite(tx, body.id);
      if (isReplay(existing, hash) && existing !== undefined) {
        if (existing.clinicId !== ctx.scope.clinicId) throw notFound('weight');
        return { weight: weightOf(existing), created: false };
      }
      checkWeightTime(body, now, 'body');
      const row = await insertWeight(tx, {
        id: body.id,
        clinicId: ctx.scope.clinicId,
        patientId,
        weightKg: body.weightKg,
        heightCm: body.heightCm ?? null,
        measuredAt: new Date(body.measuredAt),
        requestHash: hash,
        recordedBy: ctx.scope.userId,
        recordedAt: now,
      });
      audit({
        action: 'weight.record',
        resourceType: 'weight',
        resourceId: row.id,
        patientId,
        outcome: 'success',
        detail: {},
      });
      return { weight: weightOf(row), created: true };
    }),
  );
}

export function listWeights(
  ctx: ServiceContext,
  patientId: string,
): Promise<{ items: WeightMeasurement[] }> {
  ctx.scope.require('intake.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const rows = await weightsOf(tx, ctx.scope, patientId);
    audit({
      action: 'weight.list',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { count: rows.length },
    });
    return { items: rows.map(weightOf) };
  });
}
