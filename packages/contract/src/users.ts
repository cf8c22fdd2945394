/** User management by a clinic's admins: members, creation with a one-time password, roles, access. */
import { z } from 'zod';
import { RoleName } from './auth.ts';
import { IsoDateTime, PageQuery, pageOf, Uuid } from './common.ts';

/** Roles an admin may give through role changes; patient accounts are linked to one record at creation. */
export const StaffRole = RoleName.exclude(['patient']);
export type StaffRole = z.infer<typeof StaffRole>;

export const Member = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  role: RoleName,
  /** Patient accounts only: the one record the account may see. */
  patientId: Uuid.nullable(),
  disabled: z.boolean(),
  /** Set while the account is locked after too many failed sign-ins. */
  lockedUntil: IsoDateTime.nullable(),
  mfaEnrolled: z.boolean(),
  passwordMustChange: z.boolean(),
  memberSince: IsoDateTime,
});
export type Member = z.infer<typeof Member>;

export const MemberPage = pageOf(Member);
export const MemberListQuery = PageQuery;

export const CreateUserBody = z.strictObject({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(200),
  role: RoleName,
  /** Required for the patient role (the record this account may see); refused otherwise. */
  patientId: Uuid.optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const CreatedUser = z.object({
  user: Member,
  /** Shown once; the user must replace it at first sign-in. */
  oneTimePassword: z.string(),
});
export type CreatedUser = z.infer<typeof CreatedUser>;

export const ChangeRoleBody = z.strictObject({ role: StaffRole });
export type ChangeRoleBody = z.infer<typeof ChangeRoleBody>;

export const UserIdParams = z.strictObject({ userId: Uuid });

/** A new one-time password from an admin's reset (shown once; replaced at the next sign-in). */
export const OneTimePassword = z.object({ oneTimePassword: z.string() });
export type OneTimePassword = z.infer<typeof OneTimePassword>;
