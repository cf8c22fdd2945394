/** Clinics (sites): creation input, shared by the CLI, the demo and the API. */
import { z } from 'zod';

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

/** An IANA time zone name such as America/Los_Angeles. */
export const TimeZoneName = z
  .string()
  .max(64)
  .refine(isIanaZone, 'Use an IANA time zone name, e.g. America/Los_Angeles.');

export const CreateClinicInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  timeZone: TimeZoneName,
});
export type CreateClinicInput = z.infer<typeof CreateClinicInput>;

export const Clinic = z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() });
export type Clinic = z.infer<typeof Clinic>;
