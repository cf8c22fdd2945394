/**
 * Synthetic registry: obviously fictional patients with realistic courses — intake, signed
 * screening decision, weight, course on a shipped protocol, signed orders, infusion sessions
 * (discharged), NRS before/after charted on each session, adverse events, a daily NRS diary
 * (as cohort inputs), opioid medication lines and research consent — bulk-inserted with arrays.
 * Each course's cohort row is computed by core (patientOutcomes → cohortRowFor), never by hand.
 * Deterministic for a seed. `ketaflow demo --patients N` calls generateSyntheticRegistry.
 */
import { randomUUID } from 'node:crypto';
import {
  CDC_2022_MME_FACTORS,
  cohortRowFor,
  defaultBoosterRule,
  defaultMonitoringPlan,
  defaultOutcomeRules,
  findInstrument,
  mmeChangeFromBaseline,
  patientOutcomes,
  type CalendarDate,
  type GivenSession,
  type MedicationPeriodInput,
  type NrsReadingInput,
  type OutcomeKnowledge,
  type Result,
} from '@ketaflow/core';
import type { PgTable } from 'drizzle-orm/pg-core';
import { upsertCohortRows, type StoredCohortRow } from '../analytics/cohort-rows.ts';
import type { Db } from '../db/client.ts';
import { patients } from '../patients/schema.ts';
import { intakeVersions, weightMeasurements } from '../intake/schema.ts';
import { screeningDecisions } from '../screening/schema.ts';
import { courses, orders } from '../courses/schema.ts';
import { chairs, chartEntries, infusionSessions } from '../sessions/schema.ts';
import { patientMedications } from '../medications/schema.ts';
import { researchConsents } from './schema.ts';

export interface RegistryOptions {
  readonly clinicId: string;
  /** The user recorded as author of every synthetic row (e.g. the demo admin). */
  readonly authorUserId: string;
  readonly patients: number;
  readonly seed: number;
  /** Day 0 of the registry; courses start within the 365 days before it. Default 2026-06-30. */
  readonly today?: string;
  /** Identifier values of patient i (canary tests); default fictional names. */
  readonly identity?: (i: number) => { given: string; family: string; mrn: string };
}

export interface RegistryCounts {
  readonly patients: number;
  readonly sessions: number;
  readonly chartEntries: number;
  readonly medications: number;
}

/** Calendar arithmetic on ISO dates (UTC midnight; no zones involved). */
const addDays = (date: string, days: number): CalendarDate =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10) as CalendarDate;

type RowKind =
  | 'patients'
  | 'intake'
  | 'screening'
  | 'weights'
  | 'courses'
  | 'orders'
  | 'sessions'
  | 'chart'
  | 'meds'
  | 'consents';

