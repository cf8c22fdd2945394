/**
 * A time of day typed on the clinic's wall clock ("14:05") as an instant on the clinic's current
 * date, for the adverse-event start and end. Strict: anything but HH:MM (24 h), or a wall time that
 * does not exist that day (skipped by a DST change), is null — never guessed into another time.
 */
import { clinicDate } from '../consent/clinic-date.ts';
import { zoneOffsetMs } from '../../app/zoned-time.ts';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `14:05` on the clinic's date of `now` in `timeZone`, as an ISO instant; null when not a real time. */
export function clinicTimeToday(text: string, now: Date, timeZone: string): string | null {
  const match = HH_MM.exec(text.trim());
  if (match === null) return null;
  const [y, m, d] = clinicDate(now, timeZone).split('-').map(Number);
  const wall = Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN, Number(match[1]), Number(match[2]));
  // The offset may differ on either side of a DST change: try both, keep one that maps back exactly.
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  // At a fall-back hour the wall time occurs twice: the earlier instant is the one already past.
  const exact = [first, second]
    .filter((c) => c + zoneOffsetMs(c, timeZone) === wall)
    .sort((a, b) => a - b)[0];
  return exact === undefined || !Number.isFinite(exact) ? null : new Date(exact).toISOString();
}
