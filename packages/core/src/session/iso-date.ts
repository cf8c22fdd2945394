/**
 * Calendar dates as ISO 8601 strings (`2026-11-25`), the form clinic-local dates cross the
 * boundary in. Owns parsing (real dates only) and whole-day arithmetic. Pure: the conversion
 * goes through UTC midnight, so no time zone or daylight-saving shift can move a date.
 */
import { err, ok, type Result } from '../result.ts';

/** An ISO 8601 calendar date `YYYY-MM-DD` that names a real day. */
export type IsoDate = string & { readonly __isoDate: unique symbol };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Parses `YYYY-MM-DD`; rejects impossible dates such as `2026-02-30` instead of rolling them over. */
export function parseIsoDate(raw: unknown, field: string): Result<IsoDate> {
  const match = typeof raw === 'string' ? SHAPE.exec(raw) : null;
  if (match === null) {
    return err({
      code: 'date.invalid',
      field,
      message: `${field} must be a date written YYYY-MM-DD, e.g. 2026-11-25.`,
    });
  }
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (new Date(ms).toISOString().slice(0, 10) !== raw) {
    return err({
      code: 'date.invalid',
      field,
      message: `${field} (${String(raw)}) is not a real calendar day.`,
    });
  }
  return ok(raw as IsoDate);
}

/** Day number since 1970-01-01 of a parsed date. */
export const dayNumber = (date: IsoDate): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
  DAY_MS;

/** The date `days` whole days after `date` (negative goes back). */
export const addDays = (date: IsoDate, days: number): IsoDate =>
  new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10) as IsoDate;

/** Day of the week, 0 = Sunday … 6 = Saturday (the JavaScript convention). */
export const weekday = (date: IsoDate): number => (((dayNumber(date) + 4) % 7) + 7) % 7;
