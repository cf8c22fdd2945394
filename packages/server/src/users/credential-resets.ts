/**
 * Credential resets by an admin: a new one-time password (forgotten password) and removal of the
 * second factor (lost phone). Both end the user's sessions and are audited. Because accounts are
 * shared across clinics, an admin may reset only users whose every membership is in a clinic where
 * the admin is an admin too: otherwise an admin of one site could take over an account and, through
 * it, read another site's data.
 */
import type { Member } from '@ketaflow/contract';
import { eq } from 'drizzle-orm';
import { hashPassword, newOneTimePassword } from '../auth/password.ts';
import { endUserSessions, updateUser } from '../auth/repository.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import { DomainError, notFound } from '../http/errors.ts';
import { findMember, toMember } from './repository.ts';
import { memberships } from './schema.ts';
import type { ManageCall } from './service.ts';

async function requireAuthorityOverAllClinics(call: ManageCall, userId: string): Promise<void> {
  call.scope.require('user.manage');
  if ((await findMember(call.db, call.scope.clinicId, userId)) === null) throw notFound('user');
  if (userId === call.scope.userId) {
    throw new DomainError(
      'user.self-change',
      409,
      'Change your own credentials under your account.',
    );
  }
  const targetClinics = await call.db
    .select({ clinicId: memberships.clinicId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  const adminClinics = await call.db
    .select({ clinicId: memberships.clinicId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, call.scope.userId));
  const administered = new Set(
    adminClinics.filter((m) => m.role === 'admin').map((m) => m.clinicId),
  );
  if (!targetClinics.every((m) => administered.has(m.clinicId))) {
    throw new DomainError(
      'user.other-clinics',
      409,
      'This user also belongs to a clinic you do not administer; ask an admin of every clinic of theirs.',
    );
  }
}

/** Replaces the password with a one-time password (shown once) that must be changed at sign-in. */
export async function resetPassword(
  call: ManageCall,
  userId: string,
): Promise<{ oneTimePassword: string }> {
  await requireAuthorityOverAllClinics(call, userId);
  const oneTimePassword = newOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await inTransaction(call.db, call.audit, async (tx, audit) => {
    await updateUser(tx, userId, {
      passwordHash,
      passwordMustChange: true,
      failedLogins: 0,
      lockedUntil: null,
    });
    const ended = await endUserSessions(tx, userId, 'password-reset', call.now);
    audit({
      action: 'user.password-reset',
      resourceType: 'user',
      resourceId: userId,
      outcome: 'success',
      detail: { sessionsEnded: ended },
    });
  });
  return { oneTimePassword };
}

/** Removes the second factor; a role that requires one must enrol again at the next sign-in. */
export async function resetSecondFactor(call: ManageCall, userId: string): Promise<Member> {
  await requireAuthorityOverAllClinics(call, userId);
  return inTransaction(call.db, call.audit, async (tx, audit) => {
    await updateUser(tx, userId, { mfaSecret: null, mfaPendingSecret: null, mfaLastStep: null });
    const ended = await endUserSessions(tx, userId, 'mfa-reset', call.now);
    audit({
      action: 'user.mfa-reset',
      resourceType: 'user',
      resourceId: userId,
      outcome: 'success',
      detail: { sessionsEnded: ended },
    });
    const member = await findMember(tx, call.scope.clinicId, userId);
    if (member === null) throw notFound('user');
    return toMember(member, call.now);
  });
}
