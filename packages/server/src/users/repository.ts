/** Members of a clinic (user + membership), always filtered by the clinic of the caller's scope. */
import type { Member } from '@ketaflow/contract';
import { and, count, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { memberships, users } from './schema.ts';

type Handle = Db | Tx;

const memberColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: memberships.role,
  patientId: memberships.patientId,
  disabledAt: users.disabledAt,
  lockedUntil: users.lockedUntil,
  mfaSecret: users.mfaSecret,
  passwordMustChange: users.passwordMustChange,
  memberSince: memberships.createdAt,
};

type MemberRow = {
  [K in keyof typeof memberColumns]: (typeof memberColumns)[K]['_']['notNull'] extends true
    ? (typeof memberColumns)[K]['_']['data']
    : (typeof memberColumns)[K]['_']['data'] | null;
};

/** The API view: no hashes, secrets or counters leave the server (T-11). */
export function toMember(row: MemberRow, now: Date): Member {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    patientId: row.patientId,
    disabled: row.disabledAt !== null,
    lockedUntil:
      row.lockedUntil !== null && row.lockedUntil.getTime() > now.getTime()
        ? row.lockedUntil.toISOString()
        : null,
    mfaEnrolled: row.mfaSecret !== null,
    passwordMustChange: row.passwordMustChange,
    memberSince: row.memberSince.toISOString(),
  };
}

export async function findMember(
  db: Handle,
  clinicId: string,
  userId: string,
): Promise<MemberRow | null> {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.userId, userId)));
  return row ?? null;
}

export async function listMembers(
  db: Handle,
  clinicId: string,
  page: { page: number; pageSize: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const rows = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.clinicId, clinicId))
    .orderBy(users.displayName, users.id)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(memberships)
    .where(eq(memberships.clinicId, clinicId));
  return { rows, total: total?.n ?? 0 };
}
