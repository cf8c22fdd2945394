/**
 * Calendar days on a clinic's wall clock as instants, for time-range filters: "from 2026-11-01 to
 * 2026-11-03" in America/Los_Angeles means from that zone's midnight starting the 1st up to (not
 * including) its midnight starting the 4th. Uses the platform's IANA time-zone data (Intl).
 */

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (e.g. −8 h for PST). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a calendar day (YYYY-MM-DD) begins in `timeZone`, as an ISO string in UTC.
 * Returns null for anything that is not a real calendar date. Where a zone skips midnight (a DST
 * change at 00:00), the day begins at the first wall-clock time that exists.
 */
export function startOfDay(date: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wallMidnight = Date.UTC(y, m - 1, d);
  const check = new Date(wallMidnight);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    return null;
  }
  // Candidates from the offsets on either side of a possible DST change near midnight.
  const first = wallMidnight - zoneOffsetMs(wallMidnight, timeZone);
  const second = wallMidnight - zoneOffsetMs(first, timeZone);
  const exact = [first, second]
    .filter((c) => c + zoneOffsetMs(c, timeZone) === wallMidnight)
    .sort((a, b) => a - b);
  // No exact match: midnight falls in a gap and the day begins at the change, which is the
  // candidate computed with the earlier (smaller) offset, i.e. the later instant.
  return new Date(exact[0] ?? Math.max(first, second)).toISOString();
}

/** The day after a calendar day, YYYY-MM-DD (for an inclusive "to" day as an exclusive bound). */
export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
}
