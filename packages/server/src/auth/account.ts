/**
 * What a signed-in user does to their own session: replace the password (the one-time password at
 * first sign-in), and switch the active clinic. Both give the session a new token (T-13).
 */
import { DomainError, notFound } from '../http/errors.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import { nextStep, STEP_REFUSALS } from './next-step.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.ts';
import {
  endUserSessions,
  membershipsOf,
  rotateSession,
  type ResolvedSession,
} from './repository.ts';
import { updateUser, findUserById } from './repository.ts';
import { describeSession, type AuthCall, type IssuedSession } from './session-info.ts';
import { hashToken, newToken } from './session-token.ts';
import { afterFailure, isLocked } from './lockout.ts';
import { accountLocked } from './second-factor.ts';
import { lockedEvent } from './sign-in.ts';

function requireSecondFactor(session: ResolvedSession): void {
  if (nextStep(session) === 'mfa-verify') {
    const refusal = STEP_REFUSALS['mfa-verify'];
    throw new DomainError(refusal.code, 403, refusal.detail);
  }
}

export async function changePassword(
  call: AuthCall,
  session: ResolvedSession,
  input: { currentPassword: string; newPassword: string },
): Promise<IssuedSession> {
  requireSecondFactor(session);
  const user = await findUserById(call.db, session.userId);
  if (user === null || isLocked(user, call.now)) throw accountLocked();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const next = afterFailure(user, call.now);
    await inTransaction(call.db, call.audit, async (tx, audit) => {
      await updateUser(tx, user.id, {
        failedLogins: next.failedLogins,
        lockedUntil: next.lockedUntil,
      });
      audit({
        action: 'auth.password-change-failed',
        resourceType: 'user',
        resourceId: user.id,
        outcome: 'failure',
        detail: { consecutiveFailures: next.failedLogins },
      });
      if (next.locked) audit({ ...lockedEvent(next.failedLogins), resourceId: user.id });
    });
    throw new DomainError(
      'password.current-wrong',
      400,
      'The current password is not right.',
      'body.currentPassword',
    );
  }
  checkPasswordPolicy(input.newPassword, 'body.newPassword');
  if (input.newPassword === input.currentPassword) {
    throw new DomainError(
      'password.unchanged',
      400,
      'Choose a password different from the current one.',
      'body.newPassword',
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  const token = newToken();
  const tokenHash = hashToken(token);
  const info = await inTransaction(call.db, call.audit, async (tx, audit) => {
    await updateUser(tx, user.id, { passwordHash, passwordMustChange: false, failedLogins: 0 });
    // Other sessions signed in with the old password end (T-13 re-authentication).
    const ended = await endUserSessions(
      tx,
      user.id,
      'password-changed',
      call.now,
      session.tokenHash,
    );
    await rotateSession(tx, session.tokenHash, tokenHash, { now: call.now });
    audit({
      action: 'auth.password-changed',
      resourceType: 'user',
      resourceId: user.id,
      outcome: 'success',
      detail: { otherSessionsEnded: ended },
    });
    return describeSession(tx, tokenHash);
  });
  return { token, info };
}

/** Makes one of the user's clinics the active one; a clinic they do not belong to is "not found". */
export async function switchClinic(
  call: AuthCall,
  session: ResolvedSession,
  clinicId: string,
): Promise<IssuedSession> {
  const step = nextStep(session);
  if (step === 'mfa-verify' || step === 'password-change' || step === 'mfa-enrol') {
    throw new DomainError(STEP_REFUSALS[step].code, 403, STEP_REFUSALS[step].detail);
  }
  const clinics = await membershipsOf(call.db, session.userId);
  const target = clinics.find((clinic) => clinic.id === clinicId);
  if (target === undefined) throw notFound('clinic');
  const token = newToken();
  const tokenHash = hashToken(token);
  const context = { ...call.audit, clinicId: target.id, role: target.role };
  const info = await inTransaction(call.db, context, async (tx, audit) => {
    await rotateSession(tx, session.tokenHash, tokenHash, {
      activeClinicId: target.id,
      now: call.now,
    });
    audit({
      action: 'auth.clinic-switched',
      resourceType: 'clinic',
      resourceId: target.id,
      outcome: 'success',
      detail: { from: session.activeClinicId },
    });
    return describeSession(tx, tokenHash);
  });
  return { token, info };
}
