/**
 * The session lookup every authenticated request runs (a statement written once) gives exactly what
 * the drizzle query it replaced gave, for live, ended and foreign-clinic sessions, disabled users,
 * enrolled users and users whose role elsewhere requires a second factor.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { seedActor, seedClinic } from '../patients/fixtures.test-support.ts';
import { memberships, users } from '../users/schema.ts';
import { MFA_REQUIRED_ROLES } from './policy.ts';
import { endSession, findSession, insertSession, type ResolvedSession } from './repository.ts';
import { authSessions } from './schema.ts';

let database: TestDatabase;

/** The drizzle query findSession ran before it became a statement (the reference). */
async function drizzleFindSession(db: Db | Tx, tokenHash: string): Promise<ResolvedSession | null> {
  const mfaRoleList = sql.join(
    MFA_REQUIRED_ROLES.map((role) => sql`${role}`),
    sql`, `,
  );
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

async function newSession(userId: string, activeClinicId: string | null): Promise<string> {
  const tokenHash = randomUUID().replace(/-/g, '').repeat(2);
  const now = new Date(Date.UTC(2026, 10, 26, 1, 2, 3, 456));
  await insertSession(database.db, {
    tokenHash,
    userId,
    csrfToken: `csrf-${randomUUID()}`,
    activeClinicId,
    now,
    expiresAt: new Date(now.getTime() + 12 * 3_600_000),
  });
  return tokenHash;
}

async function assertSame(tokenHash: string, what: string): Promise<ResolvedSession | null> {
  const reference = await drizzleFindSession(database.db, tokenHash);
  const found = await findSession(database.db, tokenHash);
  assert.deepStrictEqual(found, reference, `${what}: the statement matches the drizzle query`);
  const inTx = await database.db.transaction((tx) => findSession(tx, tokenHash));
  assert.deepStrictEqual(inTx, reference, `${what}: the same inside a transaction`);
  return found;
}

before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.drop();
});

test('a nurse in her active clinic', async () => {
  const clinicId = await seedClinic(database.db, 'Find Session Clinic A');
  const nurse = await seedActor(database.db, clinicId, 'nurse');
  const found = await assertSame(await newSession(nurse.userId, clinicId), 'nurse');
  assert.equal(found?.activeRole, 'nurse', 'the active role is read');
  assert.equal(found.mfaRequired, false, 'a nurse needs no second factor');
  assert.ok(found.createdAt instanceof Date, 'timestamps are Dates');
});

test('no active clinic, a clinic without membership, and a missing token', async () => {
  const clinicId = await seedClinic(database.db, 'Find Session Clinic B');
  const other = await seedClinic(database.db, 'Find Session Clinic C');
  const coordinator = await seedActor(database.db, clinicId, 'coordinator');
  const none = await assertSame(await newSession(coordinator.userId, null), 'no clinic');
  assert.equal(none?.activeRole, null, 'no active clinic: no role');
  const foreign = await assertSame(await newSession(coordinator.userId, other), 'foreign clinic');
  assert.equal(foreign?.activeRole, null, 'a clinic without membership gives no role');
  assert.equal(await assertSame('f'.repeat(64), 'missing'), null, 'an unknown token finds nothing');
});

test('a role elsewhere requiring MFA, an enrolled user, a patient, ended and disabled', async () => {
  const clinicId = await seedClinic(database.db, 'Find Session Clinic D');
  const other = await seedClinic(database.db, 'Find Session Clinic E');
  const nurse = await seedActor(database.db, clinicId, 'nurse');
  await database.db
    .insert(memberships)
    .values({ userId: nurse.userId, clinicId: other, role: 'prescriber' });
  const dual = await assertSame(await newSession(nurse.userId, clinicId), 'prescriber elsewhere');
  assert.equal(dual?.mfaRequired, true, 'a prescriber role in another clinic requires MFA');

  const enrolled = await seedActor(database.db, clinicId, 'researcher');
  await database.db
    .update(users)
    .set({ mfaSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', passwordMustChange: false })
    .where(eq(users.id, enrolled.userId));
  const e = await assertSame(await newSession(enrolled.userId, clinicId), 'enrolled');
  assert.equal(e?.mfaEnrolled, true, 'an enrolled user is enrolled');

  const patientClinic = await seedClinic(database.db, 'Find Session Clinic F');
  const patientUser = await seedActor(database.db, patientClinic, 'patient', randomUUID());
  const p = await assertSame(await newSession(patientUser.userId, patientClinic), 'patient');
  assert.equal(p?.activePatientId, patientUser.patientId, 'the patient link is read');

  const ended = await newSession(nurse.userId, clinicId);
  await endSession(database.db, ended, 'logout', new Date());
  const endedFound = await assertSame(ended, 'ended');
  assert.ok(endedFound?.endedAt instanceof Date, 'the end is read');

  await database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, nurse.userId));
  const disabled = await assertSame(await newSession(nurse.userId, clinicId), 'disabled');
  assert.equal(disabled?.userDisabled, true, 'a disabled user is disabled');
});
