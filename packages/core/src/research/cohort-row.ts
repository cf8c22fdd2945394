/**
 * Builds one cohort row from the per-patient outcome results, so the row semantics used by the
 * cohort analytics (and reproduced by the server's SQL) follow directly from the outcome functions.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import type { DurableReliefResult } from '../outcomes/durable-relief.ts';
import type { KetamineExposure } from '../outcomes/ketamine-exposure.ts';
import type { MmeChangeFromBaseline } from '../outcomes/mme-over-time.ts';
import type { RapidOnsetSummary } from '../outcomes/rapid-onset.ts';
import type { ResponderStatus } from '../outcomes/responder-status.ts';
import type { CohortRow } from './cohort.ts';
import type { ResearchSex } from './deidentify.ts';

export interface CourseOutcomes {
  readonly patientId: string;
  readonly conditionCode: string;
  readonly protocol: KnowledgeRef;
  readonly sex: ResearchSex;
  readonly ageYears: number;
  readonly exposure: KetamineExposure;
  readonly responder: ResponderStatus;
  readonly relief: DurableReliefResult;
  /** Null when no medication list is on file (baseline MME unknown). */
  readonly mme: MmeChangeFromBaseline | null;
  readonly rapidOnset: RapidOnsetSummary;
  readonly adverseEvents: number;
}

/**
 * The cohort row of one patient's course. Unknown stays unknown: an unknown responder class,
 * durable relief or baseline MME becomes null, and an MME value that leaves out an excluded opioid
 * (buprenorphine) is not counted as a change.
 */
export const cohortRowFor = (o: CourseOutcomes): Result<CohortRow> => {
  if (o.exposure.sessions < 1) {
    return err({
      code: 'cohort.no-sessions',
      field: 'exposure',
      message: 'A cohort row needs at least one session.',
    });
  }
  return ok({
    patientId: o.patientId,
    conditionCode: o.conditionCode,
    protocol: o.protocol,
    sex: o.sex,
    ageYears: o.ageYears,
    baselineMmePerDay:
      o.mme !== null && !o.mme.baseline.incomplete ? o.mme.baseline.mmePerDay : null,
    sessions: o.exposure.sessions,
    sessionDoseMgPerKg: o.exposure.totalMgPerKg / o.exposure.sessions,
    courseDoseMgPerKg: o.exposure.totalMgPerKg,
    painClasses: o.responder.pain.status === 'known' ? o.responder.pain.reached : null,
    pgicClasses: o.responder.pgic.status === 'known' ? o.responder.pgic.reached : null,
    durableRelief: o.relief.timeToEvent,
    mmeChanges:
      o.mme === null
        ? []
        : o.mme.milestones.flatMap((m) =>
            m.status === 'reached' && !m.incomplete
              ? [{ months: m.months, changeMmePerDay: m.changeMmePerDay }]
              : [],
          ),
    adverseEvents: o.adverseEvents,
    rapidOnsetResponses: o.rapidOnset.sessions.filter((s) => s.status === 'response').length,
    rapidOnsetAssessed: o.rapidOnset.sessions.filter(
      (s) => s.status === 'response' || s.status === 'no-response',
    ).length,
  });
};
