/** HTTP routes of the care team's urgent alerts under /api/v1/alerts. */
import {
  CareAlert,
  CareAlertAcknowledge,
  CareAlertList,
  CareAlertParams,
  problemResponses,
} from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { acknowledgeAlert, listOpenAlerts } from './service.ts';

const tags = ['alerts'];

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const alertRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/alerts',
    {
      schema: {
        tags,
        summary: 'Open urgent alerts of the clinic (e.g. PHQ-9 item 9), newest first',
        response: { 200: CareAlertList, ...problemResponses },
      },
    },
    (request) => listOpenAlerts(serviceContext(request)),
  );

  app.post(
    '/alerts/:alertId/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge an alert (version required; 409 when stale or already acknowledged)',
        params: CareAlertParams,
        body: CareAlertAcknowledge,
        response: { 200: CareAlert, ...problemResponses },
      },
    },
    (request) =>
      acknowledgeAlert(
        serviceContext(request),
        request.params.alertId,
        request.body.version,
        request.server.clock.now(),
      ),
  );
};
