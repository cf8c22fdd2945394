/**
 * Sign-in, second factor, password change, clinic switcher and session information (the auth routes).
 * Passwords are checked for policy on the server (the field is named in the error), not here, so the
 * policy lives in one place.
 */
import { z } from 'zod';
import { IsoDateTime, Uuid } from './common.ts';

export const ROLE_NAMES = [
  'admin',
  'prescriber',
  'nurse',
  'coordinator',
  'researcher',
  'patient',
] as const;
export const RoleName = z.enum(ROLE_NAMES);
export type RoleName = z.infer<typeof RoleName>;

/** At most 128 characters (the password policy's upper bound). */
const PasswordText = z.string().min(1).max(128);

export const LoginBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: PasswordText,
});
export type LoginBody = z.infer<typeof LoginBody>;

/** What the signed-in session still has to do before it may reach clinic data, in this order. */
export const AuthNext = z.enum([
  'mfa-verify',
  'password-change',
  'mfa-enrol',
  'clinic-select',
  'ready',
]);
export type AuthNext = z.infer<typeof AuthNext>;

export const ClinicMembership = z.object({
  id: Uuid,
  name: z.string(),
  /** IANA zone of the clinic's wall clock. */
  timeZone: z.string(),
  role: RoleName,
});
export type ClinicMembership = z.infer<typeof ClinicMembership>;

export const SessionInfo = z.object({
  user: z.object({ id: Uuid, email: z.string(), displayName: z.string() }),
  /** Echo it in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE. */
  csrfToken: z.string(),
  next: AuthNext,
  mfaEnrolled: z.boolean(),
  mfaRequired: z.boolean(),
  passwordMustChange: z.boolean(),
  activeClinic: ClinicMembership.nullable(),
  clinics: z.array(ClinicMembership),
  /** Absolute end of the session (12 h after sign-in). */
  expiresAt: IsoDateTime,
  /** The session ends after this many seconds without a request. */
  idleTimeoutSeconds: z.number().int(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** A six-digit TOTP code (RFC 6238) from the authenticator app. */
export const MfaCodeBody = z.strictObject({
  code: z.string().regex(/^[0-9]{6}$/, 'Enter the 6-digit code from your authenticator app.'),
});
export type MfaCodeBody = z.infer<typeof MfaCodeBody>;

export const MfaEnrolment = z.object({
  /** Base32 secret, for manual entry into the authenticator app. */
  secret: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as a QR code, data:image/png;base64,… */
  qrCodePngDataUrl: z.string(),
});
export type MfaEnrolment = z.infer<typeof MfaEnrolment>;

export const PasswordChangeBody = z.strictObject({
  currentPassword: PasswordText,
  newPassword: z.string().max(1024),
});
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

export const SwitchClinicBody = z.strictObject({ clinicId: Uuid });
export type SwitchClinicBody = z.infer<typeof SwitchClinicBody>;
