/**
 * Witness authentication at the moment of witnessing (safety-security.md T-44): the witness types
 * their own email, password and authenticator code — through the auth module's password and TOTP
 * checks, never a name picked from a list. A ledger witness must have an authenticator app set up
 * (T-44: password + MFA), even in a role that may sign in without one. A wrong password or code
 * counts toward the witness's lockout like a failed sign-in, and every refusal is audited in its own
 * transaction (it must outlive the refused request). Every refusal answers the same, so the form
 * reveals nothing about which accounts exist or have an authenticator. The chart's double check of
 * a rate change (sessions/rate-change-double-check.ts) authenticates its second clinician here too,
 * with its own permission, audit names and second-factor rule.
 */
import type { WitnessCredentials } from '@ketaflow/contract';
import type { Scope } from '../access/scope.ts';
import { roleHas, type Permission, type Role } from '../access/permissions.ts';
import type { AuditContext } from '../audit/append.ts';
import { afterFailure, isLocked } from '../auth/lockout.ts';
import { dummyPasswordHash, verifyPassword } from '../auth/password.ts';
import { findUserByEmail, membershipsOf, updateUser } from '../auth/repository.ts';
import { lockedEvent, normaliseEmail } from '../auth/sign-in.ts';
import { acceptTotp } from '../auth/totp.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import { DomainError } from '../http/errors.ts';

export interface WitnessCall {
  readonly db: Db;
  readonly scope: Scope;
  readonly audit: AuditContext;
  readonly now: Date;
}

/** A witness who has just proven who they are. */
export interface Witness {
  readonly userId: string;
  readonly role: Role;
  /** Whether a second factor was checked (always for a ledger witness; see WitnessPurpose). */
  readonly secondFactor: boolean;
}

/** What the witness is for: the permission they must hold and the prefix of codes and audit actions. */
export interface WitnessPurpose {
  /** `ledger` → `ledger.witness-refused`, `ledger.self-witness`, `ledger.witness-not-authenticated`. */
  readonly prefix: string;
  readonly resourceType: string;
  readonly permission: Permission;
  /** Who may witness, for the refusal message. */
  readonly allowed: string;
  /**
   * `required`: a witness without an authenticator app is refused (reason `no-second-factor`);
   * `when-enrolled`: the code is checked only of a witness who has one set up.
   */
  readonly secondFactor: 'required' | 'when-enrolled';
}

/** T-44: a ledger witness (waste, destruction, a reversal of either) signs with password + MFA. */
const LEDGER_WITNESS: WitnessPurpose = {
  prefix: 'ledger',
  resourceType: 'ledger',
  permission: 'ledger.witness',
  allowed: 'a nurse, prescriber or administrator',
  secondFactor: 'required',
};

/**
 * One message for every refusal of a purpose (unknown account, wrong password or code, no
 * authenticator, not allowed), so the answer tells nothing about the account; where a code is
 * required, it says so for everyone.
 */
const refused = (field: string, purpose: WitnessPurpose): DomainError =>
  new DomainError(
    `${purpose.prefix}.witness-not-authenticated`,
    400,
    purpose.secondFactor === 'required'
      ? 'The witness could not be authenticated: check the email, password and authenticator ' +
          'code (required: the witness needs an authenticator app set up for their account), ' +
          `and that the witness is ${purpose.allowed} of this clinic.`
      : 'The witness could not be authenticated: check the email, password and authenticator ' +
          `code, and that the witness is ${purpose.allowed} of this clinic.`,
    field,
  );

async function auditRefusal(
  call: WitnessCall,
  reason: string,
  witnessUserId: string | null,
  field: string,
  purpose: WitnessPurpose,
): Promise<never> {
  await inTransaction(call.db, call.audit, (_tx, audit) => {
    audit({
      action: `${purpose.prefix}.witness-refused`,
      resourceType: purpose.resourceType,
      resourceId: witnessUserId,
      outcome: 'failure',
      detail: { reason, field },
    });
    return Promise.resolve();
  });
  throw refused(field, purpose);
}

