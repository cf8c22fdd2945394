/** HTTP route of the prescriber's per-patient outcome page under /api/v1. */
import {
  PatientOutcomesParams,
  PatientOutcomesQuery,
  PatientOutcomesResponse,
  problemResponses,
} from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { outcomesOf } from './service.ts';

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const outcomeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/patients/:patientId/outcomes',
    {
      schema: {
        tags: ['outcomes'],
        summary:
          'Pain trajectory, rapid onset, responder status, durable relief, booster suggestion (never scheduled), ketamine exposure and monitoring reminders',
        params: PatientOutcomesParams,
        querystring: PatientOutcomesQuery,
        response: { 200: PatientOutcomesResponse, ...problemResponses },
      },
    },
    (request) => outcomesOf(serviceContext(request), request.params.patientId, request.query.today),
  );
};
