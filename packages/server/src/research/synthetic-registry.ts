/**
 * Synthetic registry: loads obviously fictional patients (synthetic-patient.ts) into a clinic fast
 * enough for the analytics benchmark (100,000 patients / ~2,000,000 sessions in minutes). Values
 * are computed in Node with the seeded generator and written in batches: each batch is ONE
 * transaction of array INSERTs (bulk-insert.ts) and carries ONE audit event
 * `registry.synthetic-load` with its counts — a bulk load of synthetic data, never real PHI, so one
 * event per batch rather than per row (docs/cli.md, `demo --patients`). A batch commits whole or
 * not at all. Deterministic for a seed (row ids are random UUIDs, so a seed can be loaded twice).
 */
import { randomUUID } from 'node:crypto';
import { createRng, type CalendarDate } from '@ketaflow/core';
import { cohortRowValues } from '../analytics/cohort-rows.ts';
import { cohortRows } from '../analytics/schema.ts';
import { appendAuditEvents } from '../audit/append.ts';
import type { Db } from '../db/client.ts';
import { courses, orders } from '../courses/schema.ts';
import { intakeVersions, weightMeasurements } from '../intake/schema.ts';
import { patientMedications } from '../medications/schema.ts';
import { outcomeKnowledge } from '../outcomes/service.ts';
import { patients } from '../patients/schema.ts';
import { questionnaireResponses } from '../questionnaires/schema.ts';
import { screeningDecisions } from '../screening/schema.ts';
import { chairs, chartEntries, infusionSessions } from '../sessions/schema.ts';
import { bulkInsert } from './bulk-insert.ts';
import { researchConsents } from './schema.ts';
import {
  addSyntheticPatient,
  emptyRows,
  type PatientContext,
  type RegistryRows,
  type SyntheticIdentity,
} from './synthetic-patient.ts';

export interface RegistryOptions {
  readonly clinicId: string;
  /** The user recorded as author of every synthetic row and of the audit events (e.g. the demo admin). */
  readonly authorUserId: string;
  readonly patients: number;
  readonly seed: number;
  /** Day 0 of the registry; the latest course starts within the 360 days before it. Default 2026-06-30. */
  readonly today?: string;
  /** Recorded-at of every row; default 23:00 UTC on `today`. */
  readonly recordedAt?: Date;
  /** Identifier values of patient i (canary tests); default fictional names. */
  readonly identity?: (i: number) => SyntheticIdentity;
  /**
   * Store each course's daily NRS diary and PGIC answer as questionnaire responses, as the portal
   * would have (the outcome page and `analytics refresh` read them). Default true; the analytics
   * benchmark leaves them out (analytics reads cohort_rows only).
   */
  readonly storeDiaries?: boolean;
  /** Patients per transaction (and per audit event). Default 2,000. */
  readonly batchSize?: number;
  /** Called after each committed batch with the running totals (progress output). */
  readonly onBatch?: (done: RegistryCounts) => void;
}

export interface RegistryCounts {
  readonly patients: number;
  readonly courses: number;
  readonly sessions: number;
  readonly chartEntries: number;
  readonly medications: number;
  readonly questionnaireResponses: number;
}

/** Writes one batch in one transaction, parents before children, with its audit event. */
async function writeBatch(
  db: Db,
  options: RegistryOptions,
  rows: RegistryRows,
  batch: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    await bulkInsert(tx, patients, rows.patients);
    await bulkInsert(tx, intakeVersions, rows.intake);
    await bulkInsert(tx, screeningDecisions, rows.screening);
    await bulkInsert(tx, weightMeasurements, rows.weights);
    await bulkInsert(tx, courses, rows.courses);
    await bulkInsert(tx, orders, rows.orders);
    await bulkInsert(tx, infusionSessions, rows.sessions);
    await bulkInsert(tx, chartEntries, rows.chart);
    await bulkInsert(tx, patientMedications, rows.meds);
    await bulkInsert(tx, researchConsents, rows.consents);
    await bulkInsert(tx, questionnaireResponses, rows.responses);
    await bulkInsert(tx, cohortRows, rows.cohort.map(cohortRowValues));
    await appendAuditEvents(
      tx,
      {
        userId: options.authorUserId,
        role: null,
        clinicId: options.clinicId,
        sourceIp: null,
        requestId: `synthetic-registry:${String(options.seed)}`,
      },
      [
        {
          action: 'registry.synthetic-load',
          resourceType: 'synthetic-registry',
          outcome: 'success',
          detail: {
            seed: options.seed,
            batch,
            patients: rows.patients.length,
            courses: rows.courses.length,
            sessions: rows.sessions.length,
            chartEntries: rows.chart.length,
            medications: rows.meds.length,
            questionnaireResponses: rows.responses.length,
          },
        },
      ],
    );
  });
}

/** Generates `patients` fictional patients into the clinic; returns what was inserted. */
export async function generateSyntheticRegistry(
  db: Db,
  options: RegistryOptions,
): Promise<RegistryCounts> {
  const rng = createRng(options.seed);
  const now = options.recordedAt ?? new Date(`${options.today ?? '2026-06-30'}T23:00:00.000Z`);
  const chairId = randomUUID();
  await db.insert(chairs).values({
    id: chairId,
    clinicId: options.clinicId,
    name: `Synthetic chair ${chairId.slice(0, 8)}`,
    requestHash: 'synthetic',
    createdBy: options.authorUserId,
    createdAt: now,
  });
  const ctx: PatientContext = {
    clinicId: options.clinicId,
    author: options.authorUserId,
    chairId,
    seed: options.seed,
    today: (options.today ?? '2026-06-30') as CalendarDate,
    now,
    knowledge: outcomeKnowledge(),
    random: () => rng.nextUniform(),
    identity: options.identity,
    storeDiaries: options.storeDiaries ?? true,
  };
  const batchSize = options.batchSize ?? 2_000;
  let totals: RegistryCounts = {
    patients: 0,
    courses: 0,
    sessions: 0,
    chartEntries: 0,
    medications: 0,
    questionnaireResponses: 0,
  };
  // Node computes the next batch while PostgreSQL writes the previous one (one write in flight).
  let writing: Promise<void> = Promise.resolve();
  for (let first = 0; first < options.patients; first += batchSize) {
    const rows = emptyRows();
    for (let i = first; i < Math.min(first + batchSize, options.patients); i += 1) {
      addSyntheticPatient(ctx, rows, i);
      if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }
    await writing;
    writing = writeBatch(db, options, rows, first / batchSize).then(() => {
      totals = {
        patients: totals.patients + rows.patients.length,
        courses: totals.courses + rows.courses.length,
        sessions: totals.sessions + rows.sessions.length,
        chartEntries: totals.chartEntries + rows.chart.length,
        medications: totals.medications + rows.meds.length,
        questionnaireResponses: totals.questionnaireResponses + rows.responses.length,
      };
      options.onBatch?.(totals);
    });
    // Handled when awaited above or below; this only stops an early failure being "unhandled".
    writing.catch(() => undefined);
  }
  await writing;
  return totals;
}
