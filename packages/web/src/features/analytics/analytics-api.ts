/** Typed calls to the clinic analytics API (routes of packages/server/src/analytics). */
import {
  CohortBandsResponse,
  CohortCompareResponse,
  CohortSummaryResponse,
  type CohortFilter,
} from '@ketaflow/contract';
import { api } from '../../api/client.ts';

const base = '/api/v1/analytics';
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The band ids each filter dimension accepts (cohort-bands knowledge). */
export const getCohortBands = (signal?: AbortSignal) =>
  api(`${base}/cohort-bands`, { schema: CohortBandsResponse, ...withSignal(signal) });

export const cohortSummary = (filter: CohortFilter) =>
  api(`${base}/cohorts/summary`, {
    method: 'POST',
    body: { filter },
    schema: CohortSummaryResponse,
  });

export const compareCohorts = (a: CohortFilter, b: CohortFilter) =>
  api(`${base}/cohorts/compare`, { method: 'POST', body: { a, b }, schema: CohortCompareResponse });
