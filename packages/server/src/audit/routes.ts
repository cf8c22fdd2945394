/** GET /api/v1/audit: the audit report for admins (`audit.read`); the viewing is audited too. */
import { AuditPage, AuditQuery, problemResponses } from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { browseAudit } from './service.ts';

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Browse the audit trail of the clinic by patient, user and time range, newest first',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problemResponses },
      },
    },
    (request) => browseAudit(serviceContext(request), request.query),
  );
};
