/**
 * Consent in the portal. The patient reads the clinic's current consent text and attests (typed
 * full legal name + the "read and understood" checkbox); the attestation keeps the text version and
 * the time. A clinician of the clinic then countersigns it as witness, which records the consent
 * (consent/service.ts recordConsent, same id as the attestation, so a retry never doubles it).
 * Patients see and write only their own; everything is audited with ids and versions, never names.
 */
import type {
  ConsentRecord,
  PortalConsent,
  PortalConsentAttest,
  PortalConsentAttestation,
} from '@ketaflow/contract';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { consentRecords } from '../consent/schema.ts';
import { ensureConsentText, normalName, recordConsent, textOf } from '../consent/service.ts';
import type { Tx } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError, forbidden, notFound } from '../http/errors.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { isReplay, mappingDuplicateId, requestHash } from '../intake/write-id.ts';
import { patients } from '../patients/schema.ts';
import { portalConsentAttestations } from './schema.ts';

type AttestationRow = typeof portalConsentAttestations.$inferSelect;

/** The signed-in patient's own record id (403 for staff). */
function ownPatientId(ctx: ServiceContext): string {
  ctx.scope.require('questionnaire.answer-own');
  const id = ctx.scope.actor.patientId;
  if (id === null) throw forbidden('questionnaire.answer-own');
  return id;
}

/** A patient's attestations, newest first, each with its countersignature (if any). */
async function attestationsOf(
  tx: Tx,
  clinicId: string,
  patientId: string,
): Promise<PortalConsentAttestation[]> {
  const rows = await tx
    .select()
    .from(portalConsentAttestations)
    .where(
      and(
        eq(portalConsentAttestations.clinicId, clinicId),
        eq(portalConsentAttestations.patientId, patientId),
      ),
    )
    .orderBy(desc(portalConsentAttestations.attestedAt));
  const signed =
    rows.length === 0
      ? []
      : await tx
          .select({
            id: consentRecords.id,
            at: consentRecords.recordedAt,
            by: consentRecords.witnessUserId,
          })
          .from(consentRecords)
          .where(
            inArray(
              consentRecords.id,
              rows.map((r) => r.id),
            ),
          );
  const byId = new Map(signed.map((s) => [s.id, s]));
  return rows.map((row) => viewOf(row, byId.get(row.id)));
}

function viewOf(
  row: AttestationRow,
  signed: { at: Date; by: string } | undefined,
): PortalConsentAttestation {
  return {
    id: row.id,
    patientId: row.patientId,
    consentTextId: row.consentTextId,
    textVersion: row.textVersion,
    attestedName: row.attestedName,
    attestedAt: row.attestedAt.toISOString(),
    countersignedAt: signed?.at.toISOString() ?? null,
    countersignedBy: signed?.by ?? null,
  };
}

/** The patient's consent page: the current text and their attestations. */
export function ownConsent(ctx: ServiceContext, now: Date): Promise<PortalConsent> {
  const patientId = ownPatientId(ctx);
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const text = await ensureConsentText(tx, ctx.scope.clinicId, now);
    const attestations = await attestationsOf(tx, ctx.scope.clinicId, patientId);
    audit({
      action: 'portal.consent-read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { textVersion: text.version, attestations: attestations.length },
    });
    return {
      text: textOf(text),
      attestedCurrent: attestations.some((a) => a.consentTextId === text.id),
      attestations,
    };
  });
}

/**
 * Records the patient's attestation of the current text (409 when the text changed meanwhile,
 * 422 when the typed name is not their legal name). Retrying with the same id and body returns it.
 */
