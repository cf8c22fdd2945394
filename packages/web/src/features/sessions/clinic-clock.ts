/**
 * A time of day typed on the clinic's wall clock ("23:50") for the adverse-event start and end, as
 * the instant it most recently was: today's when the clinic clock has already shown it today,
 * otherwise yesterday's. An event is charted after it happens, so "23:50" typed at 00:05 is last
 * night, never 23 hours ahead. Strict: anything but HH:MM (24 h) names no instant, and neither does
 * a time the clocks skipped (DST) where it would have fallen: it is refused, never moved a day.
 */
import { wallTimeInstantsMs } from '../../app/clinic-wall-time.ts';
import { clinicDate } from '../consent/clinic-date.ts';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export type RecentClinicTime =
  | { readonly ok: true; readonly instant: string; readonly day: 'today' | 'yesterday' }
  | { readonly ok: false; readonly reason: 'not-a-time' | 'skipped' };

/** The calendar day before a YYYY-MM-DD day. */
const dayBefore = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? NaN, (m ?? NaN) - 1, (d ?? NaN) - 1)).toISOString().slice(0, 10);
};

/** The clinic wall clock's HH:MM at an instant (epoch ms). */
export const wallClock = (ms: number, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));

/**
 * The most recent instant, at or before `now`, at which the clinic clock in `timeZone` read `text`
 * (HH:MM, 24 h) today or yesterday. Across a DST change the answer may lie up to 25 h back (a day
 * with a repeated hour); in a repeated hour it is the later, more recent reading. A time at or
 * before the clock's reading now that the clocks skipped today (or a later one skipped yesterday)
 * is `skipped`: the nurse meant a time that did not exist, and the day before is not guessed.
 */
export function recentClinicTime(text: string, now: Date, timeZone: string): RecentClinicTime {
  const time = text.trim();
  if (HH_MM.exec(time) === null) return { ok: false, reason: 'not-a-time' };
  const nowMs = now.getTime();
  const today = clinicDate(now, timeZone);
  const todays = wallTimeInstantsMs(today, time, timeZone).filter((ms) => ms <= nowMs);
  const latest = todays.at(-1);
  if (latest !== undefined)
    return { ok: true, instant: new Date(latest).toISOString(), day: 'today' };
  // Not shown yet today: either still to come (so yesterday's is meant) or skipped this morning.
  const skippedToday =
    wallTimeInstantsMs(today, time, timeZone).length === 0 && time <= wallClock(nowMs, timeZone);
  if (skippedToday) return { ok: false, reason: 'skipped' };
  const yesterdays = wallTimeInstantsMs(dayBefore(today), time, timeZone);
  const previous = yesterdays.at(-1);
  return previous === undefined
    ? { ok: false, reason: 'skipped' }
    : { ok: true, instant: new Date(previous).toISOString(), day: 'yesterday' };
}

/** An instant as a nurse reads it back on the clinic clock: `25 Nov 23:50 PST`. */
export function clinicDayTime(iso: string, timeZone: string): string {
  // en-US parts for the zone's abbreviation (PST); put together day-first as a nurse reads it.
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}