/** mulberry32: a small seeded generator (demo data only, never clinical randomness). */
const rng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const must = <T>(r: Result<T>, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${r.error.code} ${r.error.message}`);
  return r.value;
};

const knowledge = (): OutcomeKnowledge => ({
  rules: must(defaultOutcomeRules(), 'outcome rules'),
  booster: must(defaultBoosterRule(), 'booster rule'),
  monitoring: must(defaultMonitoringPlan(), 'monitoring plan'),
  painInstrument: must(findInstrument('nrs-0-10'), 'NRS'),
  pgicInstrument: must(findInstrument('pgic'), 'PGIC'),
});

/** Fictional, plainly synthetic regimens (doses inside the cited ranges of the protocols). */
const REGIMENS = [
  {
    protocol: { id: 'crps-outpatient-schwartzman', version: '1.0.0' },
    condition: 'G90.511',
    sessions: 10,
    mgPerKg: 1.4,
  },
  {
    protocol: { id: 'fibromyalgia-single', version: '1.0.0' },
    condition: 'M79.7',
    sessions: 4,
    mgPerKg: 0.4,
  },
  {
    protocol: { id: 'crps-outpatient-schwartzman', version: '1.0.0' },
    condition: 'G90.522',
    sessions: 10,
    mgPerKg: 1.2,
  },
] as const;
const OPIOIDS = [
  { drug: 'oxycodone', doseMg: [5, 10, 15] },
  { drug: 'morphine', doseMg: [15, 30] },
  { drug: 'hydrocodone', doseMg: [5, 10] },
] as const;
const GIVEN = ['Synthia', 'Demo', 'Fictia', 'Placebo', 'Testa', 'Mock'];
const FAMILY = ['Sample', 'Example', 'Madeup', 'Notreal', 'Imaginary', 'Synthetic'];

const insertChunked = async (
  db: Db,
  table: PgTable,
  rows: readonly object[],
  perChunk = 1000,
): Promise<void> => {
  for (let i = 0; i < rows.length; i += perChunk) {
    await db.insert(table).values(rows.slice(i, i + perChunk));
  }
};

const at = (date: CalendarDate, hourUtc: number): Date =>
  new Date(`${date}T${String(hourUtc).padStart(2, '0')}:00:00.000Z`);

/** Generates `patients` fictional patients into the clinic; returns what was inserted. */
export async function generateSyntheticRegistry(
  db: Db,
  options: RegistryOptions,
): Promise<RegistryCounts> {
  const random = rng(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const k = knowledge();
  const today = (options.today ?? '2026-06-30') as CalendarDate;
  const now = new Date(`${today}T23:00:00.000Z`);
  const author = options.authorUserId;
  const chairId = randomUUID();
  await db.insert(chairs).values({
    id: chairId,
    clinicId: options.clinicId,
    name: `Synthetic chair ${chairId.slice(0, 8)}`,
    requestHash: 'synthetic',
    createdBy: author,
    createdAt: now,
  });
  const rows: Readonly<Record<RowKind, object[]>> = {
    patients: [],
    intake: [],
    screening: [],
    weights: [],
    courses: [],
    orders: [],
    sessions: [],
    chart: [],
    meds: [],
    consents: [],
  };
  const cohort: StoredCohortRow[] = [];
  for (let i = 0; i < options.patients; i += 1) {
    const patientId = randomUUID();
    const id = options.identity?.(i) ?? {
      given: pick(GIVEN),
      family: `${pick(FAMILY)}-${String(i)}`,
      mrn: `SYN-${String(options.seed)}-${String(i)}`,
    };
    const ageYears = 20 + Math.floor(random() * 70);
    const sex = random() < 0.7 ? 'female' : 'male';
    const regimen = pick(REGIMENS);
    const weightKg = Math.round(50 + random() * 50);
    const firstDay = addDays(today, -30 - Math.floor(random() * 330));
    const birth = `${String(Number(firstDay.slice(0, 4)) - ageYears)}-0${String(1 + Math.floor(random() * 9))}-15`;
    rows.patients.push({
      id: patientId,
      clinicId: options.clinicId,
      mrn: id.mrn,
      legalGivenName: id.given,
      legalFamilyName: id.family,
      dateOfBirth: birth,
      sexAtBirth: sex,
      createdBy: author,
      updatedBy: author,
      createdAt: now,
      updatedAt: now,
    });
    const intakeId = randomUUID();
    rows.intake.push({
      id: intakeId,
      clinicId: options.clinicId,
      patientId,
      version: 1,
      document: { synthetic: true, diagnosisCode: regimen.condition },
      changedSections: [],
      reason: 'Synthetic registry',
      requestHash: 'synthetic',
      recordedBy: author,
      recordedAt: now,
    });
    const decisionId = randomUUID();
    rows.screening.push({
      id: decisionId,
      clinicId: options.clinicId,
      patientId,
      intakeVersionId: intakeId,
      intakeVersion: 1,
      ruleSetId: 'synthetic',
      ruleSetVersion: '0.0.0',
      facts: {},
      evaluation: {},
      computedDecision: 'eligible',
      decision: 'eligible',
      reason: 'Synthetic registry',
      requestHash: 'synthetic',
      signedBy: author,
      signedAt: now,
    });
    const weightId = randomUUID();
    rows.weights.push({
      id: weightId,
      clinicId: options.clinicId,
      patientId,
      weightKg,
      measuredAt: at(firstDay, 8),
      requestHash: 'synthetic',
      recordedBy: author,
      recordedAt: now,
    });
    const courseId = randomUUID();
    rows.courses.push({
      id: courseId,
      clinicId: options.clinicId,
      patientId,
      screeningDecisionId: decisionId,
      protocolId: regimen.protocol.id,
      protocolVersion: regimen.protocol.version,
      phases: [],
      totalSessions: regimen.sessions,
      doseBasis: 'mg/kg/h',
      weightScalar: 'total',
      requestHash: 'synthetic',
      createdBy: author,
      createdAt: now,
    });
    // A patient's course: baseline diary NRS 6–9, response drawn per patient, relief fading later.
    const baseline = 6 + Math.floor(random() * 4);
    const response = random();
    const readings: NrsReadingInput[] = [];
    for (let d = -7; d < 0; d += 1)
      readings.push({ date: addDays(firstDay, d), nrs: baseline, context: 'diary' });
    const given: GivenSession[] = [];
    const sessionDays = regimen.sessions === 10 ? [...Array(10).keys()] : [0, 7, 14, 21];
    let adverseEvents = 0;
    for (const [n, offset] of sessionDays.entries()) {
      const date = addDays(firstDay, offset);
      if (date > today) break;
      const doseMg = Math.round(regimen.mgPerKg * weightKg * 10) / 10;
      const before = Math.max(0, baseline - Math.floor(n * response));
      const after = Math.max(0, before - Math.round(before * response * 0.6));
      const orderId = randomUUID();
      const sessionId = randomUUID();
      rows.orders.push({
        id: orderId,
        clinicId: options.clinicId,
        patientId,
        courseId,
        sessionNumber: n + 1,
        version: 1,
        protocolId: regimen.protocol.id,
        protocolVersion: regimen.protocol.version,
        drugLibraryId: 'synthetic',
        drugLibraryVersion: '0.0.0',
        weightMeasurementId: weightId,
        weightKg,
        heightCm: 170,
        concentrationMgPerMl: 1,
        concentrationSource: 'library',
        doseBasis: 'mg/kg/h',
        doseOrdered: regimen.mgPerKg / 4,
        doseDelivered: regimen.mgPerKg / 4,
        rateMgPerH: doseMg / 4,
        rateMlPerH: doseMg / 4,
        durationMin: 240,
        sessionDoseMg: doseMg,
        volumeMl: doseMg,
        calculation: { synthetic: true },
        weightCheck: { synthetic: true },
        requestHash: 'synthetic',
        signedBy: author,
        signedAt: now,
      });
      rows.sessions.push({
        id: sessionId,
        clinicId: options.clinicId,
        patientId,
        courseId,
        orderId,
        chairId,
        scheduledStartAt: at(date, 16),
        state: 'discharged',
        version: 1,
        requestHash: 'synthetic',
        createdBy: author,
        createdAt: now,
        updatedAt: now,
      });
      const chart = (kind: string, hour: number, payload: object) =>
        rows.chart.push({
          id: randomUUID(),
          clinicId: options.clinicId,
          sessionId,
          kind,
          occurredAt: at(date, hour),
          payload,
          requestHash: 'synthetic',
          recordedBy: author,
          recordedAt: now,
        });
      chart('pain', 16, { kind: 'pain', painNrs: before });
      chart('pain', 20, { kind: 'pain', painNrs: after });
      if (random() < 0.08) {
        adverseEvents += 1;
        chart('adverse-event', 18, {
          kind: 'adverse-event',
          type: pick(['nausea', 'vomiting', 'hypertension', 'dissociation']),
          severity: 'mild',
          startedAt: at(date, 18).toISOString(),
          action: 'Observed',
        });
      }
      given.push({ sessionId, date, doseMg, weightKg, nrsBefore: before, nrsAfter: after });
    }
    const last = given.at(-1)?.date ?? firstDay;
    const reliefDays = Math.floor(response * 90);
    for (let d = 1; addDays(last, d) <= today && d <= 120; d += 1) {
      const relieved = d <= reliefDays;
      const nrs = relieved ? Math.max(0, Math.round(baseline * (1 - response * 0.7))) : baseline;
      if (random() < 0.6) readings.push({ date: addDays(last, d), nrs, context: 'diary' });
    }
    const meds: MedicationPeriodInput[] = [];
    if (random() < 0.6) {
      const opioid = pick(OPIOIDS);
      const medId = randomUUID();
      const taperDay = addDays(firstDay, 30 + Math.floor(random() * 90));
      const med = {
        id: medId,
        drug: opioid.drug,
        doseMg: pick(opioid.doseMg),
        timesPerDay: 2 + Math.floor(random() * 2),
        startDate: addDays(firstDay, -200),
      };
      const stopDate = response > 0.5 ? taperDay : undefined;
      meds.push({ ...med, ...(stopDate === undefined ? {} : { stopDate }) });
      rows.meds.push({
        id: medId,
        clinicId: options.clinicId,
        patientId,
        medicationId: medId,
        version: 1,
        drug: med.drug,
        doseMg: med.doseMg,
        timesPerDay: med.timesPerDay,
        startDate: med.startDate,
        stopDate: stopDate ?? null,
        mmePerDay: null,
        factorTableId: CDC_2022_MME_FACTORS.ref.id,
        factorTableVersion: CDC_2022_MME_FACTORS.ref.version,
        requestHash: 'synthetic',
        recordedBy: author,
        recordedAt: now,
      });
    }
    if (random() < 0.8)
      rows.consents.push({
        id: randomUUID(),
        clinicId: options.clinicId,
        patientId,
        granted: true,
        requestHash: 'synthetic',
        recordedBy: author,
        recordedAt: now,
      });
    if (given.length === 0) continue;
    const pgicAnswers = [{ date: today, answer: response > 0.6 ? 2 : response > 0.3 ? 3 : 4 }];
    const outcomes = must(
      patientOutcomes({ readings, sessions: given, pgicAnswers, checks: [], today }, k),
      'synthetic outcomes',
    );
    const mme =
      meds.length === 0
        ? null
        : must(
            mmeChangeFromBaseline(
              meds,
              firstDay,
              today,
              k.rules.mmeMilestoneMonths,
              CDC_2022_MME_FACTORS,
            ),
            'synthetic MME',
          );
    const row = must(
      cohortRowFor({
        patientId,
        conditionCode: regimen.condition,
        protocol: regimen.protocol,
        sex,
        ageYears,
        exposure: outcomes.exposure,
        responder: outcomes.responder,
        relief: outcomes.durableRelief,
        mme,
        rapidOnset: outcomes.rapidOnset,
        adverseEvents,
      }),
      'synthetic cohort row',
    );
    cohort.push({ courseId, clinicId: options.clinicId, row, rules: k.rules.ref, computedAt: now });
  }
  await insertChunked(db, patients, rows.patients);
  await insertChunked(db, intakeVersions, rows.intake);
  await insertChunked(db, screeningDecisions, rows.screening);
  await insertChunked(db, weightMeasurements, rows.weights);
  await insertChunked(db, courses, rows.courses);
  await insertChunked(db, orders, rows.orders, 500);
  await insertChunked(db, infusionSessions, rows.sessions);
  await insertChunked(db, chartEntries, rows.chart);
  await insertChunked(db, patientMedications, rows.meds);
  await insertChunked(db, researchConsents, rows.consents);
  for (let i = 0; i < cohort.length; i += 1000)
    await upsertCohortRows(db, cohort.slice(i, i + 1000));
  return {
    patients: options.patients,
    sessions: rows.sessions.length,
    chartEntries: rows.chart.length,
    medications: rows.meds.length,
  };
}
