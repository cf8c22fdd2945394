/**
 * Every feature's routes under /api/v1. A feature folder exports one plugin; it is listed here once.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditRoutes } from '../audit/routes.ts';
import { authRoutes } from '../auth/routes.ts';
import { patientRoutes } from '../patients/routes.ts';
import { userRoutes } from '../users/routes.ts';
import { analyticsRoutes } from '../analytics/routes.ts';
import { medicationRoutes } from '../medications/routes.ts';
import { researchRoutes } from '../research/routes.ts';
import { outcomeRoutes } from '../outcomes/routes.ts';
import { intakeRoutes } from '../intake/routes.ts';
import { screeningRoutes } from '../screening/routes.ts';
import { consentRoutes } from '../consent/routes.ts';
import { courseRoutes } from '../courses/routes.ts';
import { sessionRoutes } from '../sessions/routes.ts';
import { boardRoutes } from '../board/routes.ts';
import { ledgerRoutes } from '../ledger/routes.ts';
import { questionnaireRoutes } from '../questionnaires/routes.ts';
import { alertRoutes } from '../alerts/routes.ts';
import { portalRoutes } from '../portal/routes.ts';
import { referralRoutes } from '../referrals/routes.ts';

export const apiRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(patientRoutes);
  await app.register(auditRoutes);
  await app.register(analyticsRoutes);
  await app.register(medicationRoutes);
  await app.register(researchRoutes);
  await app.register(outcomeRoutes);
  await app.register(intakeRoutes);
  await app.register(screeningRoutes);
  await app.register(consentRoutes);
  await app.register(courseRoutes);
  await app.register(sessionRoutes);
  await app.register(boardRoutes);
  await app.register(ledgerRoutes);
  await app.register(questionnaireRoutes);
  await app.register(alertRoutes);
  await app.register(portalRoutes);
  await app.register(referralRoutes);
  // Feature plugins are registered here, e.g. `await app.register(patientRoutes)`.
};
