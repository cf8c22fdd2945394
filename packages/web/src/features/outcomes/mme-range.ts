/**
 * Which days the MME chart covers: from the earliest medication start (or, without medications,
 * 30 days before the first infusion or today) to today, no longer than the server's limit.
 */
import { dayToSeconds } from './pain-series.ts';

/** The server refuses longer series (core's limit is 3,660 days); stay safely below it. */
export const MAX_DAYS = 3650;

/** The calendar date `now` falls on in `timeZone`, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const addDays = (date: string, days: number): string =>
  new Date((dayToSeconds(date) + days * 86_400) * 1000).toISOString().slice(0, 10);

export function mmeRange(
  startDates: readonly string[],
  firstInfusion: string | null,
  today: string,
): { readonly from: string; readonly to: string } {
  const candidates = [...startDates, addDays(firstInfusion ?? today, -30)];
  const earliest = candidates.reduce((a, b) => (b < a ? b : a));
  const limit = addDays(today, -MAX_DAYS);
  const from = earliest < limit ? limit : earliest > today ? today : earliest;
  return { from, to: today };
}
