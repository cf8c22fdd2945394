/** API schemas of the patient portal: invitations by staff, accepting one, and the patient's overview. */
import { z } from 'zod';
import { IsoDate, IsoDateTime, Uuid } from './common.ts';

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
});
