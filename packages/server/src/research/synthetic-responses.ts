/**
 * The questionnaire responses of one synthetic course: its daily NRS diary and its PGIC answer,
 * stored as the patient portal stores an unscheduled answer (questionnaires/service.ts
 * answerQuestionnaire): the instrument id@version and core's complete score of the answers, its band
 * and flags, answered on the reading's day by the patient, and the hash of the request the portal
 * would have received. Unscheduled, because the portal sets course, schedule item and due date only
 * together for an answer to a scheduled occurrence, and a synthetic course has no booked calendar.
 * The author of the registry stands in as recorder (synthetic patients have no portal accounts).
 */
import { randomUUID } from 'node:crypto';
import {
  scoreInstrument,
  type CompleteScore,
  type Instrument,
  type NrsReadingInput,
  type OutcomeKnowledge,
  type PgicAnswerInput,
} from '@ketaflow/core';
import { requestHash } from '../intake/write-id.ts';
import type { questionnaireResponses } from '../questionnaires/schema.ts';

type ResponseRow = typeof questionnaireResponses.$inferInsert;

export interface ResponseAuthor {
  readonly clinicId: string;
  readonly author: string;
  readonly now: Date;
  /** The pain and PGIC instruments the cohort row was computed with. */
  readonly knowledge: Pick<OutcomeKnowledge, 'painInstrument' | 'pgicInstrument'>;
}

/** Core's complete score of a one-item answer, memoised: a registry scores millions of answers. */
const scores = new Map<string, CompleteScore>();
function scoreOf(instrument: Instrument, answers: Record<string, number>): CompleteScore {
  const key = `${instrument.ref.id}@${instrument.ref.version}:${JSON.stringify(answers)}`;
  let score = scores.get(key);
  if (score === undefined) {
    const scored = scoreInstrument(instrument, answers);
    if (!scored.ok || scored.value.status !== 'complete')
      throw new Error(`synthetic ${key} does not score as a complete answer`);
    score = scored.value;
    scores.set(key, score);
  }
  return score;
}

/** One stored answer of `instrument` (its single item answered `value`) on `day`. */
function responseRow(
  who: ResponseAuthor,
  patientId: string,
  instrument: Instrument,
  value: number,
  day: string,
): ResponseRow {
  const item = instrument.items[0];
  if (item === undefined) throw new Error(`${instrument.ref.id} has no item`);
  const id = randomUUID();
  const answers = { [item.id]: value };
  const score = scoreOf(instrument, answers);
  return {
    id,
    clinicId: who.clinicId,
    patientId,
    courseId: null,
    itemId: null,
    dueOn: null,
    instrumentId: score.instrument.id,
    instrumentVersion: score.instrument.version,
    answers,
    score: score.score,
    bandCode: score.band?.code ?? null,
    flags: score.flags.map((f) => f.code),
    answeredOn: day,
    respondent: 'patient',
    recordedBy: who.author,
    recordedAt: who.now,
    requestHash: requestHash('questionnaire.answer', patientId, {
      id,
      instrumentId: instrument.ref.id,
      answers,
    }),
  };
}

/** The diary readings and PGIC answers of one course as questionnaire responses. */
export function courseResponses(
  who: ResponseAuthor,
  patientId: string,
  readings: readonly NrsReadingInput[],
  pgicAnswers: readonly PgicAnswerInput[],
): ResponseRow[] {
  const { painInstrument, pgicInstrument } = who.knowledge;
  return [
    ...readings.map((r) => responseRow(who, patientId, painInstrument, r.nrs, r.date)),
    ...pgicAnswers.map((a) => responseRow(who, patientId, pgicInstrument, a.answer, a.date)),
  ];
}
