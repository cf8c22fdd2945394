/**
 * Referral / self-screening requests: the public submission (anti-robot token, honeypot, minimal
 * PHI, idempotent) and the coordinator's queue (list, mark contacted or closed). Audited; audit
 * details never carry names or contact details.
 */
import { REFERRAL_MIN_FILL_MS, type ReferralSubmit } from '@ketaflow/contract';
import { and, asc, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditContext } from '../audit/append.ts';
import { clinics } from '../clinics/schema.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError, notFound, staleVersion } from '../http/errors.ts';
import { isReplay, requestHash } from '../intake/write-id.ts';
import { checkFormToken, issueFormToken } from './form-token.ts';
import { referralRequests } from './schema.ts';

type Submit = z.infer<typeof ReferralSubmit>;
type Row = typeof referralRequests.$inferSelect;

export const RECEIPT_MESSAGE =
  'Thank you. Your request has reached the clinic. A coordinator will contact you, usually within two working days. If you are in crisis, call or text 988 (Suicide & Crisis Lifeline) or call 911.';

/** The form's token and the clinics it can be sent to (public names only). */
export async function referralForm(
  db: Db,
  now: Date,
): Promise<{ clinics: { clinicId: string; clinicName: string; formToken: string }[] }> {
  const rows = await db.select({ id: clinics.id, name: clinics.name }).from(clinics).limit(50);
  return {
    clinics: rows.map((c) => ({
      clinicId: c.id,
      clinicName: c.name,
      formToken: issueFormToken(c.id, now),
    })),
  };
}

const refused = (code: string, message: string): DomainError =>
  new DomainError(code, 400, message, 'body.formToken');

/**
 * Stores a request in the clinic's queue. A filled honeypot is answered like a success and stored
 * nowhere (a robot learns nothing); a form sent faster than a person can fill it is refused.
 */
export async function submitReferral(
  db: Db,
  context: AuditContext,
  input: Submit,
  now: Date,
): Promise<{ received: true; message: string }> {
  const receipt = { received: true as const, message: RECEIPT_MESSAGE };
  const check = checkFormToken(input.formToken, input.clinicId, now, REFERRAL_MIN_FILL_MS);
  if (check === 'invalid' || check === 'expired') {
    throw refused(
      'referral.form-expired',
      'This form has expired or was not loaded from the clinic page; reload the page and send it again.',
    );
  }
  const spam = input.website !== undefined && input.website.trim() !== '';
  if (!spam && check === 'too-fast') {
    throw refused(
      'referral.too-fast',
      'The form was sent within seconds of opening it; check your answers and send it again.',
    );
  }
  return inTransaction(db, { ...context, clinicId: input.clinicId }, async (tx, audit) => {
    const [clinic] = await tx
      .select({ id: clinics.id })
      .from(clinics)
      .where(eq(clinics.id, input.clinicId));
    if (clinic === undefined) throw notFound('clinic');
    if (spam || check === 'too-fast') {
      audit({
        action: 'referral.dropped',
        resourceType: 'referral',
        outcome: 'denied',
        detail: { reason: spam ? 'honeypot' : 'too-fast' },
      });
      return receipt;
    }
    const { formToken: _token, website: _honeypot, ...fields } = input;
    const hash = requestHash('referral.submit', input.clinicId, fields);
    const [existing] = await tx
      .select()
      .from(referralRequests)
      .where(eq(referralRequests.id, input.id));
    if (existing !== undefined && existing.clinicId !== input.clinicId) {
      throw new DomainError(
        'idempotency.key-reused',
        409,
        'Reload the page and send again.',
        'body.id',
      );
    }
    if (isReplay(existing, hash)) return receipt;
    await tx.insert(referralRequests).values({
      id: input.id,
      clinicId: input.clinicId,
      name: input.name,
      email: input.email?.toLowerCase() ?? null,
      phone: input.phone ?? null,
      condition: input.condition,
      referringClinician: input.referringClinician ?? null,
      consentToContact: input.consentToContact,
      requestHash: hash,
      createdAt: now,
      updatedAt: now,
    });
    audit({
      action: 'referral.received',
      resourceType: 'referral',
      resourceId: input.id,
      outcome: 'success',
      detail: { condition: input.condition, referred: input.referringClinician !== undefined },
    });
    return receipt;
  });
}

const viewOf = (row: Row) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  condition: row.condition,
  referringClinician: row.referringClinician,
  status: row.status,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
});

/** The clinic's queue, oldest first (first come, first served), optionally by status. */
export function referralQueue(
  ctx: ServiceContext,
  query: { page: number; pageSize: number; status?: Row['status'] | undefined },
) {
  ctx.scope.require('referral.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const where = and(
      eq(referralRequests.clinicId, ctx.scope.clinicId),
      ...(query.status === undefined ? [] : [eq(referralRequests.status, query.status)]),
    );
    const rows = await tx
      .select()
      .from(referralRequests)
      .where(where)
      .orderBy(asc(referralRequests.createdAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    const [total] = await tx.select({ n: count() }).from(referralRequests).where(where);
    audit({
      action: 'referral.list',
      resourceType: 'referral',
      outcome: 'success',
      detail: { count: rows.length, referralIds: rows.map((r) => r.id) },
    });
    return {
      items: rows.map(viewOf),
      page: query.page,
      pageSize: query.pageSize,
      total: total?.n ?? 0,
    };
  });
}

/** Moves a request along the queue (stale version → 409). */
export function updateReferral(
  ctx: ServiceContext,
  id: string,
  update: { version: number; status: Row['status'] },
  now: Date,
) {
  ctx.scope.require('referral.work');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const [row] = await tx
      .select()
      .from(referralRequests)
      .where(and(eq(referralRequests.id, id), eq(referralRequests.clinicId, ctx.scope.clinicId)))
      .for('update');
    if (row === undefined) throw notFound('referral');
    if (row.version !== update.version) throw staleVersion('referral');
    const [updated] = await tx
      .update(referralRequests)
      .set({
        status: update.status,
        version: row.version + 1,
        updatedAt: now,
        updatedBy: ctx.scope.userId,
      })
      .where(eq(referralRequests.id, id))
      .returning();
    if (updated === undefined) throw notFound('referral');
    audit({
      action: 'referral.updated',
      resourceType: 'referral',
      resourceId: id,
      outcome: 'success',
      detail: { from: row.status, to: update.status },
    });
    return viewOf(updated);
  });
}
