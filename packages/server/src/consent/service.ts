/**
 * Consent use cases: the clinic's current consent text (the default text is seeded as version 1 the
 * first time a clinic needs one), publishing a new text version, recording a patient's consent
 * (current text only, typed full name matching the legal name, a staff witness of the clinic, the
 * date of signature) and revoking it. Audit details carry ids and versions, never names.
 */
import { randomUUID } from 'node:crypto';
import type { ConsentRecord, ConsentText } from '@ketaflow/contract';
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { ConsentRecordCreate, ConsentRevoke, ConsentTextPublish } from '@ketaflow/contract';
import type { Tx } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError, notFound, staleVersion } from '../http/errors.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { requirePatient } from '../intake/service.ts';
import { isReplay, mappingDuplicateId, requestHash } from '../intake/write-id.ts';
import { memberships, users } from '../users/schema.ts';
import { consentCurrencyOf } from './currency.ts';
import {
  DEFAULT_CONSENT_BODY,
  DEFAULT_CONSENT_CHANGE_NOTE,
  DEFAULT_CONSENT_TITLE,
} from './default-text.ts';
import {
  consentRecordById,
  consentRecordsOf,
  consentTextById,
  insertConsentRecord,
  insertConsentText,
  insertRevocation,
  latestConsentText,
  revocationById,
  revocationsOf,
  type ConsentRecordRow,
  type ConsentRevocationRow,
  type ConsentTextRow,
} from './repository.ts';

/** Staff roles that may witness a consent signature. */
const WITNESS_ROLES = new Set(['admin', 'prescriber', 'nurse', 'coordinator']);

/** The API view of a consent text row (also used by the portal consent page). */
export const textOf = (row: ConsentTextRow): ConsentText => ({
  id: row.id,
  version: row.version,
  title: row.title,
  body: row.body,
  changeNote: row.changeNote,
  createdAt: row.createdAt.toISOString(),
});

function recordOf(
  row: ConsentRecordRow,
  revocation: ConsentRevocationRow | undefined,
): ConsentRecord {
  return {
    id: row.id,
    patientId: row.patientId,
    consentTextId: row.consentTextId,
    textVersion: row.textVersion,
    attestedName: row.attestedName,
    attestedAt: row.attestedAt.toISOString(),
    witnessUserId: row.witnessUserId,
    consentDate: row.consentDate,
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt.toISOString(),
    revocation:
      revocation === undefined
        ? null
        : {
            reason: revocation.reason,
            revokedBy: revocation.revokedBy,
            revokedAt: revocation.revokedAt.toISOString(),
          },
  };
}

/** The clinic's latest consent text, seeding the default as version 1 when it has none. */
export async function ensureConsentText(
  tx: Tx,
  clinicId: string,
  now: Date,
): Promise<ConsentTextRow> {
  const existing = await latestConsentText(tx, clinicId);
  if (existing !== undefined) return existing;
  const seeded = await insertConsentText(tx, {
    id: randomUUID(),
    clinicId,
    version: 1,
    title: DEFAULT_CONSENT_TITLE,
    body: DEFAULT_CONSENT_BODY,
    changeNote: DEFAULT_CONSENT_CHANGE_NOTE,
    requestHash: 'seed',
    createdBy: null,
    createdAt: now,
  });
  const row = seeded ?? (await latestConsentText(tx, clinicId));
  if (row === undefined) throw new Error('could not seed the consent text');
  return row;
}

export function currentConsentText(ctx: ServiceContext, now: Date): Promise<ConsentText> {
  ctx.scope.require('consent-text.read');
  return inTransaction(ctx.db, ctx.audit, async (tx) =>
    textOf(await ensureConsentText(tx, ctx.scope.clinicId, now)),
  );
}

/** Publishes version n+1 of the clinic's consent text; `version` must be the current n (409 otherwise). */
export async function publishConsentText(
  ctx: ServiceContext,
  body: z.infer<typeof ConsentTextPublish>,
  now: Date,
): Promise<{ text: ConsentText; created: boolean }> {
  ctx.scope.require('consent-text.publish');
  const hash = requestHash('consent-text.publish', ctx.scope.clinicId, body);
  return mappingDuplicateId(
    'consent_texts',
    inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      const existing = await consentTextById(tx, body.id);
      if (isReplay(existing, hash) && existing !== undefined) {
        if (existing.clinicId !== ctx.scope.clinicId) throw notFound('consent-text');
        return { text: textOf(existing), created: false };
      }
      const current = await ensureConsentText(tx, ctx.scope.clinicId, now);
      if (current.version !== body.version) throw staleVersion('consent-text');
      const row = await insertConsentText(tx, {
        id: body.id,
        clinicId: ctx.scope.clinicId,
        version: current.version + 1,
        title: body.title,
        body: body.body,
        changeNote: body.changeNote,
        requestHash: hash,
        createdBy: ctx.scope.userId,
        createdAt: now,
      });
      if (row === undefined) throw staleVersion('consent-text');
      audit({
        action: 'consent-text.publish',
        resourceType: 'consent-text',
        resourceId: row.id,
        outcome: 'success',
        detail: { version: row.version },
      });
      return { text: textOf(row), created: true };
    }),
  );
}

/** A typed name compared case- and spacing-insensitively (also used by the portal attestation). */
export const normalName = (s: string): string =>
  s.normalize('NFC').toLocaleLowerCase('en-US').split(/\s+/).join(' ');

async function requireWitness(tx: Tx, clinicId: string, userId: string): Promise<void> {
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.clinicId, clinicId),
        isNull(users.disabledAt),
      ),
    );
  if (member === undefined || !WITNESS_ROLES.has(member.role)) {
    throw new DomainError(
      'consent.witness-invalid',
      422,
      'The witness must be an active staff member of this clinic.',
      'body.witnessUserId',
    );
  }
}

