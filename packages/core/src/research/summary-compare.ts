/**
 * Two cohort summaries side by side, for summaries built from aggregates (summarizeAggregates):
 * the same comparison as compareCohorts (A − B with Newcombe's interval per responder class and
 * for rapid onset; median durable relief and AE per 100 sessions as point differences).
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import type { CohortComparison } from './cohort-compare.ts';
import type { CohortSummary } from './cohort-summary.ts';
import { proportionDifference } from './proportion-difference.ts';

/** Compares two summaries computed with the same options; `bands` names the band edges used. */
export const compareSummaries = (
  a: CohortSummary,
  b: CohortSummary,
  bands: KnowledgeRef,
): CohortComparison => {
  const responderDifferences = a.responderRates.map((ra, i) => {
    const rb = b.responderRates[i];
    return {
      code: ra.code,
      difference:
        ra.interval === null || rb?.interval == null
          ? null
          : proportionDifference(ra.interval, rb.interval),
    };
  });
  const ia = a.rapidOnset.interval;
  const ib = b.rapidOnset.interval;
  const ma = a.durableRelief?.medianTimeDays ?? null;
  const mb = b.durableRelief?.medianTimeDays ?? null;
  const ea = a.adverseEvents.per100Sessions;
  const eb = b.adverseEvents.per100Sessions;
  return {
    a,
    b,
    responderDifferences,
    rapidOnsetDifference: ia === null || ib === null ? null : proportionDifference(ia, ib),
    medianDurableReliefDifferenceDays: ma === null || mb === null ? null : ma - mb,
    adverseEventsPer100SessionsDifference: ea === null || eb === null ? null : ea - eb,
    bands,
  };
};
