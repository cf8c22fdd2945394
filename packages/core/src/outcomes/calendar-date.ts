/**
 * Timezone-free calendar dates (`YYYY-MM-DD`) for outcome schedules and research offsets.
 * Core never reads a clock: the caller converts "now" to the clinic-local date once, at the edge,
 * and everything here is integer day arithmetic on the proleptic Gregorian calendar.
 */
import { err, ok, type Result } from '../result.ts';

/** An ISO 8601 calendar date string, validated (`2026-03-01`). */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

/** Days since 1970-01-01 (day 0); negative before it. */
export type DayNumber = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Number of days in a month (1–12) of a given year. */
export const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/**
 * Parses a strict `YYYY-MM-DD` date (years 1900–2199). Rejects times, offsets, missing zero padding
 * and impossible days such as `2025-02-29`.
 */
export const parseCalendarDate = (text: unknown, field: string): Result<CalendarDate> => {
  if (typeof text !== 'string') {
    return err({
      code: 'date.not-a-string',
      field,
      message: `${field} must be a date string like 2026-03-01.`,
    });
  }
  const match = ISO_DATE.exec(text);
  if (match === null) {
    return err({
      code: 'date.format',
      field,
      message: `${field} must be a calendar date written YYYY-MM-DD (e.g. 2026-03-01), without time or zone.`,
    });
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || year > 2199) {
    return err({
      code: 'date.year-out-of-range',
      field,
      message: `${field} must have a year between 1900 and 2199.`,
    });
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return err({
      code: 'date.impossible',
      field,
      message: `${field} (${text}) is not a day of the calendar.`,
    });
  }
  return ok(text as CalendarDate);
};

/** Converts a validated date to its day number (Hinnant's days-from-civil algorithm). */
export const toDayNumber = (date: CalendarDate): DayNumber => {
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Converts a day number back to its date (Hinnant's civil-from-days algorithm). */
export const fromDayNumber = (dayNumber: DayNumber): CalendarDate => {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` as CalendarDate;
};

/** `date` moved by a whole number of days (negative moves back). */
export const addDays = (date: CalendarDate, days: number): CalendarDate =>
  fromDayNumber(toDayNumber(date) + days);

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number =>
  toDayNumber(to) - toDayNumber(from);

/**
 * `date` moved by whole calendar months, clamped to the last day of a shorter month
 * (2026-01-31 + 1 month = 2026-02-28), the same rule as PostgreSQL's `date + interval 'n months'`.
 */
export const addMonths = (date: CalendarDate, months: number): CalendarDate => {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${pad(newYear, 4)}-${pad(newMonth, 2)}-${pad(newDay, 2)}` as CalendarDate;
};

/** Whole years completed between `birth` and `on` (the age on that date). */
export const completedYears = (birth: CalendarDate, on: CalendarDate): number => {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
};
