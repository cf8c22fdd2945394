/**
 * Questionnaire use cases. A patient answers a questionnaire (scored by core; incomplete answers
 * refused; a crisis flag raises an urgent care-team alert in the same transaction and returns the
 * crisis resources at once); patients and the care team read responses and what is due (core
 * questionnairesDue). Every read and write is audited; answers never appear in audit details.
 */
import type {
  QuestionnaireOccurrence,
  QuestionnaireResponse,
  QuestionnaireResponseCreate,
  QuestionnairesDue,
} from '@ketaflow/contract';
import { findInstrument, scoreInstrument } from '@ketaflow/core';
import { and, eq } from 'drizzle-orm';
import type { Scope } from '../access/scope.ts';
import { raiseUrgentAlert } from '../alerts/service.ts';
import type { Tx } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError, forbidden, fromCoreError, notFound } from '../http/errors.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { isReplay, requestHash } from '../intake/write-id.ts';
import { patients } from '../patients/schema.ts';
import { courseDue, patientCourses, type PatientCourse } from './course-calendar.ts';
import { CRISIS_RESOURCES, isCrisisFlag } from './crisis-resources.ts';
import { findResponse, insertResponse, patientResponses, type ResponseRow } from './repository.ts';

const responseOf = (row: ResponseRow): QuestionnaireResponse => ({
  id: row.id,
  patientId: row.patientId,
  courseId: row.courseId,
  itemId: row.itemId,
  dueOn: row.dueOn,
  instrument: { id: row.instrumentId, version: row.instrumentVersion },
  score: row.score,
  bandCode: row.bandCode,
  flags: [...row.flags],
  answeredOn: row.answeredOn,
  respondent: row.respondent,
  recordedAt: row.recordedAt.toISOString(),
  crisis: row.flags.some(isCrisisFlag) ? CRISIS_RESOURCES : null,
});

/** The patient record a patient account may see (403 for any other role). */
function ownPatientId(scope: Scope): string {
  scope.require('questionnaire.answer-own');
  const id = scope.actor.patientId;
  if (id === null) throw forbidden('questionnaire.answer-own');
  return id;
}

async function requirePatient(tx: Tx, scope: Scope, patientId: string): Promise<void> {
  const [row] = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.clinicId, scope.clinicId)));
  if (row === undefined) throw notFound('patient');
}

const bad = (code: string, message: string, field: string): DomainError =>
  new DomainError(code, 400, message, field);

/** Checks that a scheduled answer names an open occurrence of the patient's course. */
function checkOccurrence(
  input: QuestionnaireResponseCreate,
  courses: readonly PatientCourse[],
  today: string,
): void {
  const named = [input.courseId, input.itemId, input.dueOn].filter((v) => v !== undefined).length;
  if (named === 0) return;
  if (named !== 3) {
    throw bad(
      'questionnaire.occurrence-partial',
      'Give courseId, itemId and dueOn together (the scheduled questionnaire answered), or none of them.',
      'body.itemId',
    );
  }
  const course = courses.find((c) => c.courseId === input.courseId);
  if (course === undefined) throw notFound('course');
  const due = courseDue(course, [], today);
  if (!due.ok) throw fromCoreError(due.error, 409, 'course');
  const occurrence = due.value.occurrences.find(
    (o) => o.itemId === input.itemId && o.dueOn === input.dueOn,
  );
  if (occurrence === undefined || occurrence.instrumentId !== input.instrumentId) {
    throw bad(
      'questionnaire.no-such-occurrence',
      'This questionnaire is not open for that date in the course schedule; reload the list of questionnaires due.',
      'body.dueOn',
    );
  }
  if (occurrence.status === 'missed') {
    throw bad(
      'questionnaire.closed',
      'The time to answer this questionnaire has passed; answer the ones still due.',
      'body.dueOn',
    );
  }
}

/**
 * Stores a patient's answers with core's complete score. Retrying with the same id and body returns
 * the stored response; an incomplete form is refused naming the first missing item (a crisis flag
 * on it is still raised to the care team, in its own transaction, before the refusal).
 */
