/**
 * A date and a time typed on a clinic's wall clock as the instants they name (moved here from the
 * ledger's clinic-time-input.ts so charting and the ledger read typed clinic times the same way).
 * A wall time names no instant on the day a DST change skips it, and two on the day it repeats;
 * what is not a real date and time names none. Nothing is guessed.
 */
import { zoneOffsetMs } from './zoned-time.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Every instant at which the clinic's wall clock read `time` (HH:MM, 24 h) on `date` (YYYY-MM-DD),
 * earliest first, as epoch milliseconds: none for a time skipped by a DST change (or not real), two
 * for a time in the hour repeated when the clocks go back.
 */
export function wallTimeInstantsMs(date: string, time: string, timeZone: string): number[] {
  const d = DATE.exec(date.trim());
  const t = HH_MM.exec(time.trim());
  if (d === null || t === null) return [];
  const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const wall = Date.UTC(y, m - 1, day, Number(t[1]), Number(t[2]));
  const check = new Date(wall);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== day) return [];
  // Any instant reading `wall` is wall minus the offset then; the offsets in force within a day of
  // it are the candidates (both sides of a change), and those that map back exactly are the answer.
  const DAY = 86_400_000;
  const offsets = new Set([
    zoneOffsetMs(wall - DAY, timeZone),
    zoneOffsetMs(wall, timeZone),
    zoneOffsetMs(wall + DAY, timeZone),
  ]);
  const exact = [...offsets]
    .map((o) => wall - o)
    .filter((c) => Number.isFinite(c) && c + zoneOffsetMs(c, timeZone) === wall);
  return [...new Set(exact)].sort((a, b) => a - b);
}

/**
 * A date (YYYY-MM-DD) and time (HH:MM, 24 h) on the clinic's wall clock as an ISO instant; null
 * when either is not real (a date like 02-30, or a time a DST change skips). At a fall-back hour
 * the wall time occurs twice: the earlier instant is taken.
 */
export function clinicInstant(date: string, time: string, timeZone: string): string | null {
  const first = wallTimeInstantsMs(date, time, timeZone)[0];
  return first === undefined ? null : new Date(first).toISOString();
}
