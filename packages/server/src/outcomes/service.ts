/**
 * The prescriber's outcome page: loads the patient's recorded inputs (sources.ts) and computes
 * everything with core's patientOutcomes and the shipped knowledge (outcome rules, booster rule,
 * monitoring plan, NRS and PGIC instruments). Audited as a PHI read.
 */
import {
  defaultBoosterRule,
  defaultMonitoringPlan,
  defaultOutcomeRules,
  findInstrument,
  patientOutcomes,
  type OutcomeKnowledge,
  type Result,
} from '@ketaflow/core';
import type { PatientOutcomesResponse } from '@ketaflow/contract';
import { inTransaction } from '../db/unit-of-work.ts';
import { fromCoreError, notFound } from '../http/errors.ts';
import type { ServiceContext } from '../http/context.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { findPatient } from '../patients/repository.ts';
import { loadOutcomeSources } from './sources.ts';

const must = <T>(r: Result<T>, what: string): T => {
  // Shipped knowledge is validated by core's tests; failing here means a corrupted release.
  if (!r.ok) throw new Error(`Shipped ${what} is invalid: ${r.error.message}`);
  return r.value;
};

let knowledge: OutcomeKnowledge | undefined;
/** The shipped outcome knowledge, loaded once (also used by the cohort-row refresh). */
export const outcomeKnowledge = (): OutcomeKnowledge =>
  (knowledge ??= {
    rules: must(defaultOutcomeRules(), 'outcome rules'),
    booster: must(defaultBoosterRule(), 'booster rule'),
    monitoring: must(defaultMonitoringPlan(), 'monitoring plan'),
    painInstrument: must(findInstrument('nrs-0-10'), 'NRS instrument'),
    pgicInstrument: must(findInstrument('pgic'), 'PGIC instrument'),
  });

/** Outcomes of one patient on `today` (clinic-local; default the clinic's today). */
export async function outcomesOf(
  ctx: ServiceContext,
  patientId: string,
  today: string | undefined,
): Promise<PatientOutcomesResponse> {
  ctx.scope.require('outcomes.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    if ((await findPatient(tx, ctx.scope, patientId)) === undefined) throw notFound('patient');
    const day = today ?? calendarDateIn(await clinicTimeZone(tx, ctx.scope.clinicId), new Date());
    const sources = await loadOutcomeSources(tx, ctx.scope.clinicId, patientId);
    audit({
      action: 'outcomes.read',
      resourceType: 'patient-outcomes',
      patientId,
      outcome: 'success',
      detail: { sessions: sources.sessions.length },
    });
    if (sources.sessions.length === 0) return { status: 'no-infusions' };
    const given = sources.sessions.filter((s) => s.date <= day);
    if (given.length === 0) return { status: 'no-infusions' };
    const result = patientOutcomes(
      {
        readings: sources.readings,
        sessions: given,
        pgicAnswers: sources.pgicAnswers,
        // No monitoring-check records exist yet: every reminder is computed as never checked.
        checks: [],
        today: day,
      },
      outcomeKnowledge(),
    );
    if (!result.ok) throw fromCoreError(result.error, 400, 'querystring');
    return {
      status: 'assessed',
      outcomes: JSON.parse(JSON.stringify(result.value)) as Record<string, unknown>,
      sources: {
        sessions: given.length,
        diaryReadings: sources.readings.length,
        pgicAnswers: sources.pgicAnswers.length,
      },
    };
  });
}
