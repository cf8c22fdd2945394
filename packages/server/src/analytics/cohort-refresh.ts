/**
 * Refreshes `cohort_rows` from the clinic's real records. A course needs a new row when it has a
 * given infusion and no row yet, or when one of its inputs was recorded after its row was computed
 * (a session changed state, e.g. was discharged; a chart entry; a medication line version; a diary
 * or PGIC response). Each such course's inputs are loaded where they are recorded (the outcome page's
 * sources, restricted to the course; the medication lines; the patient; the first diagnosis of the
 * intake its screening decision signed) and core computes the row (patientOutcomes → cohortRowFor),
 * exactly as for the outcome page. `all` recomputes every course (durable relief is censored at
 * "today", so rows age as days pass). One transaction per batch, with one audit event
 * `analytics.cohort-refresh` naming how many courses it recomputed (derived data, ids only).
 */
import {
  CDC_2022_MME_FACTORS,
  cohortRowFor,
  mmeChangeFromBaseline,
  patientOutcomes,
  type MedicationPeriodInput,
  type ResearchSex,
  type Result,
} from '@ketaflow/core';
import { sql } from 'drizzle-orm';
import { Scope } from '../access/scope.ts';
import { appendAuditEvents, type AuditContext } from '../audit/append.ts';
import type { Db, Tx } from '../db/client.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { currentLines } from '../medications/repository.ts';
import { GIVEN_STATES, loadOutcomeSources } from '../outcomes/sources.ts';
import { outcomeKnowledge } from '../outcomes/service.ts';
import { ageInYears } from '../sessions/chart-data.ts';
import { upsertCohortRows, type StoredCohortRow } from './cohort-rows.ts';

export interface RefreshOptions {
  readonly clinicId: string;
  /** The refresh time: computed-at of the rows; the clinic's today is taken from it. */
  readonly now: Date;
  /** Who runs the refresh (the CLI: no user), for the audit events. */
  readonly audit: AuditContext;
  /** Recompute every course with a given infusion, not only the stale ones. */
  readonly all?: boolean;
  /** Courses per transaction (and per audit event). Default 200. */
  readonly batchSize?: number;
}

export interface RefreshCounts {
  /** Courses whose row was written. */
  readonly refreshed: number;
  /** Courses left without a row: no diagnosis on the intake, or core refused the inputs. */
  readonly skipped: number;
}

const SEX: Readonly<Record<string, ResearchSex>> = {
  female: 'female',
  male: 'male',
  intersex: 'other',
  unknown: 'unknown',
};

const givenStates = sql`ARRAY[${sql.join(
  GIVEN_STATES.map((s) => sql`${s}`),
  sql`, `,
)}]`;

/**
 * Course ids of the clinic whose row is missing or older than an input (or all, with `all`). One
 * pass per input table grouped by course or patient (hash joins), so the cost grows linearly with
 * the clinic's records rather than with courses × sessions.
 */
async function coursesToRefresh(db: Db, clinicId: string, all: boolean): Promise<string[]> {
  const rows = await db.execute(sql`
    WITH s AS (SELECT course_id, max(updated_at) AS changed FROM infusion_sessions
               WHERE clinic_id = ${clinicId} GROUP BY course_id
               HAVING bool_or(state = ANY(${givenStates}))),
         e AS (SELECT s.course_id, max(e.recorded_at) AS changed
               FROM chart_entries e JOIN infusion_sessions s ON s.id = e.session_id
               WHERE e.clinic_id = ${clinicId} GROUP BY s.course_id),
         m AS (SELECT patient_id, max(recorded_at) AS changed FROM patient_medications
               WHERE clinic_id = ${clinicId} GROUP BY patient_id),
         q AS (SELECT patient_id, max(recorded_at) AS changed FROM questionnaire_responses
               WHERE clinic_id = ${clinicId} GROUP BY patient_id)
    SELECT c.id FROM courses c
    JOIN s ON s.course_id = c.id
    LEFT JOIN e ON e.course_id = c.id
    LEFT JOIN m ON m.patient_id = c.patient_id
    LEFT JOIN q ON q.patient_id = c.patient_id
    LEFT JOIN cohort_rows r ON r.course_id = c.id
    WHERE c.clinic_id = ${clinicId}
      AND (${all} OR r.course_id IS NULL
           OR r.computed_at < greatest(s.changed, e.changed, m.changed, q.changed))
    ORDER BY c.id`);
  return rows.rows.map((r) => String(r['id']));
}

interface CourseFacts {
  readonly patient_id: string;
  readonly date_of_birth: string;
  readonly sex_at_birth: string;
  readonly protocol_id: string;
  readonly protocol_version: string;
  readonly condition_code: string | null;
  /** First given infusion day of the patient's NEXT course: this course's diary ends before it. */
  readonly next_course_day: string | null;
}

async function courseFacts(tx: Tx, clinicId: string, courseId: string): Promise<CourseFacts> {
  const [row] = (
    await tx.execute(sql`
      SELECT c.patient_id, p.date_of_birth::text AS date_of_birth, p.sex_at_birth,
             c.protocol_id, c.protocol_version,
             iv.document->'diagnoses'->0->>'code' AS condition_code,
             (SELECT min((s.scheduled_start_at AT TIME ZONE k.time_zone)::date)::text
              FROM infusion_sessions s
              WHERE s.patient_id = c.patient_id AND s.course_id <> c.id
                AND s.state = ANY(${givenStates})
                AND s.scheduled_start_at > (SELECT max(s2.scheduled_start_at) FROM infusion_sessions s2
                                            WHERE s2.patient_id = c.patient_id
                                              AND s2.course_id = c.id)) AS next_course_day
      FROM courses c
      JOIN patients p ON p.id = c.patient_id
      JOIN clinics k ON k.id = c.clinic_id
      JOIN screening_decisions d ON d.id = c.screening_decision_id
      JOIN intake_versions iv ON iv.id = d.intake_version_id
      WHERE c.clinic_id = ${clinicId} AND c.id = ${courseId}`)
  ).rows as unknown as CourseFacts[];
  if (row === undefined) throw new Error('course to refresh vanished');
  return row;
}

