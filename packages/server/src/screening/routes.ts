/** HTTP routes of screening under /api/v1/patients/{patientId}/screening. */
import {
  PatientIdParam,
  ScreeningDecision,
  ScreeningDecisionList,
  ScreeningSign,
  ScreeningView,
  problemResponses,
  Problem,
} from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { getScreening, listScreeningDecisions, signScreening } from './service.ts';

const tags = ['screening'];

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const screeningRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/patients/:patientId/screening',
    {
      schema: {
        tags,
        summary:
          'Eligibility of the current intake (per-criterion trace) and the latest signed decision',
        params: PatientIdParam,
        response: { 200: ScreeningView, ...problemResponses },
      },
    },
    (request) => getScreening(serviceContext(request), request.params.patientId),
  );

  app.post(
    '/patients/:patientId/screening/decisions',
    {
      schema: {
        tags,
        summary: 'Sign a screening decision on the reviewed intake version (prescribers)',
        params: PatientIdParam,
        body: ScreeningSign,
        response: {
          200: ScreeningDecision,
          201: ScreeningDecision,
          422: Problem,
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { decision, created } = await signScreening(
        serviceContext(request),
        request.params.patientId,
        request.body,
        request.server.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(decision);
    },
  );

  app.get(
    '/patients/:patientId/screening/decisions',
    {
      schema: {
        tags,
        summary: 'Every signed screening decision, newest first',
        params: PatientIdParam,
        response: { 200: ScreeningDecisionList, ...problemResponses },
      },
    },
    (request) => listScreeningDecisions(serviceContext(request), request.params.patientId),
  );
};
