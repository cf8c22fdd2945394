/**
 * Sign-in and sign-out. Every failure answers the same (status and body) whether the email is
 * unknown, the password wrong, the account locked or disabled, and takes the same time: an argon2
 * verify runs against a dummy hash when there is no real one to check (T-14). From the 5th consecutive
 * failure of an account the answer is held progressively longer, and the 10th locks the account for a
 * while (lockout.ts). Every attempt is audited.
 */
import { DomainError } from '../http/errors.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { AuditEventInput } from '../audit/append.ts';
import type { FailureDelay } from './failure-delay.ts';
import type { UnstoredFailures } from './unstored-failures.ts';
import { afterFailure, failureDelayMs, isLocked } from './lockout.ts';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password.ts';
import { ABSOLUTE_LIFETIME_MS } from './policy.ts';
import {
  endSession,
  findUserByEmail,
  insertSession,
  membershipsOf,
  updateUser,
} from './repository.ts';
import { describeSession, type AuthCall, type IssuedSession } from './session-info.ts';
import { hashToken, newToken } from './session-token.ts';

export const invalidCredentials = (): DomainError =>
  new DomainError(
    'auth.invalid-credentials',
    401,
    'The email or password is not right, or the account is locked for a while after too many ' +
      'attempts. Try again, or ask an administrator.',
  );

/** Emails are stored lower-cased (users.email is unique). */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** How failed sign-ins are paced: the wait itself, and the counts of addresses without an account row. */
export interface FailurePacing {
  readonly delay: FailureDelay;
  readonly unstored: UnstoredFailures;
}

/** Holds a failure's answer for the account's progressive delay (nothing below the 5th failure). */
async function delayFailure(delay: FailureDelay, consecutiveFailures: number): Promise<void> {
  const ms = failureDelayMs(consecutiveFailures);
  if (ms > 0) await delay.wait(ms);
}

export async function login(
  call: AuthCall,
  input: { email: string; password: string },
  pacing: FailurePacing,
): Promise<IssuedSession> {
  const { delay } = pacing;
  const email = normaliseEmail(input.email);
  const user = await findUserByEmail(call.db, email);
  const refusedUpFront =
    user === null
      ? 'unknown-account'
      : user.disabledAt !== null
        ? 'disabled'
        : isLocked(user, call.now)
          ? 'locked'
          : null;
  if (user === null || refusedUpFront !== null) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await inTransaction(call.db, { ...call.audit, userId: user?.id ?? null }, (_tx, audit) => {
      audit({
        action: 'auth.login-failed',
        resourceType: 'session',
        outcome: 'failure',
        detail: { reason: refusedUpFront },
      });
      return Promise.resolve();
    });
    // A locked account keeps its count, so it answers as slowly as its last failure did; an unknown
    // address or a disabled account is paced by its count in memory, so timing tells nothing.
    const consecutive =
      user !== null && refusedUpFront === 'locked'
        ? user.failedLogins
        : pacing.unstored.record(email, call.now);
    await delayFailure(delay, consecutive);
    throw invalidCredentials();
  }

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const next = afterFailure(user, call.now);
    await inTransaction(call.db, { ...call.audit, userId: user.id }, async (tx, audit) => {
      await updateUser(tx, user.id, {
        failedLogins: next.failedLogins,
        lockedUntil: next.lockedUntil,
      });
      audit({
        action: 'auth.login-failed',
        resourceType: 'session',
        outcome: 'failure',
        detail: { reason: 'wrong-password', consecutiveFailures: next.failedLogins },
      });
      if (next.locked) audit(lockedEvent(next.failedLogins));
    });
    await delayFailure(delay, next.failedLogins);
    throw invalidCredentials();
  }

  const token = newToken();
  const tokenHash = hashToken(token);
  const clinics = await membershipsOf(call.db, user.id);
  const only = clinics.length === 1 ? clinics[0] : undefined;
  const upgradedHash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  const context = { ...call.audit, userId: user.id, role: only?.role ?? null };
  const info = await inTransaction(call.db, context, async (tx, audit) => {
    await updateUser(tx, user.id, {
      failedLogins: 0,
      lockedUntil: null,
      ...(upgradedHash === null ? {} : { passwordHash: upgradedHash }),
    });
    await insertSession(tx, {
      tokenHash,
      userId: user.id,
      csrfToken: newToken(),
      activeClinicId: only?.id ?? null,
      now: call.now,
      expiresAt: new Date(call.now.getTime() + ABSOLUTE_LIFETIME_MS),
    });
    audit({
      action: 'auth.login',
      resourceType: 'session',
      outcome: 'success',
      clinicId: only?.id ?? null,
      detail: { passwordHashUpgraded: upgradedHash !== null },
    });
    return describeSession(tx, tokenHash);
  });
  return { token, info };
}

export function lockedEvent(consecutiveFailures: number): AuditEventInput {
  return {
    action: 'auth.lockout',
    resourceType: 'user',
    outcome: 'failure',
    detail: { consecutiveFailures },
  };
}

export async function logout(call: AuthCall, tokenHash: string): Promise<void> {
  await inTransaction(call.db, call.audit, async (tx, audit) => {
    await endSession(tx, tokenHash, 'logout', call.now);
    audit({ action: 'auth.logout', resourceType: 'session', outcome: 'success' });
  });
}
