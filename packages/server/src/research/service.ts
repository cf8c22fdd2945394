/**
 * Research consent and the de-identified export. The export is built by core (deidentifyPatient,
 * buildResearchCsv, buildResearchNdjson) from consenting patients only; researchers never receive
 * identified data. Every read and write is audited in its transaction.
 */
import {
  buildResearchCsv,
  buildResearchNdjson,
  defaultSafeHarborRules,
  deidentifyPatient,
  type ResearchPatient,
} from '@ketaflow/core';
import type {
  ResearchConsentRecord,
  ResearchConsentState,
  ResearchExport,
} from '@ketaflow/contract';
import { and, desc, eq } from 'drizzle-orm';
import { inTransaction } from '../db/unit-of-work.ts';
import { notFound } from '../http/errors.ts';
import type { ServiceContext } from '../http/context.ts';
import { isReplay, mappingDuplicateId, requestHash } from '../intake/write-id.ts';
import { findPatient } from '../patients/repository.ts';
import { researchConsents } from './schema.ts';
import { loadResearchSources } from './sources.ts';

const rulesResult = defaultSafeHarborRules();
if (!rulesResult.ok)
  throw new Error(`Shipped Safe Harbor rules are invalid: ${rulesResult.error.message}`);
const rules = rulesResult.value;

/** Records a grant or withdrawal (append-only); a retry with the same id returns the original. */
export async function recordResearchConsent(
  ctx: ServiceContext,
  patientId: string,
  body: ResearchConsentRecord,
): Promise<ResearchConsentState> {
  ctx.scope.require('research-consent.record');
  const hash = requestHash('research-consent.record', patientId, body);
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    if ((await findPatient(tx, ctx.scope, patientId)) === undefined) throw notFound('patient');
    const [existing] = await tx
      .select()
      .from(researchConsents)
      .where(
        and(eq(researchConsents.id, body.id), eq(researchConsents.clinicId, ctx.scope.clinicId)),
      );
    if (existing !== undefined && isReplay(existing, hash)) {
      return { granted: existing.granted, recordedAt: existing.recordedAt.toISOString() };
    }
    const recordedAt = new Date();
    await mappingDuplicateId(
      'research_consents',
      tx.insert(researchConsents).values({
        id: body.id,
        clinicId: ctx.scope.clinicId,
        patientId,
        granted: body.granted,
        requestHash: hash,
        recordedBy: ctx.scope.userId,
        recordedAt,
      }),
    );
    audit({
      action: body.granted ? 'research-consent.grant' : 'research-consent.withdraw',
      resourceType: 'research-consent',
      resourceId: body.id,
      patientId,
      outcome: 'success',
    });
    return { granted: body.granted, recordedAt: recordedAt.toISOString() };
  });
}

/** The patient's current research consent (latest record; none = not granted). */
export async function researchConsentOf(
  ctx: ServiceContext,
  patientId: string,
): Promise<ResearchConsentState> {
  ctx.scope.require('research-consent.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    if ((await findPatient(tx, ctx.scope, patientId)) === undefined) throw notFound('patient');
    const [latest] = await tx
      .select()
      .from(researchConsents)
      .where(
        and(
          eq(researchConsents.patientId, patientId),
          eq(researchConsents.clinicId, ctx.scope.clinicId),
        ),
      )
      .orderBy(desc(researchConsents.recordedAt), desc(researchConsents.id))
      .limit(1);
    audit({
      action: 'research-consent.read',
      resourceType: 'research-consent',
      patientId,
      outcome: 'success',
    });
    return {
      granted: latest?.granted ?? false,
      recordedAt: latest?.recordedAt.toISOString() ?? null,
    };
  });
}

/** The de-identified export of the clinic's consenting patients who had at least one infusion. */
export async function researchExport(ctx: ServiceContext): Promise<ResearchExport> {
  ctx.scope.require('research.export');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const sources = await loadResearchSources(tx, ctx.scope.clinicId);
    const deidentified: ResearchPatient[] = [];
    let skipped = 0;
    for (const source of sources) {
      const result = deidentifyPatient(source, rules);
      // A patient without an infusion has no day 0; anything else refused is also left out, whole.
      if (result.ok) deidentified.push(result.value);
      else skipped += 1;
    }
    audit({
      action: 'research.export',
      resourceType: 'research-export',
      outcome: 'success',
      detail: {
        patients: deidentified.length,
        skipped,
        rules: `${rules.ref.id}@${rules.ref.version}`,
      },
    });
    return {
      patients: deidentified.length,
      rules: rules.ref,
      csv: { ...buildResearchCsv(deidentified, rules) },
      fhir: { ...buildResearchNdjson(deidentified) },
    };
  });
}
