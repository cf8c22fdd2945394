/**
 * Screening use cases: evaluate core's eligibility rule set on the current intake (facts mapped by
 * intake-facts.ts; unknown stays unknown) and let a prescriber sign a decision on the exact intake
 * version reviewed. The signed row keeps the facts, the full trace and the rule set id@version.
 * A decision made on an older intake version answers 409. Signing "eligible" over core's
 * "not-eligible" is refused (422): an absolute contraindication cannot be signed away.
 */
import { IntakeDocument, type ScreeningDecision, type ScreeningSign } from '@ketaflow/contract';
import {
  evaluateEligibility,
  KETAMINE_CHRONIC_PAIN_RULES,
  type EligibilityResult,
  type PatientFacts,
} from '@ketaflow/core';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError, notFound, staleVersion } from '../http/errors.ts';
import { latestIntake } from '../intake/repository.ts';
import { requirePatient } from '../intake/service.ts';
import { isReplay, mappingDuplicateId, requestHash } from '../intake/write-id.ts';
import { intakeFacts } from './intake-facts.ts';
import {
  decisionsOf,
  decisionWrite,
  insertDecision,
  latestDecision,
  type ScreeningRow,
} from './repository.ts';

/** The rule set screening runs (one shipped today; its id@version is stored with every decision). */
export const SCREENING_RULE_SET = KETAMINE_CHRONIC_PAIN_RULES;

export function decisionOf(row: ScreeningRow): ScreeningDecision {
  return {
    id: row.id,
    patientId: row.patientId,
    intakeVersion: row.intakeVersion,
    ruleSet: { id: row.ruleSetId, version: row.ruleSetVersion },
    facts: row.facts,
    evaluation: row.evaluation as unknown as ScreeningDecision['evaluation'],
    decision: row.decision,
    conditions: row.conditions,
    reason: row.reason,
    signedBy: row.signedBy,
    signedAt: row.signedAt.toISOString(),
  };
}

function evaluate(document: unknown): { facts: PatientFacts; evaluation: EligibilityResult } {
  const facts = intakeFacts(IntakeDocument.parse(document));
  const result = evaluateEligibility(facts, SCREENING_RULE_SET);
  // The intake contract only produces facts of the rule set's vocabulary; a failure is a defect.
  if (!result.ok) throw new Error(`intake facts rejected by the rule set: ${result.error.code}`);
  return { facts, evaluation: result.value };
}

const noIntake = (): DomainError =>
  new DomainError(
    'screening.no-intake',
    409,
    'Record the intake before screening.',
    'body.intakeVersion',
  );

/** The live evaluation of the current intake and the latest signed decision. */
export function getScreening(ctx: ServiceContext, patientId: string) {
  ctx.scope.require('screening.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const intake = await latestIntake(tx, ctx.scope, patientId);
    if (intake === undefined) throw notFound('intake');
    const { facts, evaluation } = evaluate(intake.document);
    const latest = await latestDecision(tx, ctx.scope, patientId);
    audit({
      action: 'screening.read',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { intakeVersion: intake.version, computed: evaluation.decision },
    });
    return {
      patientId,
      intakeVersion: intake.version,
      facts: facts,
      evaluation: evaluation as unknown as ScreeningDecision['evaluation'],
      latestDecision: latest === undefined ? null : decisionOf(latest),
    };
  });
}

/** A prescriber signs a decision on the intake version they reviewed. */
export async function signScreening(
  ctx: ServiceContext,
  patientId: string,
  body: ScreeningSign,
  now: Date,
): Promise<{ decision: ScreeningDecision; created: boolean }> {
  ctx.scope.require('screening.sign');
  const hash = requestHash('screening.sign', patientId, body);
  return mappingDuplicateId(
    'screening_decisions',
    inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
      await requirePatient(tx, ctx.scope, patientId, { forUpdate: true });
      const existing = await decisionWrite(tx, body.id);
      if (isReplay(existing, hash) && existing !== undefined) {
        if (existing.clinicId !== ctx.scope.clinicId) throw notFound('screening');
        return { decision: decisionOf(existing), created: false };
      }
      const intake = await latestIntake(tx, ctx.scope, patientId);
      if (intake === undefined) throw noIntake();
      if (intake.version !== body.intakeVersion) throw staleVersion('intake');
      const { facts, evaluation } = evaluate(intake.document);
      if (evaluation.decision === 'not-eligible' && body.decision !== 'not-eligible') {
        throw new DomainError(
          'screening.contraindicated',
          422,
          `The rule set finds the patient not eligible (${evaluation.decidedBy.join(', ')}); correct the intake if it is wrong, otherwise sign not-eligible.`,
          'body.decision',
        );
      }
      const row = await insertDecision(tx, {
        id: body.id,
        clinicId: ctx.scope.clinicId,
        patientId,
        intakeVersionId: intake.id,
        intakeVersion: intake.version,
        ruleSetId: evaluation.ruleSet.id,
        ruleSetVersion: evaluation.ruleSet.version,
        facts: facts,
        evaluation: evaluation as unknown as Record<string, unknown>,
        computedDecision: evaluation.decision,
        decision: body.decision,
        conditions: body.conditions ?? null,
        reason: body.reason,
        requestHash: hash,
        signedBy: ctx.scope.userId,
        signedAt: now,
      });
      audit({
        action: 'screening.sign',
        resourceType: 'screening-decision',
        resourceId: row.id,
        patientId,
        outcome: 'success',
        detail: {
          decision: row.decision,
          computed: row.computedDecision,
          intakeVersion: row.intakeVersion,
          ruleSet: `${row.ruleSetId}@${row.ruleSetVersion}`,
        },
      });
      return { decision: decisionOf(row), created: true };
    }),
  );
}

export function listScreeningDecisions(
  ctx: ServiceContext,
  patientId: string,
): Promise<{ items: ScreeningDecision[] }> {
  ctx.scope.require('screening.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    await requirePatient(tx, ctx.scope, patientId);
    const rows = await decisionsOf(tx, ctx.scope, patientId);
    audit({
      action: 'screening.list',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
      outcome: 'success',
      detail: { count: rows.length },
    });
    return { items: rows.map(decisionOf) };
  });
}
