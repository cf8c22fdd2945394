/**
 * One synthetic patient's rows: an obviously fictional person with intake, a signed screening
 * decision and 1–4 courses on a shipped protocol (an initial course, then repeat courses when the
 * pain returned). Each course has its weight, signed orders, discharged sessions with NRS charted
 * before and after, adverse events, a daily NRS diary and a PGIC answer (the cohort row's inputs,
 * stored as questionnaire responses unless left out); the patient has an opioid line (tapered
 * after a good first course) and research consent. Each course's cohort row is computed by core
 * (patientOutcomes → cohortRowFor), never by hand. All values come from the seeded generator, so a
 * seed always yields the same registry.
 */
import { randomUUID } from 'node:crypto';
import {
  CDC_2022_MME_FACTORS,
  cohortRowFor,
  dailyMmeSeries,
  mmeChangeFromBaseline,
  patientOutcomes,
  type CalendarDate,
  type GivenSession,
  type MedicationPeriodInput,
  type NrsReadingInput,
  type OutcomeKnowledge,
  type Result,
} from '@ketaflow/core';
import type { StoredCohortRow } from '../analytics/cohort-rows.ts';
import { courses, orders } from '../courses/schema.ts';
import { intakeVersions, weightMeasurements } from '../intake/schema.ts';
import { patientMedications } from '../medications/schema.ts';
import { patients } from '../patients/schema.ts';
import { screeningDecisions } from '../screening/schema.ts';
import type { questionnaireResponses } from '../questionnaires/schema.ts';
import { chartEntries, infusionSessions } from '../sessions/schema.ts';
import { researchConsents } from './schema.ts';
import { addDays, at, daysBetween } from './synthetic-days.ts';
import { courseResponses } from './synthetic-responses.ts';

/** The rows of one batch of patients, per table. */
export interface RegistryRows {
  readonly patients: (typeof patients.$inferInsert)[];
  readonly intake: (typeof intakeVersions.$inferInsert)[];
  readonly screening: (typeof screeningDecisions.$inferInsert)[];
  readonly weights: (typeof weightMeasurements.$inferInsert)[];
  readonly courses: (typeof courses.$inferInsert)[];
  readonly orders: (typeof orders.$inferInsert)[];
  readonly sessions: (typeof infusionSessions.$inferInsert)[];
  readonly chart: (typeof chartEntries.$inferInsert)[];
  readonly meds: (typeof patientMedications.$inferInsert)[];
  readonly consents: (typeof researchConsents.$inferInsert)[];
  /** The diary and PGIC answers behind the cohort rows (empty when not stored). */
  readonly responses: (typeof questionnaireResponses.$inferInsert)[];
  readonly cohort: StoredCohortRow[];
}

export const emptyRows = (): RegistryRows => ({
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
  responses: [],
  cohort: [],
});

export interface PatientContext {
  readonly clinicId: string;
  readonly author: string;
  readonly chairId: string;
  readonly seed: number;
  readonly today: CalendarDate;
  /** Recorded-at of every row (the load time of the registry). */
  readonly now: Date;
  readonly knowledge: OutcomeKnowledge;
  /** Uniform on [0, 1) from the seeded generator. */
  readonly random: () => number;
  readonly identity?: ((i: number) => SyntheticIdentity) | undefined;
  /** Store each course's diary and PGIC as questionnaire responses (the cohort row's inputs). */
  readonly storeDiaries: boolean;
}

/** Who synthetic patient i is: fictional names and MRN, optionally fictional contact details. */
export interface SyntheticIdentity {
  readonly given: string;
  readonly family: string;
  readonly mrn: string;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: typeof patients.$inferInsert.address;
}

