/**
 * Every feature's routes under /api/v1. A feature folder exports one plugin; it is listed here once.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const apiRoutes: FastifyPluginAsyncZod = async (_app) => {
  // Feature plugins are registered here, e.g. `await app.register(patientRoutes)`.
};