export async function answerQuestionnaire(
  ctx: ServiceContext,
  input: QuestionnaireResponseCreate,
  now: Date,
): Promise<{ response: QuestionnaireResponse; created: boolean }> {
  const patientId = ownPatientId(ctx.scope);
  const hash = requestHash('questionnaire.answer', patientId, input);
  const instrument = findInstrument(input.instrumentId);
  if (!instrument.ok) throw fromCoreError(instrument.error, 400, 'body');
  if (instrument.value.respondent === 'clinician') {
    throw bad(
      'questionnaire.clinician-only',
      'This instrument is completed by a clinician, not in the portal.',
      'body.instrumentId',
    );
  }
  const scored = scoreInstrument(instrument.value, input.answers);
  if (!scored.ok) throw fromCoreError(scored.error, 400, 'body');
  const score = scored.value;
  const crisisFlags = score.flags.map((f) => f.code).filter(isCrisisFlag);

  if (score.status === 'incomplete') {
    if (crisisFlags.length > 0) {
      await inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
        for (const code of crisisFlags) {
          await raiseUrgentAlert(tx, audit, {
            clinicId: ctx.scope.clinicId,
            patientId,
            code,
            sourceId: input.id,
            now,
          });
        }
      });
    }
    const first = score.missingItems[0] ?? '';
    throw bad(
      'questionnaire.incomplete',
      `Answer every question before sending: ${String(score.missingItems.length)} unanswered (${score.missingItems.join(', ')}).`,
      `body.answers.${first}`,
    );
  }

  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const existing = await findResponse(tx, ctx.scope.clinicId, input.id);
    if (existing !== undefined && existing.patientId !== patientId) throw notFound('response');
    if (isReplay(existing, hash) && existing !== undefined) {
      return { response: responseOf(existing), created: false };
    }
    const timeZone = await clinicTimeZone(tx, ctx.scope.clinicId);
    const today = calendarDateIn(timeZone, now);
    const courses = await patientCourses(tx, ctx.scope.clinicId, patientId, timeZone);
    checkOccurrence(input, courses, today);
    if (input.itemId !== undefined) {
      const answered = (
        await patientResponses(tx, ctx.scope.clinicId, patientId, input.instrumentId)
      ).some(
        (r) =>
          r.courseId === input.courseId && r.itemId === input.itemId && r.dueOn === input.dueOn,
      );
      if (answered) {
        throw new DomainError(
          'questionnaire.already-answered',
          409,
          'This questionnaire was already answered for that date.',
          'body.dueOn',
        );
      }
    }
    const answers = Object.fromEntries(
      Object.entries(input.answers).filter((e): e is [string, number] => e[1] !== null),
    );
    const row = await insertResponse(tx, {
      id: input.id,
      clinicId: ctx.scope.clinicId,
      patientId,
      courseId: input.courseId ?? null,
      itemId: input.itemId ?? null,
      dueOn: input.dueOn ?? null,
      instrumentId: score.instrument.id,
      instrumentVersion: score.instrument.version,
      answers,
      score: score.score,
      bandCode: score.band?.code ?? null,
      flags: score.flags.map((f) => f.code),
      answeredOn: today,
      respondent: 'patient',
      recordedBy: ctx.scope.userId,
      recordedAt: now,
      requestHash: hash,
    });
    audit({
      action: 'questionnaire.answered',
      resourceType: 'questionnaire-response',
      resourceId: row.id,
      patientId,
      outcome: 'success',
      detail: {
        instrument: `${row.instrumentId}@${row.instrumentVersion}`,
        itemId: row.itemId,
        flags: row.flags,
      },
    });
    for (const code of crisisFlags) {
      await raiseUrgentAlert(tx, audit, {
        clinicId: ctx.scope.clinicId,
        patientId,
        code,
        sourceId: row.id,
        now,
      });
    }
    return { response: responseOf(row), created: true };
  });
}

async function dueFor(
  tx: Tx,
  clinicId: string,
  patientId: string,
  now: Date,
): Promise<QuestionnairesDue> {
  const timeZone = await clinicTimeZone(tx, clinicId);
  const today = calendarDateIn(timeZone, now);
  const courses = await patientCourses(tx, clinicId, patientId, timeZone);
  const responses = await patientResponses(tx, clinicId, patientId);
  const occurrences: QuestionnaireOccurrence[] = [];
  const notes: string[] = [];
  for (const course of courses) {
    const answered = responses
      .filter((r) => r.courseId === course.courseId && r.itemId !== null && r.dueOn !== null)
      .map((r) => ({ itemId: r.itemId ?? '', dueOn: r.dueOn ?? '', completedOn: r.answeredOn }));
    const due = courseDue(course, answered, today);
    if (!due.ok) {
      notes.push(
        due.error.code === 'questionnaires.no-sessions'
          ? 'No infusion is planned yet: questionnaires start once the first one is booked.'
          : due.error.message,
      );
      continue;
    }
    for (const o of due.value.occurrences) occurrences.push({ courseId: course.courseId, ...o });
  }
  return {
    today,
    schedules: courses.map((c) => ({
      courseId: c.courseId,
      schedule: c.scheduleLabel,
    })),
    occurrences,
    notes,
  };
}

/** What is due for the signed-in patient (due and overdue first in the portal). */
export function ownQuestionnairesDue(ctx: ServiceContext, now: Date): Promise<QuestionnairesDue> {
  const patientId = ownPatientId(ctx.scope);
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const result = await dueFor(tx, ctx.scope.clinicId, patientId, now);
    audit({
      action: 'questionnaire.due-read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { occurrences: result.occurrences.length },
    });
    return result;
  });
}

/** What is due for one patient, for the care team. */
export function patientQuestionnairesDue(
  ctx: ServiceContext,
  patientId: string,
  now: Date,
): Promise<QuestionnairesDue> {
  ctx.scope.require('questionnaire.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const result = await dueFor(tx, ctx.scope.clinicId, patientId, now);
    audit({
      action: 'questionnaire.due-read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { occurrences: result.occurrences.length },
    });
    return result;
  });
}

async function listFor(
  ctx: ServiceContext,
  patientId: string,
  instrumentId: string | undefined,
  checkPatient: boolean,
): Promise<{ items: QuestionnaireResponse[] }> {
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    if (checkPatient) await requirePatient(tx, ctx.scope, patientId);
    const rows = await patientResponses(tx, ctx.scope.clinicId, patientId, instrumentId);
    audit({
      action: 'questionnaire.responses-read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { count: rows.length, ...(instrumentId === undefined ? {} : { instrumentId }) },
    });
    return { items: rows.map(responseOf) };
  });
}

/** The signed-in patient's own responses (e.g. the diary), newest first. */
export function ownResponses(
  ctx: ServiceContext,
  instrumentId: string | undefined,
): Promise<{ items: QuestionnaireResponse[] }> {
  return listFor(ctx, ownPatientId(ctx.scope), instrumentId, false);
}

/** One patient's responses for the care team (404 for a patient of another clinic). */
export function patientResponseList(
  ctx: ServiceContext,
  patientId: string,
  instrumentId: string | undefined,
): Promise<{ items: QuestionnaireResponse[] }> {
  ctx.scope.require('questionnaire.read');
  return listFor(ctx, patientId, instrumentId, true);
}