const must = <T>(r: Result<T>, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${r.error.code} ${r.error.message}`);
  return r.value;
};

/** Fictional, plainly synthetic regimens (doses inside the cited ranges of the protocols). */
const REGIMENS = [
  {
    protocol: { id: 'crps-outpatient-schwartzman', version: '1.0.0' },
    condition: 'G90.511',
    sessionDays: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    mgPerKg: 1.4,
  },
  {
    protocol: { id: 'fibromyalgia-single', version: '1.0.0' },
    condition: 'M79.7',
    sessionDays: [0, 7, 14, 21],
    mgPerKg: 0.4,
  },
  {
    protocol: { id: 'crps-outpatient-schwartzman', version: '1.0.0' },
    condition: 'G90.522',
    sessionDays: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    mgPerKg: 1.2,
  },
] as const;
type Regimen = (typeof REGIMENS)[number];
const OPIOIDS = [
  { drug: 'oxycodone', doseMg: [5, 10, 15] },
  { drug: 'morphine', doseMg: [15, 30] },
  { drug: 'hydrocodone', doseMg: [5, 10] },
] as const;
const GIVEN = ['Synthia', 'Demo', 'Fictia', 'Placebo', 'Testa', 'Mock'];
const FAMILY = ['Sample', 'Example', 'Madeup', 'Notreal', 'Imaginary', 'Synthetic'];
/** Up to this many courses per patient (uniform 1..MAX: 2.5 courses, ~20 sessions on average). */
const MAX_COURSES = 4;
/** Days of baseline diary before a course, and the longest diary kept after its last session. */
const BASELINE_DAYS = 7;
const DIARY_DAYS = 120;

interface PatientFacts {
  readonly patientId: string;
  readonly regimen: Regimen;
  readonly sex: 'female' | 'male';
  readonly ageYears: number;
  readonly weightKg: number;
  readonly firstDay: CalendarDate;
  readonly decisionId: string;
  readonly meds: readonly MedicationPeriodInput[];
}

interface CoursePlan {
  readonly start: CalendarDate;
  /** The day the diary of this course ends (the next course's baseline starts after it). */
  readonly end: CalendarDate;
  readonly baseline: number;
  readonly response: number;
}

/**
 * The course starts of one patient, latest first drawn as before (30–360 days before today), the
 * earlier ones 150–270 days apart, so no course's diary overlaps the next one's baseline.
 */
function planCourses(ctx: PatientContext): CoursePlan[] {
  const count = 1 + Math.floor(ctx.random() * MAX_COURSES);
  const starts: CalendarDate[] = [addDays(ctx.today, -30 - Math.floor(ctx.random() * 330))];
  while (starts.length < count)
    starts.unshift(addDays(starts[0] as string, -150 - Math.floor(ctx.random() * 120)));
  return starts.map((start, c) => {
    const next = starts[c + 1];
    return {
      start,
      end: next === undefined ? ctx.today : addDays(next, -BASELINE_DAYS - 1),
      baseline: 6 + Math.floor(ctx.random() * 4),
      response: ctx.random(),
    };
  });
}

function addCourse(
  ctx: PatientContext,
  rows: RegistryRows,
  patient: PatientFacts,
  plan: CoursePlan,
): void {
  const { random } = ctx;
  const { patientId, regimen, weightKg } = patient;
  const common = { clinicId: ctx.clinicId, requestHash: 'synthetic' };
  const weightId = randomUUID();
  rows.weights.push({
    ...common,
    id: weightId,
    patientId,
    weightKg,
    measuredAt: at(plan.start, 8),
    recordedBy: ctx.author,
    recordedAt: ctx.now,
  });
  const courseId = randomUUID();
  rows.courses.push({
    ...common,
    id: courseId,
    patientId,
    screeningDecisionId: patient.decisionId,
    protocolId: regimen.protocol.id,
    protocolVersion: regimen.protocol.version,
    phases: [],
    totalSessions: regimen.sessionDays.length,
    doseBasis: 'mg/kg/h',
    weightScalar: 'total',
    createdBy: ctx.author,
    createdAt: ctx.now,
  });
  // Baseline diary NRS 6–9, response drawn per course, relief fading later.
  const readings: NrsReadingInput[] = [];
  for (let d = -BASELINE_DAYS; d < 0; d += 1)
    readings.push({ date: addDays(plan.start, d), nrs: plan.baseline, context: 'diary' });
  const given: GivenSession[] = [];
  let adverseEvents = 0;
  const doseMg = Math.round(regimen.mgPerKg * weightKg * 10) / 10;
  for (const [n, offset] of regimen.sessionDays.entries()) {
    const date = addDays(plan.start, offset);
    if (date > ctx.today) break;
    const before = Math.max(0, plan.baseline - Math.floor(n * plan.response));
    const after = Math.max(0, before - Math.round(before * plan.response * 0.6));
    const orderId = randomUUID();
    const sessionId = randomUUID();
    rows.orders.push({
      ...common,
      id: orderId,
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
      signedBy: ctx.author,
      signedAt: ctx.now,
    });
    rows.sessions.push({
      ...common,
      id: sessionId,
      patientId,
      courseId,
      orderId,
      chairId: ctx.chairId,
      scheduledStartAt: at(date, 16),
      state: 'discharged',
      version: 1,
      createdBy: ctx.author,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const chart = (kind: 'pain' | 'adverse-event', hour: number, payload: object): void => {
      rows.chart.push({
        ...common,
        id: randomUUID(),
        sessionId,
        kind,
        occurredAt: at(date, hour),
        payload: payload as Record<string, unknown>,
        recordedBy: ctx.author,
        recordedAt: ctx.now,
      });
    };
    chart('pain', 16, { kind: 'pain', painNrs: before });
    chart('pain', 20, { kind: 'pain', painNrs: after });
    if (random() < 0.08) {
      adverseEvents += 1;
      chart('adverse-event', 18, {
        kind: 'adverse-event',
        type: ['nausea', 'vomiting', 'hypertension', 'dissociation'][Math.floor(random() * 4)],
        severity: 'mild',
        startedAt: at(date, 18).toISOString(),
        action: 'Observed',
      });
    }
    given.push({ sessionId, date, doseMg, weightKg, nrsBefore: before, nrsAfter: after });
  }
  if (given.length === 0) return;
  const last = (given.at(-1) as GivenSession).date;
  const reliefDays = Math.floor(plan.response * 90);
  const relievedNrs = Math.max(0, Math.round(plan.baseline * (1 - plan.response * 0.7)));
  for (let d = 1; addDays(last, d) <= plan.end && d <= DIARY_DAYS; d += 1) {
    const nrs = d <= reliefDays ? relievedNrs : plan.baseline;
    if (random() < 0.6) readings.push({ date: addDays(last, d), nrs, context: 'diary' });
  }
  const pgicAnswers = [
    { date: plan.end, answer: plan.response > 0.6 ? 2 : plan.response > 0.3 ? 3 : 4 },
  ];
  if (ctx.storeDiaries)
    rows.responses.push(...courseResponses(ctx, patientId, readings, pgicAnswers));
  const outcomes = must(
    patientOutcomes(
      {
        readings,
        sessions: given,
        pgicAnswers,
        checks: [],
        today: plan.end,
      },
      ctx.knowledge,
    ),
    'synthetic outcomes',
  );
  const mme =
    patient.meds.length === 0
      ? null
      : must(
          mmeChangeFromBaseline(
            patient.meds,
            plan.start,
            ctx.today,
            ctx.knowledge.rules.mmeMilestoneMonths,
            CDC_2022_MME_FACTORS,
          ),
          'synthetic MME',
        );
  const row = must(
    cohortRowFor({
      patientId,
      conditionCode: regimen.condition,
      protocol: regimen.protocol,
      sex: patient.sex,
      ageYears: patient.ageYears + Math.floor(daysBetween(patient.firstDay, plan.start) / 365),
      exposure: outcomes.exposure,
      responder: outcomes.responder,
      relief: outcomes.durableRelief,
      mme,
      rapidOnset: outcomes.rapidOnset,
      adverseEvents,
    }),
    'synthetic cohort row',
  );
  rows.cohort.push({
    courseId,
    clinicId: ctx.clinicId,
    row,
    rules: ctx.knowledge.rules.ref,
    computedAt: ctx.now,
  });
}

/** Appends patient number `i` (all of its courses) to `rows`. */
export function addSyntheticPatient(ctx: PatientContext, rows: RegistryRows, i: number): void {
  const { random } = ctx;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const common = { clinicId: ctx.clinicId, requestHash: 'synthetic' };
  const patientId = randomUUID();
  const id = ctx.identity?.(i) ?? {
    given: pick(GIVEN),
    family: `${pick(FAMILY)}-${String(i)}`,
    mrn: `SYN-${String(ctx.seed)}-${String(i)}`,
  };
  const ageYears = 20 + Math.floor(random() * 70);
  const sex = random() < 0.7 ? 'female' : 'male';
  const regimen = pick(REGIMENS);
  const weightKg = Math.round(50 + random() * 50);
  const plans = planCourses(ctx);
  const firstDay = (plans[0] as CoursePlan).start;
  const birthMonth = String(1 + Math.floor(random() * 9));
  rows.patients.push({
    clinicId: ctx.clinicId,
    id: patientId,
    mrn: id.mrn,
    legalGivenName: id.given,
    legalFamilyName: id.family,
    phone: id.phone ?? null,
    email: id.email ?? null,
    address: id.address ?? null,
    dateOfBirth: `${String(Number(firstDay.slice(0, 4)) - ageYears)}-0${birthMonth}-15`,
    sexAtBirth: sex,
    createdBy: ctx.author,
    updatedBy: ctx.author,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  const intakeId = randomUUID();
  rows.intake.push({
    ...common,
    id: intakeId,
    patientId,
    version: 1,
    document: { synthetic: true, diagnoses: [{ code: regimen.condition, text: 'Synthetic' }] },
    changedSections: [],
    reason: 'Synthetic registry',
    recordedBy: ctx.author,
    recordedAt: ctx.now,
  });
  const decisionId = randomUUID();
  rows.screening.push({
    ...common,
    id: decisionId,
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
    signedBy: ctx.author,
    signedAt: ctx.now,
  });
  // An opioid line for 60 % of patients, tapered after a good first course.
  const meds: MedicationPeriodInput[] = [];
  if (random() < 0.6) {
    const opioid = pick(OPIOIDS);
    const medId = randomUUID();
    const taperDay = addDays(firstDay, 30 + Math.floor(random() * 90));
    const stopDate = (plans[0] as CoursePlan).response > 0.5 ? taperDay : undefined;
    const med = {
      id: medId,
      drug: opioid.drug,
      doseMg: pick(opioid.doseMg),
      timesPerDay: 2 + Math.floor(random() * 2),
      startDate: addDays(firstDay, -200),
    };
    const period = { ...med, ...(stopDate === undefined ? {} : { stopDate }) };
    meds.push(period);
    // The line's MME/day as core computes it on its start day, like a line recorded through the API.
    const startDay = dailyMmeSeries([period], med.startDate, med.startDate, CDC_2022_MME_FACTORS);
    const first = startDay.ok ? startDay.value[0] : undefined;
    rows.meds.push({
      ...common,
      id: medId,
      patientId,
      medicationId: medId,
      version: 1,
      drug: med.drug,
      doseMg: med.doseMg,
      timesPerDay: med.timesPerDay,
      startDate: med.startDate,
      stopDate: stopDate ?? null,
      mmePerDay: first === undefined || first.incomplete ? null : first.mmePerDay,
      factorTableId: CDC_2022_MME_FACTORS.ref.id,
      factorTableVersion: CDC_2022_MME_FACTORS.ref.version,
      recordedBy: ctx.author,
      recordedAt: ctx.now,
    });
  }
  if (random() < 0.8)
    rows.consents.push({
      ...common,
      id: randomUUID(),
      patientId,
      granted: true,
      recordedBy: ctx.author,
      recordedAt: ctx.now,
    });
  const facts = {
    patientId,
    regimen,
    sex,
    ageYears,
    weightKg,
    firstDay,
    decisionId,
    meds,
  } as const;
  for (const plan of plans) addCourse(ctx, rows, facts, plan);
}
