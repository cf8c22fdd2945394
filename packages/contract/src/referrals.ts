/** API schemas of the public referral / self-screening form and the coordinator's queue. */
import { z } from 'zod';
import { IsoDateTime, PageQuery, Uuid, pageOf } from './common.ts';

export const ReferralCondition = z.enum([
  'neuropathic-pain',
  'crps',
  'fibromyalgia',
  'other-chronic-pain',
  'not-sure',
]);

/** Minimum time between the form token and the submission: faster is a robot. */
export const REFERRAL_MIN_FILL_MS = 3000;

export const ReferralFormToken = z.object({
  formToken: z.string(),
  clinicId: Uuid,
  clinicName: z.string(),
});

export const ReferralSubmit = z
  .strictObject({
    id: Uuid,
    clinicId: Uuid,
    /** From GET /public/referral-form: proves the form was shown, and when. */
    formToken: z.string().min(10).max(400),
    /** Honeypot: hidden from people; a filled value marks a robot. */
    website: z.string().max(200).optional(),
    name: z.string().trim().min(1).max(120),
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+() .-]{7,25}$/, 'Use digits, spaces and + ( ) - only, e.g. 555 123 4567.')
      .optional(),
    condition: ReferralCondition,
    referringClinician: z.string().trim().min(1).max(120).optional(),
    consentToContact: z.literal(true, {
      error: 'Tick the box to let the clinic contact you; without it we cannot reply.',
    }),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, {
    message: 'Give an email address or a phone number so the clinic can reach you.',
    path: ['email'],
  });

export const ReferralReceipt = z.object({ received: z.literal(true), message: z.string() });

export const ReferralRequest = z.object({
  id: Uuid,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  condition: ReferralCondition,
  referringClinician: z.string().nullable(),
  status: z.enum(['new', 'contacted', 'closed']),
  version: z.number().int(),
  createdAt: IsoDateTime,
});

export const ReferralQueueQuery = PageQuery.extend({
  status: z.enum(['new', 'contacted', 'closed']).optional(),
});
export const ReferralPage = pageOf(ReferralRequest);
export const ReferralParams = z.strictObject({ referralId: Uuid });
export const ReferralUpdate = z.strictObject({
  version: z.number().int().min(1),
  status: z.enum(['new', 'contacted', 'closed']),
});
