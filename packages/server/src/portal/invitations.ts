/**
 * Portal invitations. Staff invite a patient: a random link token (256 bits) is returned once and
 * only its SHA-256 is stored. The patient opens the link and sets a password (the staff password
 * policy); accepting creates the patient account (role patient, linked to the record) and marks the
 * invitation used, in one transaction: single use, refused after it expires.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { AuditContext } from '../audit/append.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/password.ts';
import { normaliseEmail } from '../auth/sign-in.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError, notFound } from '../http/errors.ts';
import { isReplay, requestHash } from '../intake/write-id.ts';
import { patients } from '../patients/schema.ts';
import { memberships, users } from '../users/schema.ts';
import { portalInvitations } from './schema.ts';

/**
 * How long an invitation link stays valid: 7 days. Security policy (a link in an inbox should not
 * live long; a patient may need a few days to act), not clinical data.
 */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface InvitationView {
  readonly id: string;
  readonly patientId: string;
  readonly expiresAt: string;
  readonly token: string | null;
  readonly link: string | null;
}

/** Invites a patient of the clinic to the portal; a retry with the same id returns no token again. */
export function createInvitation(
  ctx: ServiceContext,
  patientId: string,
  input: { id: string; email: string },
  now: Date,
): Promise<{ invitation: InvitationView; created: boolean }> {
  ctx.scope.require('portal.invite');
  const email = normaliseEmail(input.email);
  const hash = requestHash('portal.invite', patientId, { ...input, email });
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const [patient] = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.id, patientId), eq(patients.clinicId, ctx.scope.clinicId)));
    if (patient === undefined) throw notFound('patient');
    const [existing] = await tx
      .select()
      .from(portalInvitations)
      .where(eq(portalInvitations.id, input.id));
    if (existing !== undefined && existing.clinicId !== ctx.scope.clinicId)
      throw notFound('invitation');
    if (isReplay(existing, hash) && existing !== undefined) {
      const view = {
        id: existing.id,
        patientId: existing.patientId,
        expiresAt: existing.expiresAt.toISOString(),
        token: null,
        link: null,
      };
      return { invitation: view, created: false };
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
    await tx.insert(portalInvitations).values({
      id: input.id,
      clinicId: ctx.scope.clinicId,
      patientId,
      email,
      tokenHash: hashToken(token),
      expiresAt,
      requestHash: hash,
      createdBy: ctx.scope.userId,
      createdAt: now,
    });
    audit({
      action: 'portal.invited',
      resourceType: 'portal-invitation',
      resourceId: input.id,
      patientId,
      outcome: 'success',
      detail: { expiresAt: expiresAt.toISOString() },
    });
    return {
      invitation: {
        id: input.id,
        patientId,
        expiresAt: expiresAt.toISOString(),
        token,
        link: `/portal/join#${token}`,
      },
      created: true,
    };
  });
}

const invalid = (code: string, message: string): DomainError =>
  new DomainError(code, 400, message, 'body.token');

/**
 * Accepts an invitation: checks the token (unknown, used or expired → 400 naming why), the password
 * policy, creates the patient account and marks the invitation used. Returns the sign-in email.
 */
export async function acceptInvitation(
  db: Db,
  context: AuditContext,
  input: { token: string; password: string; displayName: string },
  now: Date,
): Promise<{ email: string }> {
  checkPasswordPolicy(input.password, 'body.password');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, context, async (tx, audit) => {
    const [invitation] = await tx
      .select()
      .from(portalInvitations)
      .where(eq(portalInvitations.tokenHash, hashToken(input.token)))
      .for('update');
    if (invitation === undefined) {
      throw invalid(
        'portal.invitation-unknown',
        'This invitation link is not valid; ask your clinic for a new one.',
      );
    }
    if (invitation.usedAt !== null) {
      throw invalid(
        'portal.invitation-used',
        'This invitation link was already used; sign in with the email and password you chose.',
      );
    }
    if (invitation.expiresAt.getTime() <= now.getTime()) {
      throw invalid(
        'portal.invitation-expired',
        'This invitation link has expired; ask your clinic for a new one.',
      );
    }
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, invitation.email));
    if (taken !== undefined) {
      throw new DomainError(
        'user.email-taken',
        409,
        'An account with this email exists; sign in, or ask your clinic to invite another address.',
        'body.token',
      );
    }
    const [user] = await tx
      .insert(users)
      .values({
        email: invitation.email,
        displayName: input.displayName,
        passwordHash,
        passwordMustChange: false,
      })
      .returning({ id: users.id });
    if (user === undefined) throw new Error('user insert returned no row');
    await tx.insert(memberships).values({
      userId: user.id,
      clinicId: invitation.clinicId,
      role: 'patient',
      patientId: invitation.patientId,
    });
    await tx
      .update(portalInvitations)
      .set({ usedAt: now, accountUserId: user.id })
      .where(eq(portalInvitations.id, invitation.id));
    audit({
      action: 'portal.invitation-accepted',
      resourceType: 'portal-invitation',
      resourceId: invitation.id,
      patientId: invitation.patientId,
      clinicId: invitation.clinicId,
      outcome: 'success',
      detail: { userId: user.id },
    });
    return { email: invitation.email };
  });
}
