/**
 * Clinic days for the ledger: today's date on the clinic's wall clock (expired lots, DEA discovery
 * dates) and the instants a clinic day starts and ends (report ranges, inventories), in the clinic's
 * IANA zone so a day with a DST change is 23 or 25 hours long, as it really is.
 */
import { eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { clinics } from '../clinics/schema.ts';
import type { Tx } from '../db/client.ts';

/** `YYYY-MM-DD` of `instant` on the wall clock of `timeZone`. */
export function clinicDateOf(timeZone: string, instant: Date): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

/** The instant the clinic day `date` (YYYY-MM-DD) starts. */
export function startOfClinicDay(timeZone: string, date: string): Date {
  const start = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone });
  return new Date(start.epochMilliseconds);
}

/** The instant the clinic day `date` ends (the start of the next day). */
export function endOfClinicDay(timeZone: string, date: string): Date {
  return startOfClinicDay(timeZone, Temporal.PlainDate.from(date).add({ days: 1 }).toString());
}

export async function clinicZone(tx: Tx, clinicId: string): Promise<string> {
  const [row] = await tx
    .select({ timeZone: clinics.timeZone })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  if (row === undefined) throw new Error('the active clinic does not exist');
  return row.timeZone;
}
