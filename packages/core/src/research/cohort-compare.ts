/**
 * Two cohorts side by side ("who benefits most"): both summaries and, for every responder class
 * and the rapid-onset rate, the difference A − B with Newcombe's interval, plus the differences of
 * median durable relief and adverse events per 100 sessions (point estimates only).
 */
import { ok, type Result } from '../result.ts';
import type { CohortBands } from './cohort-bands.ts';
import { filterCohort, type CohortFilter, type CohortRow } from './cohort.ts';
import { summarizeCohort, type CohortSummary, type SummaryOptions } from './cohort-summary.ts';
import { proportionDifference, type ProportionDifference } from './proportion-difference.ts';

export interface CohortComparison {
  readonly a: CohortSummary;
  readonly b: CohortSummary;
  /** Per responder class: A − B, or null when either cohort has nobody assessed. */
  readonly responderDifferences: readonly {
    readonly code: string;
    readonly difference: ProportionDifference | null;
  }[];
  readonly rapidOnsetDifference: ProportionDifference | null;
  /** Median durable relief A − B in days; null when either median is not reached. */
  readonly medianDurableReliefDifferenceDays: number | null;
  readonly adverseEventsPer100SessionsDifference: number | null;
  readonly bands: CohortBands['ref'];
}

/** Filters the same rows with two filters and compares the resulting cohorts. */
export const compareCohorts = (
  rows: readonly CohortRow[],
  filterA: CohortFilter,
  filterB: CohortFilter,
  bands: CohortBands,
  options: SummaryOptions,
): Result<CohortComparison> => {
  const a = summarizeCohort(filterCohort(rows, filterA, bands), options);
  if (!a.ok) return a;
  const b = summarizeCohort(filterCohort(rows, filterB, bands), options);
  if (!b.ok) return b;
  const responderDifferences = a.value.responderRates.map((ra, i) => {
    const rb = b.value.responderRates[i];
    return {
      code: ra.code,
      difference:
        ra.interval === null || rb?.interval == null
          ? null
          : proportionDifference(ra.interval, rb.interval),
    };
  });
  const ia = a.value.rapidOnset.interval;
  const ib = b.value.rapidOnset.interval;
  const ma = a.value.durableRelief?.medianTimeDays ?? null;
  const mb = b.value.durableRelief?.medianTimeDays ?? null;
  const ea = a.value.adverseEvents.per100Sessions;
  const eb = b.value.adverseEvents.per100Sessions;
  return ok({
    a: a.value,
    b: b.value,
    responderDifferences,
    rapidOnsetDifference: ia === null || ib === null ? null : proportionDifference(ia, ib),
    medianDurableReliefDifferenceDays: ma === null || mb === null ? null : ma - mb,
    adverseEventsPer100SessionsDifference: ea === null || eb === null ? null : ea - eb,
    bands: bands.ref,
  });
};