/** Records a patient's consent to the clinic's current text. */
export async function recordConsent(
  ctx: ServiceContext,
  patientId: string,
  body: z.infer<typeof ConsentRecordCreate>,
  now: Date,
): Promise<{ record: ConsentRecord; created: boolean }> {
  ctx.scope.require('consent.record');
  const hash = requestHash('consent.record', patientId, body);
  return mappingDuplicateId(
    'consent_records',
    inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      const patient = await requirePatient(tx, ctx.scope, patientId, { forUpdate: true });
      const existing = await consentRecordById(tx, body.id);
      if (isReplay(existing, hash) && existing !== undefined) {
        if (existing.clinicId !== ctx.scope.clinicId) throw notFound('consent');
        const [revocation] = await revocationsOf(tx, [existing.id]);
        return { record: recordOf(existing, revocation), created: false };
      }
      const text = await ensureConsentText(tx, ctx.scope.clinicId, now);
      if (text.id !== body.consentTextId) {
        throw new DomainError(
          'consent.text-not-current',
          409,
          `The consent text shown is not the clinic's current version ${String(text.version)}; show the current text and record again.`,
          'body.consentTextId',
        );
      }
      const legalName = `${patient.legalGivenName} ${patient.legalFamilyName}`;
      if (normalName(body.attestedName) !== normalName(legalName)) {
        throw new DomainError(
          'consent.name-mismatch',
          422,
          "The typed name must be the patient's full legal name (given and family name as registered).",
          'body.attestedName',
        );
      }
      if (Date.parse(body.attestedAt) > now.getTime()) {
        throw new DomainError(
          'consent.attested-in-future',
          400,
          'The attestation time is in the future; correct it.',
          'body.attestedAt',
        );
      }
      const timeZone = await clinicTimeZone(tx, ctx.scope.clinicId);
      if (calendarDateIn(timeZone, new Date(body.attestedAt)) !== body.consentDate) {
        throw new DomainError(
          'consent.date-mismatch',
          400,
          "The consent date must be the clinic's calendar date of the attestation.",
          'body.consentDate',
        );
      }
      await requireWitness(tx, ctx.scope.clinicId, body.witnessUserId);
      const row = await insertConsentRecord(tx, {
        id: body.id,
        clinicId: ctx.scope.clinicId,
        patientId,
        consentTextId: text.id,
        textVersion: text.version,
        attestedName: body.attestedName,
        attestedAt: new Date(body.attestedAt),
        witnessUserId: body.witnessUserId,
        consentDate: body.consentDate,
        requestHash: hash,
        recordedBy: ctx.scope.userId,
        recordedAt: now,
      });
      audit({
        action: 'consent.record',
        resourceType: 'consent',
        resourceId: row.id,
        patientId,
        outcome: 'success',
        detail: { textVersion: row.textVersion, witness: row.witnessUserId },
      });
      return { record: recordOf(row, undefined), created: true };
    }),
  );
}

/** Withdraws a consent (once; a second revocation answers 409). */
export async function revokeConsent(
  ctx: ServiceContext,
  consentId: string,
  body: z.infer<typeof ConsentRevoke>,
  now: Date,
): Promise<{ record: ConsentRecord; created: boolean }> {
  ctx.scope.require('consent.record');
  const hash = requestHash('consent.revoke', consentId, body);
  return mappingDuplicateId(
    'consent_revocations',
    inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      const record = await consentRecordById(tx, consentId);
      if (record === undefined || record.clinicId !== ctx.scope.clinicId) throw notFound('consent');
      const existing = await revocationById(tx, body.id);
      if (isReplay(existing, hash) && existing !== undefined) {
        if (existing.consentRecordId !== consentId) throw notFound('consent');
        return { record: recordOf(record, existing), created: false };
      }
      const [already] = await revocationsOf(tx, [consentId]);
      if (already !== undefined) {
        throw new DomainError(
          'consent.already-revoked',
          409,
          'This consent is already revoked.',
          'params.consentId',
        );
      }
      const revocation = await insertRevocation(tx, {
        id: body.id,
        clinicId: ctx.scope.clinicId,
        consentRecordId: consentId,
        reason: body.reason,
        requestHash: hash,
        revokedBy: ctx.scope.userId,
        revokedAt: now,
      });
      audit({
        action: 'consent.revoke',
        resourceType: 'consent',
        resourceId: consentId,
        patientId: record.patientId,
        outcome: 'success',
        detail: { textVersion: record.textVersion },
      });
      return { record: recordOf(record, revocation), created: true };
    }),
  );
}

/** Whether consent is current, why not, and every record with its revocation. */
export function consentStatus(ctx: ServiceContext, patientId: string, now: Date) {
  ctx.scope.require('consent.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const text = await ensureConsentText(tx, ctx.scope.clinicId, now);
    const records = await consentRecordsOf(tx, ctx.scope, patientId);
    const revocations = await revocationsOf(
      tx,
      records.map((r) => r.id),
    );
    const byRecord = new Map(revocations.map((r) => [r.consentRecordId, r]));
    const currency = consentCurrencyOf(
      records.filter((r) => r.attestedAt.getTime() <= now.getTime()),
      new Set(byRecord.keys()),
      text.version,
    );
    audit({
      action: 'consent.read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { current: currency.current, records: records.length },
    });
    return {
      patientId,
      current: currency.current,
      reason: currency.reason,
      latestTextVersion: text.version,
      records: records.map((r) => recordOf(r, byRecord.get(r.id))),
    };
  });
}
