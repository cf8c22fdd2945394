/**
 * Times typed on the clinic's wall clock (a date and HH:MM) as the instants they name: a DEA report's
 * time filed, a draw recorded after the fact. What is not a real date and time becomes '' (sent as
 * typed cannot be parsed), so the server names the field; nothing is guessed.
 */
import { zoneOffsetMs } from '../../app/zoned-time.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * A date (YYYY-MM-DD) and time (HH:MM, 24 h) on the clinic's wall clock as an ISO instant; null
 * when either is not real (a date like 02-30, or a time a DST change skips).
 */
export function clinicInstant(date: string, time: string, timeZone: string): string | null {
  const d = DATE.exec(date.trim());
  const t = HH_MM.exec(time.trim());
  if (d === null || t === null) return null;
  const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const wall = Date.UTC(y, m - 1, day, Number(t[1]), Number(t[2]));
  const check = new Date(wall);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== day) return null;
  // The offset may differ on either side of a DST change: keep a candidate that maps back exactly.
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  // At a fall-back hour the wall time occurs twice: the earlier instant is taken.
  const exact = [first, second]
    .filter((c) => c + zoneOffsetMs(c, timeZone) === wall)
    .sort((a, b) => a - b)[0];
  return exact === undefined ? null : new Date(exact).toISOString();
}

/**
 * When a draw happened, as typed on the clinic clock: both left empty means now (undefined; the
 * draw is stamped when first sent); both given, the instant, or '' when it is not a real date and
 * time (sent as typed, so the server names occurredAt); one without the other is an error to show.
 */
export function typedDrawTime(
  date: string,
  time: string,
  timeZone: string,
): { readonly occurredAt: string | undefined } | { readonly error: string } {
  const [d, t] = [date.trim(), time.trim()];
  if (d === '' && t === '') return { occurredAt: undefined };
  if (d === '' || t === '') {
    return { error: 'Give both the date and the time of the draw, or neither for now.' };
  }
  return { occurredAt: clinicInstant(d, t, timeZone) ?? '' };
}