async function medicationPeriods(
  tx: Tx,
  scope: Scope,
  patientId: string,
): Promise<MedicationPeriodInput[]> {
  return (await currentLines(tx, scope, patientId)).map((r) => ({
    id: r.medicationId,
    drug: r.drug,
    startDate: r.startDate,
    ...(r.doseMg === null ? {} : { doseMg: r.doseMg }),
    ...(r.patchMcgPerH === null ? {} : { patchMcgPerH: r.patchMcgPerH }),
    ...(r.timesPerDay === null ? {} : { timesPerDay: r.timesPerDay }),
    ...(r.stopDate === null ? {} : { stopDate: r.stopDate }),
  }));
}

/** The calendar date `days` before an ISO date (calendar arithmetic at UTC midnight, so no daylight-saving shift). */
const daysBefore = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The last day a closed course has answers for (ISO dates compare as text), never after today. */
function closedCourseDay(answers: readonly { readonly date: string }[], today: string): string {
  let last = '';
  for (const a of answers) if (a.date > last && a.date <= today) last = a.date;
  return last === '' ? today : last;
}

/** Core's cohort row of one course from its records, or null when it cannot have one. */
export async function cohortRowFromRecords(
  tx: Tx,
  scope: Scope,
  courseId: string,
  today: string,
): Promise<Result<StoredCohortRow['row']> | null> {
  const facts = await courseFacts(tx, scope.clinicId, courseId);
  if (facts.condition_code === null) return null;
  const sources = await loadOutcomeSources(tx, scope.clinicId, facts.patient_id, courseId);
  const sessions = sources.sessions.filter((s) => s.date <= today);
  const first = sessions[0];
  if (first === undefined) return null;
  const k = outcomeKnowledge();
  // A course followed by another is closed where the next course's baseline week begins (that week
  // belongs to the next course), and is assessed on the last day it has answers for, not on today:
  // its diary ended before the next course, so "current pain" on today would be unknown.
  const end =
    facts.next_course_day === null
      ? '9999-12-31'
      : daysBefore(facts.next_course_day, k.rules.baseline.windowDays);
  const readings = sources.readings.filter((r) => r.date < end);
  const pgicAnswers = sources.pgicAnswers.filter((a) => a.date < end);
  const assessedOn =
    facts.next_course_day === null ? today : closedCourseDay([...readings, ...pgicAnswers], today);
  const meds = await medicationPeriods(tx, scope, facts.patient_id);
  const outcomes = patientOutcomes(
    { readings, sessions, pgicAnswers, checks: [], today: assessedOn },
    k,
  );
  if (!outcomes.ok) return outcomes;
  const mme =
    meds.length === 0
      ? null
      : mmeChangeFromBaseline(
          meds,
          first.date,
          assessedOn,
          k.rules.mmeMilestoneMonths,
          CDC_2022_MME_FACTORS,
        );
  if (mme !== null && !mme.ok) return mme;
  return cohortRowFor({
    patientId: facts.patient_id,
    conditionCode: facts.condition_code,
    protocol: { id: facts.protocol_id, version: facts.protocol_version },
    sex: SEX[facts.sex_at_birth] ?? 'unknown',
    ageYears: ageInYears(facts.date_of_birth, first.date),
    exposure: outcomes.value.exposure,
    responder: outcomes.value.responder,
    relief: outcomes.value.durableRelief,
    mme: mme === null ? null : mme.value,
    rapidOnset: outcomes.value.rapidOnset,
    adverseEvents: sources.adverseEvents,
  });
}

/** Recomputes the stale (or all) cohort rows of one clinic from its records. */
export async function refreshCohortRows(db: Db, options: RefreshOptions): Promise<RefreshCounts> {
  const courseIds = await coursesToRefresh(db, options.clinicId, options.all === true);
  // The medication repository reads through a scope; only its clinic matters to that read.
  const scope = new Scope({
    userId: options.audit.userId ?? '',
    role: 'admin',
    clinicId: options.clinicId,
    patientId: null,
  });
  const rules = outcomeKnowledge().rules.ref;
  const batchSize = options.batchSize ?? 200;
  let refreshed = 0;
  let skipped = 0;
  for (let i = 0; i < courseIds.length; i += batchSize) {
    const batch = courseIds.slice(i, i + batchSize);
    await db.transaction(async (tx) => {
      const today = calendarDateIn(await clinicTimeZone(tx, options.clinicId), options.now);
      const stored: StoredCohortRow[] = [];
      for (const courseId of batch) {
        const row = await cohortRowFromRecords(tx, scope, courseId, today);
        if (row === null || !row.ok) continue;
        stored.push({
          courseId,
          clinicId: options.clinicId,
          row: row.value,
          rules,
          computedAt: options.now,
        });
      }
      await upsertCohortRows(tx, stored);
      await appendAuditEvents(tx, options.audit, [
        {
          action: 'analytics.cohort-refresh',
          resourceType: 'cohort',
          outcome: 'success',
          detail: { courses: stored.length, skipped: batch.length - stored.length },
        },
      ]);
      refreshed += stored.length;
      skipped += batch.length - stored.length;
    });
  }
  return { refreshed, skipped };
}