/**
 * Authenticates one witness for the scope's clinic. `field` names the credentials in the request
 * (`body.witness`, `body.witnesses.0`). The witness must be another user than the recorder
 * (`ledger.self-witness`, audited), have an authenticator app and give its code, and hold
 * `ledger.witness` in this clinic (by default; another `purpose` names its own permission, codes,
 * audit actions and second-factor rule).
 */
export async function authenticateWitness(
  call: WitnessCall,
  credentials: WitnessCredentials,
  field: string,
  purpose: WitnessPurpose = LEDGER_WITNESS,
): Promise<Witness> {
  const user = await findUserByEmail(call.db, normaliseEmail(credentials.email));
  if (user === null) {
    // The same work as a real check, so timing does not tell which accounts exist.
    await verifyPassword(await dummyPasswordHash(), credentials.password);
    return auditRefusal(call, 'unknown-account', null, field, purpose);
  }
  if (user.id === call.scope.userId) {
    await inTransaction(call.db, call.audit, (_tx, audit) => {
      audit({
        action: `${purpose.prefix}.self-witness-refused`,
        resourceType: purpose.resourceType,
        resourceId: user.id,
        outcome: 'denied',
        detail: { field },
      });
      return Promise.resolve();
    });
    throw new DomainError(
      `${purpose.prefix}.self-witness`,
      400,
      'You cannot witness your own entry: a second person must witness it with their own sign-in.',
      field,
    );
  }
  const membership = (await membershipsOf(call.db, user.id)).find(
    (m) => m.id === call.scope.clinicId,
  );
  if (user.disabledAt !== null || isLocked(user, call.now)) {
    await verifyPassword(await dummyPasswordHash(), credentials.password);
    return auditRefusal(
      call,
      user.disabledAt !== null ? 'disabled' : 'locked',
      user.id,
      field,
      purpose,
    );
  }
  const passwordOk = await verifyPassword(user.passwordHash, credentials.password);
  let step: number | null = null;
  if (passwordOk && user.mfaSecret !== null) {
    step =
      credentials.totpCode === undefined
        ? null
        : await acceptTotp({
            secret: user.mfaSecret,
            code: credentials.totpCode,
            now: call.now,
            afterStep: user.mfaLastStep,
          });
  }
  if (!passwordOk || (user.mfaSecret !== null && step === null)) {
    const next = afterFailure(user, call.now);
    await inTransaction(call.db, call.audit, async (tx, audit) => {
      await updateUser(tx, user.id, {
        failedLogins: next.failedLogins,
        lockedUntil: next.lockedUntil,
      });
      audit({
        action: `${purpose.prefix}.witness-refused`,
        resourceType: purpose.resourceType,
        resourceId: user.id,
        outcome: 'failure',
        detail: {
          reason: passwordOk ? 'second-factor' : 'wrong-password',
          field,
          consecutiveFailures: next.failedLogins,
        },
      });
      if (next.locked) audit({ ...lockedEvent(next.failedLogins), resourceId: user.id });
    });
    throw refused(field, purpose);
  }
  // Only after the password is right, so the refusal cannot be used to learn who has no
  // authenticator. Not a guess at a secret, so it does not count toward the lockout.
  if (purpose.secondFactor === 'required' && user.mfaSecret === null) {
    return auditRefusal(call, 'no-second-factor', user.id, field, purpose);
  }
  if (membership === undefined || !roleHas(membership.role, purpose.permission)) {
    return auditRefusal(call, 'not-an-allowed-witness', user.id, field, purpose);
  }
  // A code is accepted once; the step is stored at once (not with the entry) so it cannot be replayed.
  await updateUser(call.db, user.id, {
    failedLogins: 0,
    lockedUntil: null,
    ...(step === null ? {} : { mfaLastStep: step }),
  });
  return { userId: user.id, role: membership.role, secondFactor: step !== null };
}
