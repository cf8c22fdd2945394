/**
 * Responder status of one patient on an assessment day: current pain against baseline classified
 * with the IMMPACT change classes of the pain instrument (≥ 30 % moderately important, ≥ 50 %
 * substantial) and the latest PGIC answer against the PGIC instrument's classes. The thresholds
 * are data in the instrument knowledge files; stats/immpact applies them.
 * @see Dworkin RH et al. J Pain 2008;9:105–121 (IMMPACT), clinical.md 7.1
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import type { Instrument } from '../scoring/instrument.ts';
import { classifyPainChange, classifyPgic } from '../stats/immpact.ts';
import { parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import type { OutcomeRules } from './outcome-rules.ts';
import { baselinePain, currentPain, type NrsReading, type PainAverage } from './pain-readings.ts';

export interface PgicAnswerInput {
  readonly date: string;
  /** Answer value as coded in the PGIC instrument (1 = very much improved … 7 = very much worse). */
  readonly answer: number;
}

export type PainResponse =
  | {
      readonly status: 'known';
      readonly percentReduction: number;
      readonly absoluteReduction: number;
      /** Codes of the IMMPACT classes reached, from the pain instrument. */
      readonly reached: readonly string[];
    }
  | {
      readonly status: 'unknown';
      readonly reason: 'no-baseline' | 'baseline-zero' | 'no-current-pain';
    };

export type PgicResponse =
  | {
      readonly status: 'known';
      readonly date: CalendarDate;
      readonly answer: number;
      readonly reached: readonly string[];
    }
  | { readonly status: 'unknown'; readonly reason: 'no-answer' };

export interface ResponderStatus {
  readonly asOf: CalendarDate;
  readonly baseline: PainAverage;
  readonly current: PainAverage;
  readonly pain: PainResponse;
  readonly pgic: PgicResponse;
  readonly painInstrument: KnowledgeRef;
  readonly pgicInstrument: KnowledgeRef;
  readonly rules: KnowledgeRef;
}

export interface ResponderInput {
  readonly readings: readonly NrsReading[];
  readonly firstInfusion: CalendarDate;
  readonly asOf: CalendarDate;
  readonly pgicAnswers: readonly PgicAnswerInput[];
}

/**
 * Classifies the patient on `asOf`. Missing data gives `unknown` with the reason, never
 * "non-responder". The latest PGIC answer on or before `asOf` is used.
 */
export const responderStatus = (
  input: ResponderInput,
  rules: OutcomeRules,
  painInstrument: Instrument,
  pgicInstrument: Instrument,
): Result<ResponderStatus> => {
  if (painInstrument.painChangeClasses.length === 0) {
    return err({
      code: 'outcomes.no-change-classes',
      field: 'painInstrument',
      message: `${painInstrument.ref.id}@${painInstrument.ref.version} defines no IMMPACT pain change classes; use a pain intensity instrument such as nrs-0-10.`,
    });
  }
  if (pgicInstrument.pgicChangeClasses.length === 0) {
    return err({
      code: 'outcomes.no-change-classes',
      field: 'pgicInstrument',
      message: `${pgicInstrument.ref.id}@${pgicInstrument.ref.version} defines no PGIC change classes; use the pgic instrument.`,
    });
  }
  const validAnswers = new Set(pgicInstrument.items[0]?.options?.map((o) => o.value) ?? []);
  let latest: { date: CalendarDate; answer: number } | null = null;
  for (const [index, a] of input.pgicAnswers.entries()) {
    const date = parseCalendarDate(a.date, `pgicAnswers[${index}].date`);
    if (!date.ok) return date;
    if (!validAnswers.has(a.answer)) {
      return err({
        code: 'outcomes.pgic-answer',
        field: `pgicAnswers[${index}].answer`,
        message: `pgicAnswers[${index}].answer must be one of the ${pgicInstrument.ref.id} answer values ${[...validAnswers].join(', ')}.`,
      });
    }
    if (date.value <= input.asOf && (latest === null || date.value >= latest.date)) {
      latest = { date: date.value, answer: a.answer };
    }
  }

  const baseline = baselinePain(input.readings, input.firstInfusion, rules);
  const current = currentPain(input.readings, input.asOf, rules);
  let pain: PainResponse;
  if (baseline.status === 'unknown') pain = { status: 'unknown', reason: 'no-baseline' };
  else if (baseline.meanNrs === 0) pain = { status: 'unknown', reason: 'baseline-zero' };
  else if (current.status === 'unknown') pain = { status: 'unknown', reason: 'no-current-pain' };
  else {
    const change = classifyPainChange(
      baseline.meanNrs,
      current.meanNrs,
      painInstrument.painChangeClasses,
    );
    if (!change.ok) return change;
    pain = {
      status: 'known',
      percentReduction: change.value.percentReduction,
      absoluteReduction: change.value.absoluteReduction,
      reached: change.value.reached,
    };
  }
  const pgic: PgicResponse =
    latest === null
      ? { status: 'unknown', reason: 'no-answer' }
      : {
          status: 'known',
          date: latest.date,
          answer: latest.answer,
          reached: classifyPgic(latest.answer, pgicInstrument.pgicChangeClasses),
        };
  return ok({
    asOf: input.asOf,
    baseline,
    current,
    pain,
    pgic,
    painInstrument: painInstrument.ref,
    pgicInstrument: pgicInstrument.ref,
    rules: rules.ref,
  });
};
