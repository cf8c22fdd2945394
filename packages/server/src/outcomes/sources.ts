/**
 * The inputs of core's patientOutcomes for one patient, read where they are recorded: infusions
 * given (infusion_sessions in a given state, dose and weight from the signed order), NRS charted
 * on each session (first entry = before, last = after the infusion), adverse events charted, the
 * daily NRS diary and PGIC answers (questionnaire_responses of the nrs-0-10 and pgic instruments).
 */
import type { GivenSession, NrsReadingInput, PgicAnswerInput } from '@ketaflow/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';

/** Session states in which the infusion was given (fully or until stopped). */
export const GIVEN_STATES = ['stopped', 'recovery', 'discharged', 'transferred'] as const;

export interface OutcomeSources {
  readonly sessions: GivenSession[];
  readonly readings: NrsReadingInput[];
  readonly pgicAnswers: PgicAnswerInput[];
  readonly adverseEvents: number;
}

type Row = Record<string, unknown>;

/** The patient's inputs; with `courseId`, only that course's sessions (cohort rows are per course). */
export async function loadOutcomeSources(
  tx: Tx,
  clinicId: string,
  patientId: string,
  courseId?: string,
): Promise<OutcomeSources> {
  const states = sql`ARRAY[${sql.join(
    GIVEN_STATES.map((s) => sql`${s}`),
    sql`, `,
  )}]`;
  const sessions = (
    await tx.execute(sql`
      SELECT s.id, (s.scheduled_start_at AT TIME ZONE c.time_zone)::date::text AS day,
             o.session_dose_mg::float8 AS dose_mg, o.weight_kg::float8 AS weight_kg,
             (SELECT e.payload->'painNrs' FROM chart_entries e WHERE e.session_id = s.id AND e.kind = 'pain'
              ORDER BY e.occurred_at, e.seq LIMIT 1) AS nrs_first,
             (SELECT e.payload->'painNrs' FROM chart_entries e WHERE e.session_id = s.id AND e.kind = 'pain'
              ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 1) AS nrs_last,
             (SELECT count(*) FROM chart_entries e WHERE e.session_id = s.id AND e.kind = 'pain')::int AS nrs_count,
             (SELECT count(*) FROM chart_entries e WHERE e.session_id = s.id AND e.kind = 'adverse-event')::int AS adverse
      FROM infusion_sessions s
      JOIN orders o ON o.id = s.order_id
      JOIN clinics c ON c.id = s.clinic_id
      WHERE s.clinic_id = ${clinicId} AND s.patient_id = ${patientId} AND s.state = ANY(${states})
        ${courseId === undefined ? sql`` : sql`AND s.course_id = ${courseId}`}
      ORDER BY s.scheduled_start_at`)
  ).rows as Row[];
  const responses = (
    await tx.execute(sql`
      SELECT instrument_id, score, answered_on::text AS day FROM questionnaire_responses
      WHERE clinic_id = ${clinicId} AND patient_id = ${patientId}
        AND instrument_id IN ('nrs-0-10', 'pgic')
      ORDER BY answered_on`)
  ).rows as Row[];
  const given = sessions.map((s): GivenSession => {
    const before = s['nrs_first'];
    const after = Number(s['nrs_count']) > 1 ? s['nrs_last'] : undefined;
    return {
      sessionId: String(s['id']),
      date: String(s['day']),
      doseMg: Number(s['dose_mg']),
      weightKg: Number(s['weight_kg']),
      ...(typeof before === 'number' ? { nrsBefore: before } : {}),
      ...(typeof after === 'number' ? { nrsAfter: after } : {}),
    };
  });
  return {
    sessions: given,
    readings: responses
      .filter((r) => r['instrument_id'] === 'nrs-0-10')
      .map((r) => ({ date: String(r['day']), nrs: Number(r['score']), context: 'diary' as const })),
    pgicAnswers: responses
      .filter((r) => r['instrument_id'] === 'pgic')
      .map((r) => ({ date: String(r['day']), answer: Number(r['score']) })),
    adverseEvents: sessions.reduce((n, s) => n + Number(s['adverse']), 0),
  };
}
