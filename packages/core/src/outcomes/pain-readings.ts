/**
 * Pain readings on the 0–10 numeric rating scale and the two averages every outcome is measured
 * against: the baseline before the first infusion and the current pain on an assessment day.
 * NRS: 11-point, 0 = no pain, 10 = worst imaginable (LOINC 72514-3, clinical.md 7.2).
 */
import { err, ok, type Result } from '../result.ts';
import { addDays, parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import type { OutcomeRules, PainWindowRule } from './outcome-rules.ts';

/** Where a reading came from: the daily diary, or just before / after an infusion. */
export type NrsContext = 'diary' | 'before-infusion' | 'after-infusion';

export interface NrsReadingInput {
  /** Clinic-local calendar date `YYYY-MM-DD`. */
  readonly date: string;
  /** Whole number 0–10. */
  readonly nrs: number;
  readonly context: NrsContext;
}

export interface NrsReading {
  readonly date: CalendarDate;
  readonly nrs: number;
  readonly context: NrsContext;
}

const CONTEXTS: readonly NrsContext[] = ['diary', 'before-infusion', 'after-infusion'];

/** Validates NRS readings; a value outside 0–10 or not whole is rejected, never clamped. */
export const parseNrsReadings = (
  inputs: readonly NrsReadingInput[],
  field = 'readings',
): Result<NrsReading[]> => {
  const out: NrsReading[] = [];
  for (const [index, input] of inputs.entries()) {
    const at = `${field}[${index}]`;
    const date = parseCalendarDate(input.date, `${at}.date`);
    if (!date.ok) return date;
    if (!Number.isInteger(input.nrs) || input.nrs < 0 || input.nrs > 10) {
      return err({
        code: 'outcomes.nrs-out-of-range',
        field: `${at}.nrs`,
        message: `${at}.nrs must be a whole number from 0 (no pain) to 10 (worst imaginable).`,
      });
    }
    if (!CONTEXTS.includes(input.context)) {
      return err({
        code: 'outcomes.nrs-context',
        field: `${at}.context`,
        message: `${at}.context must be one of ${CONTEXTS.join(', ')}.`,
      });
    }
    out.push({ date: date.value, nrs: input.nrs, context: input.context });
  }
  return ok(out);
};

/** A pain average with the window and readings that produced it, or why it is unknown. */
export type PainAverage =
  | {
      readonly status: 'known';
      readonly meanNrs: number;
      readonly readingCount: number;
      readonly windowStart: CalendarDate;
      readonly windowEnd: CalendarDate;
    }
  | {
      readonly status: 'unknown';
      readonly reason: 'too-few-readings';
      readonly readingCount: number;
      readonly minimumReadings: number;
      readonly windowStart: CalendarDate;
      readonly windowEnd: CalendarDate;
    };

const average = (
  values: readonly NrsReading[],
  rule: PainWindowRule,
  start: CalendarDate,
  end: CalendarDate,
): PainAverage => {
  if (values.length < rule.minimumReadings) {
    return {
      status: 'unknown',
      reason: 'too-few-readings',
      readingCount: values.length,
      minimumReadings: rule.minimumReadings,
      windowStart: start,
      windowEnd: end,
    };
  }
  const sum = values.reduce((total, r) => total + r.nrs, 0);
  return {
    status: 'known',
    meanNrs: sum / values.length,
    readingCount: values.length,
    windowStart: start,
    windowEnd: end,
  };
};

/**
 * Baseline pain: mean of diary readings in the `baseline.windowDays` days before the first
 * infusion plus the NRS recorded before the first infusion (rules: default-outcome-rules).
 */
export const baselinePain = (
  readings: readonly NrsReading[],
  firstInfusion: CalendarDate,
  rules: OutcomeRules,
): PainAverage => {
  const start = addDays(firstInfusion, -rules.baseline.windowDays);
  const dayBefore = addDays(firstInfusion, -1);
  const used = readings.filter(
    (r) =>
      (r.context === 'diary' && r.date >= start && r.date <= dayBefore) ||
      (r.context === 'before-infusion' && r.date === firstInfusion),
  );
  return average(used, rules.baseline, start, firstInfusion);
};

/** Current pain: mean of diary readings in the `currentPain.windowDays` days ending on `asOf`. */
export const currentPain = (
  readings: readonly NrsReading[],
  asOf: CalendarDate,
  rules: OutcomeRules,
): PainAverage => {
  const start = addDays(asOf, 1 - rules.currentPain.windowDays);
  const used = readings.filter((r) => r.context === 'diary' && r.date >= start && r.date <= asOf);
  return average(used, rules.currentPain, start, asOf);
};

/** Percent change from baseline ((value − baseline) / baseline × 100); null when baseline is 0. */
export const percentChange = (value: number, baseline: number): number | null =>
  baseline === 0 ? null : ((value - baseline) / baseline) * 100;

/**
 * `value ≥ limit`, tolerant of binary rounding (0.1 × 3 = 0.30000000000000004 must still let a
 * value of 0.3 reach it). 1e-9 is far below the 1-point resolution of the NRS.
 */
export const atLeast = (value: number, limit: number): boolean => value >= limit - 1e-9;
