/**
 * API schemas of the patient portal: invitations by staff, accepting one, the patient's overview,
 * and consent reading and attestation in the portal (countersigned by a clinician).
 */
import { z } from 'zod';
import { IsoDate, IsoDateTime, Uuid } from './common.ts';
import { ConsentText } from './consent.ts';
import { PersonName } from './patients.ts';

export const PortalInvitationCreate = z.strictObject({
  /** Client-generated write id. */
  id: Uuid,
  email: z.email().max(254),
});

export const PortalInvitation = z.object({
  id: Uuid,
  patientId: Uuid,
  expiresAt: IsoDateTime,
  /** The single-use link token, returned once at creation (only its hash is stored). */
  token: z.string().nullable(),
  /** Path of the link to hand to the patient. */
  link: z.string().nullable(),
});

export const PortalInvitationAccept = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().min(1).max(256),
  displayName: z.string().trim().min(1).max(120),
});

export const PortalInvitationAccepted = z.object({ email: z.string() });

export const PortalSession = z.object({
  sessionId: Uuid,
  courseId: Uuid,
  scheduledStartAt: IsoDateTime,
  state: z.string(),
});

export const PortalOverview = z.object({
  patientId: Uuid,
  preferredName: z.string(),
  courses: z.array(
    z.object({
      courseId: Uuid,
      protocol: z.string(),
      totalSessions: z.number().int(),
      status: z.string(),
      startedOn: IsoDate,
    }),
  ),
  upcomingSessions: z.array(PortalSession),
  /** How to prepare for an infusion, from the cited patient-instructions knowledge file. */
  preparation: z.object({
    /** Knowledge id@version of the text. */
    source: z.string(),
    sections: z.array(z.object({ id: z.string(), heading: z.string(), text: z.string() })),
  }),
});

/** The patient attests in the portal: the text version read, their typed full name, the checkbox. */
export const PortalConsentAttest = z.strictObject({
  /** Client-generated write id; the countersigned consent record takes the same id. */
  id: Uuid,
  consentTextId: Uuid,
  attestedName: PersonName,
  /** The "I have read and understood" checkbox: must be ticked. */
  confirmed: z.literal(true, 'Tick the box to confirm you have read and understood the text.'),
});
export type PortalConsentAttest = z.infer<typeof PortalConsentAttest>;

export const PortalConsentAttestation = z.object({
  id: Uuid,
  patientId: Uuid,
  consentTextId: Uuid,
  textVersion: z.number().int(),
  attestedName: z.string(),
  attestedAt: IsoDateTime,
  /** When a clinician countersigned it as the consent record (null while waiting). */
  countersignedAt: IsoDateTime.nullable(),
  countersignedBy: Uuid.nullable(),
});
export type PortalConsentAttestation = z.infer<typeof PortalConsentAttestation>;

/** The patient's consent page: the current text and their own attestations, newest first. */
export const PortalConsent = z.object({
  text: ConsentText,
  /** The patient attested the current text version (countersigned or not). */
  attestedCurrent: z.boolean(),
  attestations: z.array(PortalConsentAttestation),
});
export type PortalConsent = z.infer<typeof PortalConsent>;

export const PortalConsentAttestationList = z.object({ items: z.array(PortalConsentAttestation) });
export const ConsentAttestationParams = z.strictObject({ patientId: Uuid, attestationId: Uuid });
/** Countersigning takes no input: the witness is the signed-in clinician. */
export const ConsentCountersign = z.strictObject({});
