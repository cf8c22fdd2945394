/**
 * The patient registry API: demographics a US clinic needs, each field with a strict, documented
 * format. Input is rejected, never repaired: no trimming, no case folding, no reformatting of phone
 * numbers. Every message names what is expected so the form can show it beside the field.
 */
import { z } from 'zod';
import { IsoDate, PageQuery, pageOf, Uuid } from './common.ts';

// Unicode category Cc: C0 and C1 controls incl. CR/LF/tab, which could forge log lines or break labels.
const CONTROL_CHARACTERS = /\p{Cc}/u;

/**
 * Free text of 1..max characters without leading/trailing whitespace or control characters.
 * Whitespace at the edges is refused (not trimmed) so what is stored is exactly what was typed.
 */
export const boundedText = (max: number) =>
  z
    .string()
    .min(1, 'Must not be empty; omit the field instead.')
    .max(max, `At most ${String(max)} characters.`)
    .refine((s) => s.trim() === s, 'Remove the leading or trailing spaces.')
    .refine(
      (s) => !CONTROL_CHARACTERS.test(s),
      'Must not contain line breaks or control characters.',
    );

/**
 * A person's name: letters of any script, combining marks, spaces, apostrophes (' and ’), hyphens
 * and periods; 1..100 characters; no digits or other symbols.
 */
export const PersonName = boundedText(100).refine(
  (s) => /^[\p{L}\p{M}' .’-]+$/u.test(s),
  "Use letters, spaces, apostrophes, hyphens or periods only (e.g. O'Brien-Nuñez).",
);

/**
 * Medical record number: 1..32 characters, capital letters A-Z, digits and single inner dashes
 * (e.g. `OC-000123`). Capitals only, so two MRNs never differ by letter case alone.
 */
export const Mrn = z
  .string()
  .min(1, 'Must not be empty.')
  .max(32, 'At most 32 characters.')
  .regex(
    /^[A-Z0-9]+(-[A-Z0-9]+)*$/,
    'Use capital letters A-Z, digits and single dashes between them, e.g. OC-000123.',
  );

/** Earliest accepted date of birth. */
export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';

/** Today's calendar date in UTC, YYYY-MM-DD. */
function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Date of birth, YYYY-MM-DD, from 1900-01-01 to today. "Today" is the UTC date, which is never
 * earlier than the date at any US clinic, so a correct date of birth is never refused.
 */
export const DateOfBirth = IsoDate.refine(
  (d) => d >= EARLIEST_DATE_OF_BIRTH,
  `Must not be before ${EARLIEST_DATE_OF_BIRTH}.`,
).refine((d) => d <= utcToday(), 'Must not be in the future.');

export const SEXES_AT_BIRTH = ['female', 'male', 'intersex', 'unknown'] as const;
export const SexAtBirth = z.enum(SEXES_AT_BIRTH, {
  error: 'Use one of: female, male, intersex, unknown.',
});

/** Gender identity as the patient states it: free text, 1..60 characters. */
export const GenderIdentity = boundedText(60);

/**
 * A US (NANP) telephone number in E.164 form: `+1`, then a 3-digit area code and a 7-digit number,
 * both starting with 2-9, no spaces or punctuation (e.g. +17145550123).
 * @see https://www.nationalnanpa.com/number_resource_info/ (NANP number format NXX-NXX-XXXX)
 */
export const UsPhone = z
  .string()
  .regex(
    /^\+1[2-9][0-9]{2}[2-9][0-9]{6}$/,
    'Use +1 and 10 digits without spaces or punctuation, e.g. +17145550123 (area code and exchange start with 2-9).',
  );

export const Email = z
  .email('Use an email address like name@example.org.')
  .max(254, 'At most 254 characters.');

/**
 * USPS state and territory codes, including DC, the freely associated states and the military
 * "states" AA/AE/AP.
 * @see https://pe.usps.com/text/pub28/28apb.htm (USPS Publication 28, Appendix B)
 */
export const USPS_STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA',
  'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM',
  'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA',
  'WV', 'WI', 'WY', 'AS', 'GU', 'MP', 'PR', 'VI', 'FM', 'MH', 'PW', 'AA', 'AE', 'AP',
] as const; // prettier-ignore

export const UsState = z.enum(USPS_STATE_CODES, {
  error: 'Use a two-letter USPS code in capitals, e.g. CA.',
});

/** ZIP code: 5 digits, or ZIP+4 as 5 digits, a dash and 4 digits. */
export const ZipCode = z
  .string()
  .regex(/^[0-9]{5}(-[0-9]{4})?$/, 'Use 5 digits or ZIP+4, e.g. 92618 or 92618-1234.');

export const PostalAddress = z.strictObject({
  line1: boundedText(100),
  line2: boundedText(100).optional(),
  city: boundedText(60),
  state: UsState,
  postalCode: ZipCode,
});
export type PostalAddress = z.infer<typeof PostalAddress>;

