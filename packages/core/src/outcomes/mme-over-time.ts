/**
 * Opioid use over time: daily MME/day from a medication list with start and stop dates, computed
 * by the core MME calculator (packages/core/src/mme) so every value carries the factor table
 * id@version, and the change from the baseline (first infusion day) at monthly milestones.
 *
 * A medication the factor table excludes (buprenorphine) is not converted; each day it is active
 * is marked `incomplete` with the medication listed, so a chart never shows a silent zero.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { calculateMme, type MmeMedicationInput } from '../mme/calculate-mme.ts';
import { resolveMmeDrug, type MmeFactorTable } from '../mme/factor-table.ts';
import { err, ok, type Result } from '../result.ts';
import {
  addDays,
  addMonths,
  daysBetween,
  parseCalendarDate,
  type CalendarDate,
} from './calendar-date.ts';

/** One prescribed opioid with the days it was taken; `stopDate` is the last day taken (inclusive). */
export interface MedicationPeriodInput extends MmeMedicationInput {
  readonly id: string;
  readonly startDate: string;
  /** Absent while the medication is ongoing. */
  readonly stopDate?: string;
}

interface MedicationPeriod {
  readonly id: string;
  readonly input: MmeMedicationInput;
  readonly start: CalendarDate;
  readonly stop: CalendarDate | null;
  /** Reason code when the factor table excludes the drug (not converted). */
  readonly excludedCode: string | null;
}

export interface DailyMme {
  readonly date: CalendarDate;
  /** Total MME/day of the converted medications active that day. */
  readonly mmePerDay: number;
  /** Review flags of the factor table reached that day (e.g. 50 and 90 MME/day). */
  readonly flags: readonly string[];
  readonly activeMedicationIds: readonly string[];
  /** Active medications the table excludes; the total leaves them out. */
  readonly notConvertedMedicationIds: readonly string[];
  readonly incomplete: boolean;
  readonly factorTable: KnowledgeRef;
}

const MAX_SERIES_DAYS = 3660;

const parsePeriods = (
  inputs: readonly MedicationPeriodInput[],
  table: MmeFactorTable,
): Result<MedicationPeriod[]> => {
  const out: MedicationPeriod[] = [];
  for (const [index, m] of inputs.entries()) {
    const at = `medications[${index}]`;
    const start = parseCalendarDate(m.startDate, `${at}.startDate`);
    if (!start.ok) return start;
    let stop: CalendarDate | null = null;
    if (m.stopDate !== undefined) {
      const parsed = parseCalendarDate(m.stopDate, `${at}.stopDate`);
      if (!parsed.ok) return parsed;
      if (parsed.value < start.value) {
        return err({
          code: 'mme.stop-before-start',
          field: `${at}.stopDate`,
          message: `${at}.stopDate (${parsed.value}) is before its startDate (${start.value}); the stop date is the last day taken.`,
        });
      }
      stop = parsed.value;
    }
    const input: MmeMedicationInput = {
      drug: m.drug,
      ...(m.doseMg === undefined ? {} : { doseMg: m.doseMg }),
      ...(m.patchMcgPerH === undefined ? {} : { patchMcgPerH: m.patchMcgPerH }),
      ...(m.timesPerDay === undefined ? {} : { timesPerDay: m.timesPerDay }),
    };
    const match =
      typeof m.drug === 'string' ? resolveMmeDrug(table, m.drug) : { kind: 'unknown' as const };
    if (match.kind === 'excluded') {
      out.push({ id: m.id, input, start: start.value, stop, excludedCode: match.entry.code });
      continue;
    }
    const single = calculateMme({ medications: [input] }, table);
    if (!single.ok) {
      const field = single.error.field?.replace(/^medications\[0\]/, at) ?? at;
      return err({
        ...single.error,
        field,
        message: single.error.message.replace(/medications\[0\]/g, at),
      });
    }
    out.push({ id: m.id, input, start: start.value, stop, excludedCode: null });
  }
  return ok(out);
};

const activeOn = (m: MedicationPeriod, date: CalendarDate): boolean =>
  m.start <= date && (m.stop === null || date <= m.stop);

