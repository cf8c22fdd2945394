/**
 * The informed-consent API: the clinic's versioned consent text, consent records (text version,
 * patient's typed full name and time, witness, date) and revocations. A consent is current when it is
 * for the latest text version and not revoked; infusions require it.
 */
import { z } from 'zod';
import { IsoDate, IsoDateTime, Uuid } from './common.ts';
import { boundedText, PersonName } from './patients.ts';

export const ConsentText = z.object({
  id: Uuid,
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  changeNote: z.string(),
  createdAt: z.string(),
});
export type ConsentText = z.infer<typeof ConsentText>;

/** Publishing a new text version; `version` is the current one being replaced (409 when stale). */
export const ConsentTextPublish = z.strictObject({
  id: Uuid,
  version: z.number().int().min(1),
  title: boundedText(200),
  /** Paragraphs separated by blank lines; line breaks allowed. */
  body: z
    .string()
    .min(200, 'A consent text needs the full explanation (200 characters or more).')
    .max(20000),
  changeNote: boundedText(500),
});

export const ConsentRecordCreate = z.strictObject({
  id: Uuid,
  /** The text the patient read: must be the clinic's current version. */
  consentTextId: Uuid,
  /** The patient's full legal name as they typed it (given and family name). */
  attestedName: PersonName,
  attestedAt: IsoDateTime,
  /** The staff member who witnessed the signature. */
  witnessUserId: Uuid,
  consentDate: IsoDate,
});

export const ConsentRevoke = z.strictObject({ id: Uuid, reason: boundedText(500) });

export const ConsentRecord = z.object({
  id: Uuid,
  patientId: Uuid,
  consentTextId: Uuid,
  textVersion: z.number().int(),
  attestedName: z.string(),
  attestedAt: z.string(),
  witnessUserId: Uuid,
  consentDate: z.string(),
  recordedBy: Uuid,
  recordedAt: z.string(),
  revocation: z.object({ reason: z.string(), revokedBy: Uuid, revokedAt: z.string() }).nullable(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export const ConsentStatus = z.object({
  patientId: Uuid,
  current: z.boolean(),
  /** Why not current (no consent, older text version, revoked); null when current. */
  reason: z.string().nullable(),
  latestTextVersion: z.number().int(),
  records: z.array(ConsentRecord),
});
export const ConsentIdParam = z.strictObject({ consentId: Uuid });