export const EmergencyContact = z.strictObject({
  name: boundedText(100),
  /** How the contact relates to the patient, e.g. spouse, daughter, friend. */
  relationship: boundedText(40),
  phone: UsPhone,
});
export type EmergencyContact = z.infer<typeof EmergencyContact>;

/** Why a record was changed; stored with the version and shown in its history. */
export const ChangeReason = boundedText(500);

/**
 * A new patient. Optional fields are omitted when unknown (never sent as empty strings). `id` is
 * optional and client-generated: a retry of the same registration with the same id and content
 * returns the record already created (200) instead of a duplicate; the same id with other content
 * is a 409 `patient.id-taken`.
 */
export const PatientCreate = z.strictObject({
  id: Uuid.optional(),
  mrn: Mrn,
  legalGivenName: PersonName,
  legalFamilyName: PersonName,
  preferredName: PersonName.optional(),
  dateOfBirth: DateOfBirth,
  sexAtBirth: SexAtBirth,
  genderIdentity: GenderIdentity.optional(),
  phone: UsPhone.optional(),
  email: Email.optional(),
  address: PostalAddress.optional(),
  emergencyContact: EmergencyContact.optional(),
});
export type PatientCreate = z.infer<typeof PatientCreate>;

/** The demographic fields, in display order; a version records which of them changed. */
export const PATIENT_FIELDS = [
  'mrn',
  'legalGivenName',
  'legalFamilyName',
  'preferredName',
  'dateOfBirth',
  'sexAtBirth',
  'genderIdentity',
  'phone',
  'email',
  'address',
  'emergencyContact',
] as const;
export type PatientField = (typeof PATIENT_FIELDS)[number];

/**
 * A correction: the version the user edited (optimistic concurrency), why, and only the fields that
 * change. `null` clears an optional field; required fields cannot be cleared.
 */
export const PatientUpdate = z
  .strictObject({
    version: z.number().int().min(1, 'Send the version you edited (1 or more).'),
    reason: ChangeReason,
    mrn: Mrn.optional(),
    legalGivenName: PersonName.optional(),
    legalFamilyName: PersonName.optional(),
    preferredName: PersonName.nullable().optional(),
    dateOfBirth: DateOfBirth.optional(),
    sexAtBirth: SexAtBirth.optional(),
    genderIdentity: GenderIdentity.nullable().optional(),
    phone: UsPhone.nullable().optional(),
    email: Email.nullable().optional(),
    address: PostalAddress.nullable().optional(),
    emergencyContact: EmergencyContact.nullable().optional(),
  })
  .refine((body) => PATIENT_FIELDS.some((field) => body[field] !== undefined), {
    message: 'Send at least one field to change besides version and reason.',
  });
export type PatientUpdate = z.infer<typeof PatientUpdate>;

export const PatientIdParams = z.strictObject({ id: Uuid });

/**
 * Name search: 1..3 words separated by single spaces; each word must be the start of the legal
 * given, legal family or preferred name (case-insensitive).
 */
export const NameQuery = boundedText(100).refine(
  (s) => /^[^ ]+( [^ ]+){0,2}$/u.test(s),
  'Use 1 to 3 words separated by single spaces.',
);

/** Search and list: every filter given must match; none lists the whole clinic. */
export const PatientSearchQuery = z.strictObject({
  ...PageQuery.shape,
  name: NameQuery.optional(),
  dateOfBirth: IsoDate.optional(),
  mrn: Mrn.optional(),
});
export type PatientSearchQuery = z.infer<typeof PatientSearchQuery>;

const OutAddress = z.object({
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  state: UsState,
  postalCode: z.string(),
});
const OutContact = z.object({ name: z.string(), relationship: z.string(), phone: z.string() });

/** The demographic fields of a record as stored (also the snapshot of each version). */
export const PatientRecord = z.object({
  mrn: z.string(),
  legalGivenName: z.string(),
  legalFamilyName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  sexAtBirth: SexAtBirth,
  genderIdentity: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: OutAddress.nullable(),
  emergencyContact: OutContact.nullable(),
});
export type PatientRecord = z.infer<typeof PatientRecord>;

export const Patient = PatientRecord.extend({
  id: z.string(),
  /** Increases by one with every change; send it back with a PATCH. */
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Patient = z.infer<typeof Patient>;

export const PatientPage = pageOf(Patient);
export type PatientPage = z.infer<typeof PatientPage>;

/** One entry of a record's change history; version 1 is the registration. */
export const PatientVersion = z.object({
  version: z.number().int(),
  changedAt: z.string(),
  changedBy: z.string(),
  /** Display name of the author, or null if unknown. */
  changedByName: z.string().nullable(),
  changedFields: z.array(z.string()),
  reason: z.string(),
  record: PatientRecord,
});
export type PatientVersion = z.infer<typeof PatientVersion>;

export const PatientHistoryQuery = PageQuery;
export const PatientHistoryPage = pageOf(PatientVersion);
export type PatientHistoryPage = z.infer<typeof PatientHistoryPage>;
