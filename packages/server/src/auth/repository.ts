/**
 * Data access for sign-in and sessions: the session row joined with its user and active membership
 * (what the auth hook needs in one query), and the session life-cycle writes.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '../access/permissions.ts';
import type { Db, Tx } from '../db/client.ts';
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

const mfaRoleList = sql.join(
  MFA_REQUIRED_ROLES.map((role) => sql`${role}`),
  sql`, `,
);

export async function findSession(db: Handle, tokenHash: string): Promise<ResolvedSession | null> {
  const [row] = await db
    .select({
      tokenHash: authSessions.tokenHash,
      userId: authSessions.userId,
      email: users.email,
      displayName: users.displayName,
      csrfToken: authSessions.csrfToken,
      mfaPassed: authSessions.mfaPassed,
      activeClinicId: authSessions.activeClinicId,
      createdAt: authSessions.createdAt,
      lastSeenAt: authSessions.lastSeenAt,
      expiresAt: authSessions.expiresAt,
      endedAt: authSessions.endedAt,
      disabledAt: users.disabledAt,
      passwordMustChange: users.passwordMustChange,
      mfaSecret: users.mfaSecret,
      roleRequiresMfa: sql<boolean>`EXISTS (SELECT 1 FROM ${memberships} m WHERE m.user_id = ${users.id} AND m.role IN (${mfaRoleList}))`,
      activeRole: memberships.role,
      activePatientId: memberships.patientId,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .leftJoin(
      memberships,
      and(
        eq(memberships.userId, authSessions.userId),
        eq(memberships.clinicId, authSessions.activeClinicId),
      ),
    )
    .where(eq(authSessions.tokenHash, tokenHash));
  if (row === undefined) return null;
  const { disabledAt, mfaSecret, roleRequiresMfa, ...rest } = row;
  return {
    ...rest,
    userDisabled: disabledAt !== null,
    mfaEnrolled: mfaSecret !== null,
    mfaRequired: mfaSecret !== null || roleRequiresMfa,
  };
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
