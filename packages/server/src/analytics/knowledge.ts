/**
 * The knowledge behind clinic analytics, loaded once: cohort band edges, the outcome rules (MME
 * milestones), and the pain (NRS) and PGIC instruments whose IMMPACT classes define responders.
 */
import {
  defaultCohortBands,
  defaultOutcomeRules,
  findInstrument,
  type CohortBands,
  type KnowledgeRef,
  type Result,
  type SummaryOptions,
} from '@ketaflow/core';

export interface AnalyticsKnowledge {
  readonly bands: CohortBands;
  readonly options: SummaryOptions;
  readonly refs: {
    readonly bands: KnowledgeRef;
    readonly rules: KnowledgeRef;
    readonly painInstrument: KnowledgeRef;
    readonly pgicInstrument: KnowledgeRef;
  };
}

const must = <T>(result: Result<T>, what: string): T => {
  // Shipped knowledge is validated by core's tests; failing here means a corrupted release.
  if (!result.ok) throw new Error(`Shipped ${what} is invalid: ${result.error.message}`);
  return result.value;
};

const load = (): AnalyticsKnowledge => {
  const bands = must(defaultCohortBands(), 'cohort bands');
  const rules = must(defaultOutcomeRules(), 'outcome rules');
  const pain = must(findInstrument('nrs-0-10'), 'NRS instrument');
  const pgic = must(findInstrument('pgic'), 'PGIC instrument');
  return {
    bands,
    options: {
      painClasses: pain.painChangeClasses,
      pgicClasses: pgic.pgicChangeClasses,
      mmeMilestoneMonths: rules.mmeMilestoneMonths,
    },
    refs: {
      bands: bands.ref,
      rules: rules.ref,
      painInstrument: pain.ref,
      pgicInstrument: pgic.ref,
    },
  };
};

let loaded: AnalyticsKnowledge | undefined;

export const analyticsKnowledge = (): AnalyticsKnowledge => (loaded ??= load());
