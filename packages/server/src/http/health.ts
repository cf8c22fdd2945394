/** Liveness (/healthz: the process answers) and readiness (/readyz: the database answers too). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Health = z.object({ status: z.enum(['ok', 'unavailable']) });

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    { schema: { hide: true, response: { 200: Health } }, config: { public: true } },
    () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    { schema: { hide: true, response: { 200: Health, 503: Health } }, config: { public: true } },
    async (_request, reply) => {
      try {
        await app.database.pool.query('SELECT 1');
        return { status: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  );
};
