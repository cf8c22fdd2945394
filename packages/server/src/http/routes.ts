/**
 * Every feature's routes under /api/v1. A feature folder exports one plugin; it is listed here once.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditRoutes } from '../audit/routes.ts';
import { authRoutes } from '../auth/routes.ts';
import { patientRoutes } from '../patients/routes.ts';
import { userRoutes } from '../users/routes.ts';

export const apiRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(patientRoutes);
  await app.register(auditRoutes);
  // Feature plugins are registered here, e.g. `await app.register(patientRoutes)`.
};
