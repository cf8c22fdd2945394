/**
 * HTTP routes of clinic analytics under /api/v1/analytics (prescriber and researcher). The cohort
 * reads are POSTs because a filter is a structured body; they change nothing.
 */
import {
  CohortBandsResponse,
  CohortCompareRequest,
  CohortCompareResponse,
  CohortSummaryRequest,
  CohortSummaryResponse,
  problemResponses,
} from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { cohortBands, cohortSummary, compareCohortSummaries } from './service.ts';

const tags = ['analytics'];

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/analytics/cohort-bands',
    {
      schema: {
        tags,
        summary:
          'Band ids a cohort filter may use (dose per session and course, age, baseline MME)',
        response: { 200: CohortBandsResponse, ...problemResponses },
      },
    },
    (request) => cohortBands(serviceContext(request)),
  );

  app.post(
    '/analytics/cohorts/summary',
    {
      schema: {
        tags,
        summary:
          'One cohort: n, responder rates (Wilson), KM durable relief, MME change, AEs, rapid onset',
        body: CohortSummaryRequest,
        response: { 200: CohortSummaryResponse, ...problemResponses },
      },
    },
    (request) => cohortSummary(serviceContext(request), request.body.filter),
  );

  app.post(
    '/analytics/cohorts/compare',
    {
      schema: {
        tags,
        summary: 'Two cohorts side by side with differences A − B (Newcombe intervals)',
        body: CohortCompareRequest,
        response: { 200: CohortCompareResponse, ...problemResponses },
      },
    },
    (request) => compareCohortSummaries(serviceContext(request), request.body.a, request.body.b),
  );
};
