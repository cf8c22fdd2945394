/**
 * Data access for sign-in and sessions: the session row joined with its user and active membership
 * (what the auth hook needs in one query), and the session life-cycle writes.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '../access/permissions.ts';
import type { Db, Tx } from '../db/client.ts';
import { readColumn, readRequired, runStatement, statement } from '../db/statement.ts';
import { clinics } from '../clinics/schema.ts';
import { memberships, users } from '../users/schema.ts';
import { MFA_REQUIRED_ROLES } from './policy.ts';
import { authSessions } from './schema.ts';

type Handle = Db | Tx;

export interface ResolvedSession {
  readonly tokenHash: string;
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly csrfToken: string;
  readonly mfaPassed: boolean;
  readonly activeClinicId: string | null;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly endedAt: Date | null;
  readonly userDisabled: boolean;
  readonly passwordMustChange: boolean;
  readonly mfaEnrolled: boolean;
  /** True when enrolled, or when any of the user's memberships has a role that requires MFA. */
  readonly mfaRequired: boolean;
  /** Role in the active clinic; null without an active clinic or when that membership is gone. */
  readonly activeRole: Role | null;
  readonly activePatientId: string | null;
}

/**
 * The session, its user and the active membership in one statement: every authenticated request runs
 * it, so its text is written once (db/statement.ts); it takes a list of token hashes so that
 * concurrent requests share one (session-lookups.ts). `mfa_secret` itself never leaves the database.
 */
const findSessionStatement = statement(
  'auth.find-session',
  `SELECT s.token_hash, s.user_id, u.email, u.display_name, s.csrf_token, s.mfa_passed,
     s.active_clinic_id, s.created_at, s.last_seen_at, s.expires_at, s.ended_at, u.disabled_at,
     u.password_must_change, u.mfa_secret IS NOT NULL AS mfa_enrolled,
     EXISTS (SELECT 1 FROM memberships r WHERE r.user_id = u.id AND r.role = ANY ($2::text[]))
       AS role_requires_mfa,
     m.role, m.patient_id
   FROM auth_sessions s
   JOIN users u ON u.id = s.user_id
   LEFT JOIN memberships m ON m.user_id = s.user_id AND m.clinic_id = s.active_clinic_id
   WHERE s.token_hash = ANY ($1::text[])`,
  (raw): ResolvedSession => {
    const mfaEnrolled = raw.mfa_enrolled === true;
    return {
      tokenHash: readRequired(authSessions.tokenHash, raw),
      userId: readRequired(authSessions.userId, raw),
      email: readRequired(users.email, raw),
      displayName: readRequired(users.displayName, raw),
      csrfToken: readRequired(authSessions.csrfToken, raw),
      mfaPassed: readRequired(authSessions.mfaPassed, raw),
      activeClinicId: readColumn(authSessions.activeClinicId, raw),
      createdAt: readRequired(authSessions.createdAt, raw),
      lastSeenAt: readRequired(authSessions.lastSeenAt, raw),
      expiresAt: readRequired(authSessions.expiresAt, raw),
      endedAt: readColumn(authSessions.endedAt, raw),
      userDisabled: readColumn(users.disabledAt, raw) !== null,
      passwordMustChange: readRequired(users.passwordMustChange, raw),
      mfaEnrolled,
      mfaRequired: mfaEnrolled || raw.role_requires_mfa === true,
      activeRole: readColumn(memberships.role, raw),
      activePatientId: readColumn(memberships.patientId, raw),
    };
  },
);

export async function findSession(db: Handle, tokenHash: string): Promise<ResolvedSession | null> {
  return (await findSessions(db, [tokenHash])).get(tokenHash) ?? null;
}

/** Several sessions in the same one statement (session-lookups.ts), by token hash; absent: not found. */
export async function findSessions(
  db: Handle,
  tokenHashes: readonly string[],
): Promise<Map<string, ResolvedSession>> {
  const rows = await runStatement(db, findSessionStatement, [tokenHashes, MFA_REQUIRED_ROLES]);
  return new Map(rows.map((session) => [session.tokenHash, session]));
}

export async function insertSession(
  db: Handle,
  session: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    activeClinicId: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.insert(authSessions).values({
    tokenHash: session.tokenHash,
    userId: session.userId,
    csrfToken: session.csrfToken,
    activeClinicId: session.activeClinicId,
    mfaPassed: false,
    createdAt: session.now,
    lastSeenAt: session.now,
    expiresAt: session.expiresAt,
  });
}

export async function touchSession(db: Handle, tokenHash: string, now: Date): Promise<void> {
  await db
    .update(authSessions)
    .set({ lastSeenAt: now })
    .where(and(eq(authSessions.tokenHash, tokenHash), isNull(authSessions.endedAt)));
}

/**
 * Replaces the session token (after a second factor, a password change or a clinic switch: T-13 asks
 * for a new session id on re-authentication and privilege change) and applies `changes`.
 */
export async function rotateSession(
  db: Handle,
  oldHash: string,
  newHash: string,
  changes: { mfaPassed?: boolean; activeClinicId?: string; now: Date },
): Promise<void> {
  await db
    .update(authSessions)
    .set({
      tokenHash: newHash,
      lastSeenAt: changes.now,
      ...(changes.mfaPassed === undefined ? {} : { mfaPassed: changes.mfaPassed }),
      ...(changes.activeClinicId === undefined ? {} : { activeClinicId: changes.activeClinicId }),
    })
    .where(eq(authSessions.tokenHash, oldHash));
}

export async function endSession(
  db: Handle,
  tokenHash: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db
    .update(authSessions)
    .set({ endedAt: now, endedReason: reason })
    .where(and(eq(authSessions.tokenHash, tokenHash), isNull(authSessions.endedAt)));
}

/** Ends every live session of a user; returns how many were live. */
export async function endUserSessions(
  db: Handle,
  userId: string,
  reason: string,
  now: Date,
  keepTokenHash?: string,
): Promise<number> {
  const ended = await db
    .update(authSessions)
    .set({ endedAt: now, endedReason: reason })
    .where(
      and(
        eq(authSessions.userId, userId),
        isNull(authSessions.endedAt),
        keepTokenHash === undefined
          ? undefined
          : sql`${authSessions.tokenHash} <> ${keepTokenHash}`,
      ),
    )
    .returning({ tokenHash: authSessions.tokenHash });
  return ended.length;
}

/** The clinics a user belongs to, with the role in each, by clinic name. */
export async function membershipsOf(db: Handle, userId: string) {
  return db
    .select({
      id: clinics.id,
      name: clinics.name,
      timeZone: clinics.timeZone,
      role: memberships.role,
      patientId: memberships.patientId,
    })
    .from(memberships)
    .innerJoin(clinics, eq(clinics.id, memberships.clinicId))
    .where(eq(memberships.userId, userId))
    .orderBy(clinics.name, clinics.id);
}

export async function findUserByEmail(db: Handle, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user ?? null;
}

export async function findUserById(db: Handle, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user ?? null;
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export async function updateUser(
  db: Handle,
  userId: string,
  changes: Partial<Omit<UserRow, 'id' | 'email' | 'createdAt'>>,
): Promise<void> {
  await db
    .update(users)
    .set({ ...changes, version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
}
