/**
 * Durable relief: how many days after the last infusion pain stays below the clinic's return level
 * (a share of baseline), as a time-to-event with censoring so cohorts can be summarised with
 * Kaplan–Meier. Also the plain count of days since the last infusion.
 *
 * Semantics (the SQL aggregation is tested against this): diary readings dated after the last
 * infusion and on or before `asOf` are reduced to one value per day (the mean of that day's
 * readings). Relief ends on the first day of the first run of `confirmReadings` consecutive daily
 * values at or above `returnShare × baseline`. Without such a run the patient is censored on the
 * day of the last reading.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import { daysBetween, parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import type { OutcomeRules } from './outcome-rules.ts';
import { atLeast, type NrsReading } from './pain-readings.ts';

export type DurableRelief =
  | {
      readonly status: 'returned';
      /** Days from the last infusion to the first day of the confirmed return. */
      readonly days: number;
      readonly returnedOn: CalendarDate;
      /** At least one daily value below the return level came before the return. */
      readonly reliefAchieved: boolean;
    }
  | {
      readonly status: 'censored';
      /** Days from the last infusion to the last reading. */
      readonly days: number;
      readonly censoredOn: CalendarDate;
      readonly reliefAchieved: boolean;
    }
  | {
      readonly status: 'unknown';
      readonly reason: 'no-baseline' | 'baseline-zero' | 'no-follow-up-readings';
    };

export interface DurableReliefResult {
  readonly relief: DurableRelief;
  /** NRS at or above which pain counts as returned (returnShare × baseline). */
  readonly returnLevelNrs: number | null;
  /** Kaplan–Meier input: time in days and whether the event (return of pain) was observed. */
  readonly timeToEvent: { readonly days: number; readonly event: boolean } | null;
  readonly rules: KnowledgeRef;
}

/**
 * @param readings validated NRS readings (only `diary` readings are used)
 * @param lastInfusion date of the last infusion of the course
 * @param baselineNrs mean baseline NRS (0–10), or null when unknown
 * @param asOf the assessment day (today, clinic-local); later readings are ignored; must not be
 *   before `lastInfusion`
 */
export const durableRelief = (
  readings: readonly NrsReading[],
  lastInfusion: CalendarDate,
  baselineNrs: number | null,
  asOf: CalendarDate,
  rules: OutcomeRules,
): Result<DurableReliefResult> => {
  if (lastInfusion > asOf) {
    return err({
      code: 'outcomes.last-infusion-in-future',
      field: 'lastInfusionDate',
      message: `lastInfusionDate (${lastInfusion}) is after the assessment day (${asOf}); pass an infusion already given.`,
    });
  }
  const none = (
    reason: 'no-baseline' | 'baseline-zero' | 'no-follow-up-readings',
    level: number | null,
  ): DurableReliefResult => ({
    relief: { status: 'unknown', reason },
    returnLevelNrs: level,
    timeToEvent: null,
    rules: rules.ref,
  });
  if (baselineNrs === null) return ok(none('no-baseline', null));
  if (baselineNrs === 0) return ok(none('baseline-zero', 0));
  const level = rules.durableReliefReturnShare * baselineNrs;

  const byDay = new Map<CalendarDate, { sum: number; count: number }>();
  for (const r of readings) {
    if (r.context !== 'diary' || r.date <= lastInfusion || r.date > asOf) continue;
    const day = byDay.get(r.date) ?? { sum: 0, count: 0 };
    byDay.set(r.date, { sum: day.sum + r.nrs, count: day.count + 1 });
  }
  const days = [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, { sum, count }]) => ({ date, returned: atLeast(sum / count, level) }));
  const lastDay = days[days.length - 1];
  if (lastDay === undefined) return ok(none('no-follow-up-readings', level));

  const confirm = rules.durableReliefConfirmReadings;
  for (let i = 0; i + confirm <= days.length; i += 1) {
    if (days.slice(i, i + confirm).every((d) => d.returned)) {
      const returnedOn = days[i]?.date ?? lastDay.date;
      const elapsed = daysBetween(lastInfusion, returnedOn);
      return ok({
        relief: {
          status: 'returned',
          days: elapsed,
          returnedOn,
          reliefAchieved: days.slice(0, i).some((d) => !d.returned),
        },
        returnLevelNrs: level,
        timeToEvent: { days: elapsed, event: true },
        rules: rules.ref,
      });
    }
  }
  const elapsed = daysBetween(lastInfusion, lastDay.date);
  return ok({
    relief: {
      status: 'censored',
      days: elapsed,
      censoredOn: lastDay.date,
      reliefAchieved: days.some((d) => !d.returned),
    },
    returnLevelNrs: level,
    timeToEvent: { days: elapsed, event: false },
    rules: rules.ref,
  });
};

/** Whole days from the latest of `sessionDates` that is on or before `today` (null when none). */
export const daysSinceLastInfusion = (
  sessionDates: readonly string[],
  today: string,
): Result<number | null> => {
  const day = parseCalendarDate(today, 'today');
  if (!day.ok) return day;
  let last: CalendarDate | null = null;
  for (const [index, text] of sessionDates.entries()) {
    const date = parseCalendarDate(text, `sessionDates[${index}]`);
    if (!date.ok) return date;
    if (date.value <= day.value && (last === null || date.value > last)) last = date.value;
  }
  return last === null ? ok(null) : ok(daysBetween(last, day.value));
};
