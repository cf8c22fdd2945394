/**
 * HTTP routes of the patient portal: staff invite a patient; the patient accepts the invitation
 * (public, rate-limited) by setting a password.
 */
import {
  PatientIdParams,
  PortalInvitation,
  PortalInvitationAccept,
  PortalInvitationAccepted,
  PortalInvitationCreate,
  PortalOverview,
  problemResponses,
} from '@ketaflow/contract';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AUTH_RATE_LIMIT } from '../auth/policy.ts';
import { auditContextOf, serviceContext } from '../http/context.ts';
import { acceptInvitation, createInvitation } from './invitations.ts';
import { portalOverview } from './overview.ts';

const tags = ['portal'];
const PatientParams = z.strictObject({ patientId: PatientIdParams.shape.id });

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const portalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/patients/:patientId/portal-invitations',
    {
      schema: {
        tags,
        summary:
          'Invite a patient to the portal: a single-use link valid 7 days (token shown once)',
        params: PatientParams,
        body: PortalInvitationCreate,
        response: { 200: PortalInvitation, 201: PortalInvitation, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { invitation, created } = await createInvitation(
        serviceContext(request),
        request.params.patientId,
        request.body,
        request.server.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(invitation);
    },
  );

  app.post(
    '/portal/invitations/accept',
    {
      config: { public: true, rateLimit: AUTH_RATE_LIMIT },
      schema: {
        tags,
        summary: 'Accept a portal invitation by setting a password (public; single use; expires)',
        body: PortalInvitationAccept,
        response: { 201: PortalInvitationAccepted, ...problemResponses },
      },
    },
    async (request, reply) => {
      const accepted = await acceptInvitation(
        request.server.database.db,
        auditContextOf(request),
        request.body,
        request.server.clock.now(),
      );
      return reply.status(201).send(accepted);
    },
  );

  app.get(
    '/portal/overview',
    {
      schema: {
        tags,
        summary: "The signed-in patient's overview: courses and upcoming infusions",
        response: { 200: PortalOverview, ...problemResponses },
      },
    },
    (request) => portalOverview(serviceContext(request), request.server.clock.now()),
  );
};
