/** The session as the client sees it: who is signed in, which step is next, which clinics. */
import type { SessionInfo } from '@ketaflow/contract';
import type { Db, Tx } from '../db/client.ts';
import { unauthenticated } from '../http/errors.ts';
import { nextStep } from './next-step.ts';
import { IDLE_TIMEOUT_MS } from './policy.ts';
import { findSession, membershipsOf, type ResolvedSession } from './repository.ts';

/** Common arguments of the auth services: the database, the request's instant and audit context. */
export interface AuthCall {
  readonly db: Db;
  readonly now: Date;
  readonly audit: import('../audit/append.ts').AuditContext;
}

/** A service result that (re)issues the session cookie. */
export interface IssuedSession {
  readonly token: string;
  readonly info: SessionInfo;
}

export async function describeSession(db: Db | Tx, tokenHash: string): Promise<SessionInfo> {
  const session = await findSession(db, tokenHash);
  if (session === null) throw unauthenticated();
  return describe(db, session);
}

export async function describe(db: Db | Tx, session: ResolvedSession): Promise<SessionInfo> {
  const clinics = await membershipsOf(db, session.userId);
  const active = clinics.find((clinic) => clinic.id === session.activeClinicId);
  const summary = (clinic: (typeof clinics)[number]) => ({
    id: clinic.id,
    name: clinic.name,
    timeZone: clinic.timeZone,
    role: clinic.role,
  });
  return {
    user: { id: session.userId, email: session.email, displayName: session.displayName },
    csrfToken: session.csrfToken,
    next: nextStep(session),
    mfaEnrolled: session.mfaEnrolled,
    mfaRequired: session.mfaRequired,
    passwordMustChange: session.passwordMustChange,
    activeClinic: active === undefined ? null : summary(active),
    clinics: clinics.map(summary),
    expiresAt: session.expiresAt.toISOString(),
    idleTimeoutSeconds: IDLE_TIMEOUT_MS / 1000,
  };
}
