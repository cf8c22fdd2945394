/**
 * Calendar arithmetic for the synthetic registry on ISO dates (UTC midnight; no zones involved),
 * memoised: a registry touches a few thousand distinct days millions of times, and Date parsing was
 * most of the generation time.
 */
import type { CalendarDate } from '@ketaflow/core';

const DAY_MS = 86_400_000;
const dayNumbers = new Map<string, number>();
const isoDays = new Map<number, CalendarDate>();
const instants = new Map<string, Date>();
const dayNumber = (date: string): number => {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = Date.parse(`${date}T00:00:00.000Z`) / DAY_MS;
    dayNumbers.set(date, n);
  }
  return n;
};
export const addDays = (date: string, days: number): CalendarDate => {
  const n = dayNumber(date) + days;
  let iso = isoDays.get(n);
  if (iso === undefined) {
    iso = new Date(n * DAY_MS).toISOString().slice(0, 10) as CalendarDate;
    isoDays.set(n, iso);
  }
  return iso;
};
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);
/** The instant `hourUtc`:00 UTC on `date` (shared Date objects: rows never mutate them). */
export const at = (date: CalendarDate, hourUtc: number): Date => {
  const key = `${date}T${String(hourUtc).padStart(2, '0')}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = new Date(`${key}:00:00.000Z`);
    instants.set(key, instant);
  }
  return instant;
};
