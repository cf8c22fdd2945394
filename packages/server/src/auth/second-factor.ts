/**
 * TOTP enrolment and verification for a signed-in session. Wrong codes count toward the account
 * lockout like wrong passwords; a code is accepted once (the last accepted time step is stored). A
 * passed second factor gives the session a new token (T-13: new session id on re-authentication).
 */
import { DomainError } from '../http/errors.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import { afterFailure, isLocked } from './lockout.ts';
import {
  findUserById,
  rotateSession,
  updateUser,
  endSession,
  type ResolvedSession,
} from './repository.ts';
import { lockedEvent } from './sign-in.ts';
import { describeSession, type AuthCall, type IssuedSession } from './session-info.ts';
import { hashToken, newToken } from './session-token.ts';
import { acceptTotp, enrolmentFor, newTotpSecret } from './totp.ts';
import { nextStep, STEP_REFUSALS } from './next-step.ts';

export const accountLocked = (): DomainError =>
  new DomainError(
    'auth.locked',
    403,
    'Too many failed attempts: the account is locked for a while. Try later or ask an administrator.',
  );

const codeInvalid = (): DomainError =>
  new DomainError(
    'mfa.code-invalid',
    400,
    'That code is not right (or was already used). Enter the current code from your authenticator app.',
    'body.code',
  );

async function loadUser(session: ResolvedSession, call: AuthCall) {
  const user = await findUserById(call.db, session.userId);
  if (user === null || user.disabledAt !== null) throw accountLocked();
  if (isLocked(user, call.now)) throw accountLocked();
  return user;
}

/** Starts (or restarts) enrolment: a new pending secret, its otpauth URI and QR code. */
export async function startEnrolment(
  call: AuthCall,
  session: ResolvedSession,
): Promise<{ secret: string; otpauthUri: string; qrCodePngDataUrl: string }> {
  if (session.mfaEnrolled) {
    throw new DomainError('mfa.already-enrolled', 409, 'An authenticator app is already set up.');
  }
  const step = nextStep(session);
  if (step === 'mfa-verify' || step === 'password-change') {
    throw new DomainError(STEP_REFUSALS[step].code, 403, STEP_REFUSALS[step].detail);
  }
  const user = await loadUser(session, call);
  const secret = newTotpSecret();
  await inTransaction(call.db, call.audit, async (tx, audit) => {
    await updateUser(tx, user.id, { mfaPendingSecret: secret });
    audit({
      action: 'auth.mfa-enrolment-started',
      resourceType: 'user',
      resourceId: user.id,
      outcome: 'success',
    });
  });
  return enrolmentFor(secret, user.email);
}

async function recordWrongCode(
  call: AuthCall,
  session: ResolvedSession,
  user: { id: string; failedLogins: number; lockedUntil: Date | null },
  action: string,
): Promise<never> {
  const next = afterFailure(user, call.now);
  await inTransaction(call.db, call.audit, async (tx, audit) => {
    await updateUser(tx, user.id, {
      failedLogins: next.failedLogins,
      lockedUntil: next.lockedUntil,
    });
    audit({
      action,
      resourceType: 'user',
      resourceId: user.id,
      outcome: 'failure',
      detail: { consecutiveFailures: next.failedLogins },
    });
    if (next.locked) {
      audit({ ...lockedEvent(next.failedLogins), resourceId: user.id });
      await endSession(tx, session.tokenHash, 'locked', call.now);
    }
  });
  throw codeInvalid();
}

/** Confirms enrolment with a first valid code; the session counts as having passed MFA. */
export async function confirmEnrolment(
  call: AuthCall,
  session: ResolvedSession,
  code: string,
): Promise<IssuedSession> {
  const user = await loadUser(session, call);
  if (user.mfaSecret !== null || user.mfaPendingSecret === null) {
    throw new DomainError('mfa.no-enrolment', 409, 'Start the authenticator set-up first.');
  }
  const secret = user.mfaPendingSecret;
  const step = await acceptTotp({ secret, code, now: call.now, afterStep: null });
  if (step === null) return recordWrongCode(call, session, user, 'auth.mfa-enrolment-failed');
  return passSecondFactor(call, session, user.id, 'auth.mfa-enrolled', {
    mfaSecret: secret,
    mfaPendingSecret: null,
    mfaLastStep: step,
  });
}

/** Verifies the second factor of an enrolled user after the password. */
export async function verifySecondFactor(
  call: AuthCall,
  session: ResolvedSession,
  code: string,
): Promise<IssuedSession> {
  const user = await loadUser(session, call);
  if (user.mfaSecret === null) {
    throw new DomainError('mfa.not-enrolled', 409, 'No authenticator app is set up yet.');
  }
  const step = await acceptTotp({
    secret: user.mfaSecret,
    code,
    now: call.now,
    afterStep: user.mfaLastStep,
  });
  if (step === null) return recordWrongCode(call, session, user, 'auth.mfa-failed');
  return passSecondFactor(call, session, user.id, 'auth.mfa-verified', { mfaLastStep: step });
}

async function passSecondFactor(
  call: AuthCall,
  session: ResolvedSession,
  userId: string,
  action: string,
  changes: { mfaSecret?: string; mfaPendingSecret?: null; mfaLastStep: number },
): Promise<IssuedSession> {
  const token = newToken();
  const tokenHash = hashToken(token);
  const info = await inTransaction(call.db, call.audit, async (tx, audit) => {
    await updateUser(tx, userId, { ...changes, failedLogins: 0, lockedUntil: null });
    await rotateSession(tx, session.tokenHash, tokenHash, { mfaPassed: true, now: call.now });
    audit({ action, resourceType: 'user', resourceId: userId, outcome: 'success' });
    return describeSession(tx, tokenHash);
  });
  return { token, info };
}