const mmeOn = (
  periods: readonly MedicationPeriod[],
  date: CalendarDate,
  table: MmeFactorTable,
): Result<DailyMme> => {
  const active = periods.filter((m) => activeOn(m, date));
  const converted = active.filter((m) => m.excludedCode === null);
  const notConverted = active.filter((m) => m.excludedCode !== null);
  const result = calculateMme({ medications: converted.map((m) => m.input) }, table);
  if (!result.ok) return result;
  return ok({
    date,
    mmePerDay: result.value.totalMmePerDay,
    flags: result.value.flags.map((f) => f.code),
    activeMedicationIds: active.map((m) => m.id),
    notConvertedMedicationIds: notConverted.map((m) => m.id),
    incomplete: notConverted.length > 0,
    factorTable: result.value.factorTable,
  });
};

/**
 * Daily MME/day for every day from `from` to `to` inclusive (at most 3,660 days).
 * @see https://doi.org/10.15585/mmwr.rr7103a1 (CDC 2022 MME table, via the factor table passed in)
 */
export const dailyMmeSeries = (
  medications: readonly MedicationPeriodInput[],
  fromText: string,
  toText: string,
  table: MmeFactorTable,
): Result<readonly DailyMme[]> => {
  const from = parseCalendarDate(fromText, 'from');
  if (!from.ok) return from;
  const to = parseCalendarDate(toText, 'to');
  if (!to.ok) return to;
  const span = daysBetween(from.value, to.value);
  if (span < 0 || span >= MAX_SERIES_DAYS) {
    return err({
      code: 'mme.series-range',
      field: 'to',
      message: `to must be on or after from and at most ${MAX_SERIES_DAYS} days later.`,
    });
  }
  const periods = parsePeriods(medications, table);
  if (!periods.ok) return periods;
  const days: DailyMme[] = [];
  for (let i = 0; i <= span; i += 1) {
    const day = mmeOn(periods.value, addDays(from.value, i), table);
    if (!day.ok) return day;
    days.push(day.value);
  }
  return ok(days);
};

export type MmeMilestone =
  | {
      readonly months: number;
      readonly date: CalendarDate;
      readonly status: 'reached';
      readonly mmePerDay: number;
      /** MME/day minus baseline MME/day (negative = less opioid). */
      readonly changeMmePerDay: number;
      /** Null when the baseline is 0 MME/day. */
      readonly percentChange: number | null;
      readonly incomplete: boolean;
    }
  | { readonly months: number; readonly date: CalendarDate; readonly status: 'not-yet-reached' };

export interface MmeChangeFromBaseline {
  readonly baseline: DailyMme;
  readonly milestones: readonly MmeMilestone[];
  readonly factorTable: KnowledgeRef;
}

/**
 * MME/day change from the first infusion day at each milestone (calendar months after it,
 * clamped to the month end). A milestone after `asOf` is `not-yet-reached`.
 * @param milestoneMonths ascending whole months, e.g. [1, 3, 6] from default-outcome-rules
 */
export const mmeChangeFromBaseline = (
  medications: readonly MedicationPeriodInput[],
  firstInfusionText: string,
  asOfText: string,
  milestoneMonths: readonly number[],
  table: MmeFactorTable,
): Result<MmeChangeFromBaseline> => {
  const first = parseCalendarDate(firstInfusionText, 'firstInfusionDate');
  if (!first.ok) return first;
  const asOf = parseCalendarDate(asOfText, 'asOf');
  if (!asOf.ok) return asOf;
  const periods = parsePeriods(medications, table);
  if (!periods.ok) return periods;
  const baseline = mmeOn(periods.value, first.value, table);
  if (!baseline.ok) return baseline;
  const milestones: MmeMilestone[] = [];
  for (const months of milestoneMonths) {
    const date = addMonths(first.value, months);
    if (date > asOf.value) {
      milestones.push({ months, date, status: 'not-yet-reached' });
      continue;
    }
    const day = mmeOn(periods.value, date, table);
    if (!day.ok) return day;
    const change = day.value.mmePerDay - baseline.value.mmePerDay;
    milestones.push({
      months,
      date,
      status: 'reached',
      mmePerDay: day.value.mmePerDay,
      changeMmePerDay: Math.round(change * 1e6) / 1e6,
      percentChange:
        baseline.value.mmePerDay === 0 ? null : (change / baseline.value.mmePerDay) * 100,
      incomplete: day.value.incomplete || baseline.value.incomplete,
    });
  }
  return ok({ baseline: baseline.value, milestones, factorTable: table.ref });
};
