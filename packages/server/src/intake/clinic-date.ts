/**
 * The clinic's calendar date of an instant. Weight age, consent dates and session days are counted in
 * the clinic's own time zone (clinics.time_zone), not in UTC: a weighing at 17:00 in California is
 * that day's weight, even though it is already tomorrow in UTC.
 */
import { eq } from 'drizzle-orm';
import { clinics } from '../clinics/schema.ts';
import type { Tx } from '../db/client.ts';

/** `YYYY-MM-DD` of `instant` on the wall clock of `timeZone` (IANA name). */
export function calendarDateIn(timeZone: string, instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The time zone of a clinic (every scope has one). */
export async function clinicTimeZone(tx: Tx, clinicId: string): Promise<string> {
  const [row] = await tx
    .select({ timeZone: clinics.timeZone })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  if (row === undefined) throw new Error('the active clinic does not exist');
  return row.timeZone;
}
