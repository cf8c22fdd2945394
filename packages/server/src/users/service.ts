/**
 * User management by a clinic's admins, always inside the admin's active clinic: list members, create
 * a user (one-time password), change a role, disable/enable, end sessions, unlock. A user of another
 * clinic answers exactly like a missing one (404). Every change is audited in its transaction.
 */
import type { CreateUserBody, Member, StaffRole } from '@ketaflow/contract';
import { and, eq } from 'drizzle-orm';
import { endUserSessions, updateUser } from '../auth/repository.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError, notFound } from '../http/errors.ts';
import { createUser } from './accounts.ts';
import { findMember, listMembers, toMember } from './repository.ts';
import { memberships } from './schema.ts';

export interface ManageCall extends ServiceContext {
  readonly now: Date;
}

export async function listClinicMembers(
  call: ManageCall,
  page: { page: number; pageSize: number },
): Promise<{ items: Member[]; page: number; pageSize: number; total: number }> {
  call.scope.require('user.manage');
  const { rows, total } = await listMembers(call.db, call.scope.clinicId, page);
  return { items: rows.map((row) => toMember(row, call.now)), ...page, total };
}

export function createMember(
  call: ManageCall,
  body: CreateUserBody,
): Promise<{ user: Member; oneTimePassword: string }> {
  call.scope.require('user.manage');
  return createUser(call.db, { ...body, clinicId: call.scope.clinicId }, call.audit);
}

async function targetOf(call: ManageCall, userId: string) {
  call.scope.require('user.manage');
  const member = await findMember(call.db, call.scope.clinicId, userId);
  if (member === null) throw notFound('user');
  return member;
}

function notSelf(call: ManageCall, userId: string, what: string): void {
  // An admin cannot lock themselves out (the clinic could be left without one).
  if (userId === call.scope.userId) {
    throw new DomainError('user.self-change', 409, `You cannot ${what} your own account.`);
  }
}

export async function changeRole(
  call: ManageCall,
  userId: string,
  role: StaffRole,
): Promise<Member> {
  const target = await targetOf(call, userId);
  notSelf(call, userId, 'change the role of');
  if (target.role === 'patient') {
    throw new DomainError(
      'user.patient-role-fixed',
      409,
      'A patient account stays a patient account; create a staff account instead.',
      'body.role',
    );
  }
  return inTransaction(call.db, call.audit, async (tx, audit) => {
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.clinicId, call.scope.clinicId), eq(memberships.userId, userId)));
    audit({
      action: 'user.role-changed',
      resourceType: 'user',
      resourceId: userId,
      outcome: 'success',
      detail: { from: target.role, to: role },
    });
    const member = await findMember(tx, call.scope.clinicId, userId);
    if (member === null) throw notFound('user');
    return toMember(member, call.now);
  });
}

/** Disabling ends every session of the user at once (T-18); enabling does not restore them. */
export async function setDisabled(
  call: ManageCall,
  userId: string,
  disabled: boolean,
): Promise<Member> {
  await targetOf(call, userId);
  notSelf(call, userId, disabled ? 'disable' : 'enable');
  return inTransaction(call.db, call.audit, async (tx, audit) => {
    await updateUser(tx, userId, { disabledAt: disabled ? call.now : null });
    const ended = disabled ? await endUserSessions(tx, userId, 'user-disabled', call.now) : 0;
    audit({
      action: disabled ? 'user.disabled' : 'user.enabled',
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

export async function endSessionsOf(call: ManageCall, userId: string): Promise<{ ended: number }> {
  await targetOf(call, userId);
  return inTransaction(call.db, call.audit, async (tx, audit) => {
    const ended = await endUserSessions(tx, userId, 'ended-by-admin', call.now);
    audit({
      action: 'user.sessions-ended',
      resourceType: 'user',
      resourceId: userId,
      outcome: 'success',
      detail: { sessionsEnded: ended },
    });
    return { ended };
  });
}

/** Lifts a lockout early (T-14c) and resets the failure count. */
export async function unlock(call: ManageCall, userId: string): Promise<Member> {
  await targetOf(call, userId);
  return inTransaction(call.db, call.audit, async (tx, audit) => {
    await updateUser(tx, userId, { failedLogins: 0, lockedUntil: null });
    audit({
      action: 'user.unlocked',
      resourceType: 'user',
      resourceId: userId,
      outcome: 'success',
    });
    const member = await findMember(tx, call.scope.clinicId, userId);
    if (member === null) throw notFound('user');
    return toMember(member, call.now);
  });
}
