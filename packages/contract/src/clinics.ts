/**
 * Clinics (sites): creation and registration-update input, shared by the CLI, the demo and the API.
 * A clinic's postal address and DEA registration number identify it as the registrant on its DEA
 * records (21 CFR 1304.04, 1304.11); both are optional, since a clinic can exist before it is
 * registered. The DEA number's format and check digit are checked by core (checkDeaNumber) in the
 * server, so the contract only bounds its length here.
 */
import { z } from 'zod';
import { PostalAddress } from './patients.ts';

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

/** A DEA registration number as typed; core's checkDeaNumber decides whether it is one. */
export const DeaRegistrationNumber = z.string().max(20, 'A DEA number like AB1234563.');

export const CreateClinicInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  timeZone: TimeZoneName,
  address: PostalAddress.optional(),
  deaNumber: DeaRegistrationNumber.optional(),
});
export type CreateClinicInput = z.infer<typeof CreateClinicInput>;

/** The registrant fields a clinic update may change. */
export const CLINIC_REGISTRATION_FIELDS = ['address', 'deaNumber'] as const;

/**
 * A change of the clinic's registrant fields: only the fields that change; `null` clears one.
 */
export const UpdateClinicInput = z
  .strictObject({
    address: PostalAddress.nullable().optional(),
    deaNumber: DeaRegistrationNumber.nullable().optional(),
  })
  .refine((body) => CLINIC_REGISTRATION_FIELDS.some((field) => body[field] !== undefined), {
    message: 'Send at least one field to change: address or deaNumber.',
  });
export type UpdateClinicInput = z.infer<typeof UpdateClinicInput>;

export const Clinic = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  address: PostalAddress.nullable(),
  deaNumber: z.string().nullable(),
});
export type Clinic = z.infer<typeof Clinic>;