export function attestConsent(
  ctx: ServiceContext,
  body: PortalConsentAttest,
  now: Date,
): Promise<{ attestation: PortalConsentAttestation; created: boolean }> {
  const patientId = ownPatientId(ctx);
  const hash = requestHash('portal.consent-attest', patientId, body);
  return mappingDuplicateId(
    'portal_consent_attestations',
    inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      const [existing] = await tx
        .select()
        .from(portalConsentAttestations)
        .where(eq(portalConsentAttestations.id, body.id));
      if (isReplay(existing, hash) && existing !== undefined) {
        if (existing.patientId !== patientId) throw notFound('consent-attestation');
        const [view] = (await attestationsOf(tx, ctx.scope.clinicId, patientId)).filter(
          (a) => a.id === existing.id,
        );
        return { attestation: view ?? viewOf(existing, undefined), created: false };
      }
      const text = await ensureConsentText(tx, ctx.scope.clinicId, now);
      if (text.id !== body.consentTextId) {
        throw new DomainError(
          'consent.text-not-current',
          409,
          `The clinic has published a newer consent text (version ${String(text.version)}); read it and attest again.`,
          'body.consentTextId',
        );
      }
      const [patient] = await tx
        .select({ given: patients.legalGivenName, family: patients.legalFamilyName })
        .from(patients)
        .where(and(eq(patients.id, patientId), eq(patients.clinicId, ctx.scope.clinicId)));
      if (patient === undefined) throw notFound('patient');
      if (normalName(body.attestedName) !== normalName(`${patient.given} ${patient.family}`)) {
        throw new DomainError(
          'consent.name-mismatch',
          422,
          'Type your full legal name (given and family name) as the clinic registered it.',
          'body.attestedName',
        );
      }
      const [row] = await tx
        .insert(portalConsentAttestations)
        .values({
          id: body.id,
          clinicId: ctx.scope.clinicId,
          patientId,
          consentTextId: text.id,
          textVersion: text.version,
          attestedName: body.attestedName,
          attestedAt: now,
          attestedBy: ctx.scope.userId,
          requestHash: hash,
        })
        .returning();
      if (row === undefined) throw new Error('consent attestation insert returned nothing');
      audit({
        action: 'portal.consent-attest',
        resourceType: 'consent-attestation',
        resourceId: row.id,
        patientId,
        outcome: 'success',
        detail: { textVersion: row.textVersion },
      });
      return { attestation: viewOf(row, undefined), created: true };
    }),
  );
}

/** A patient's portal attestations for the care team (to countersign). */
export function patientAttestations(
  ctx: ServiceContext,
  patientId: string,
): Promise<{ items: PortalConsentAttestation[] }> {
  ctx.scope.require('consent.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const [patient] = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.id, patientId), eq(patients.clinicId, ctx.scope.clinicId)));
    if (patient === undefined) throw notFound('patient');
    const items = await attestationsOf(tx, ctx.scope.clinicId, patientId);
    audit({
      action: 'consent-attestation.read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { attestations: items.length },
    });
    return { items };
  });
}

/**
 * The signed-in clinician countersigns a patient's portal attestation as witness: the consent
 * record (same id) gets the patient's typed name, time and text version. The text must still be
 * the current one (409 otherwise: the patient attests the new text).
 */
export async function countersignAttestation(
  ctx: ServiceContext,
  patientId: string,
  attestationId: string,
  now: Date,
): Promise<{ record: ConsentRecord; created: boolean }> {
  ctx.scope.require('consent.record');
  const input = await inTransaction(ctx.db, ctx.audit, async (tx) => {
    const [row] = await tx
      .select()
      .from(portalConsentAttestations)
      .where(
        and(
          eq(portalConsentAttestations.id, attestationId),
          eq(portalConsentAttestations.clinicId, ctx.scope.clinicId),
          eq(portalConsentAttestations.patientId, patientId),
        ),
      );
    if (row === undefined) throw notFound('consent-attestation');
    const timeZone = await clinicTimeZone(tx, ctx.scope.clinicId);
    return {
      id: row.id,
      consentTextId: row.consentTextId,
      attestedName: row.attestedName,
      attestedAt: row.attestedAt.toISOString(),
      witnessUserId: ctx.scope.userId,
      consentDate: calendarDateIn(timeZone, row.attestedAt),
    };
  });
  // recordConsent checks the text is current, the name, the witness's role and the date, writes
  // the record and its audit entry; the same input on a retry returns the stored record.
  return recordConsent(ctx, patientId, input, now);
}
