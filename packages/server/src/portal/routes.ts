/**
 * HTTP routes of the patient portal: staff invite a patient; the patient accepts the invitation
 * (public, rate-limited) by setting a password; the patient reads and attests the consent text, and
 * a clinician countersigns the attestation.
 */
import {
  ConsentAttestationParams,
  ConsentCountersign,
  ConsentRecord,
  PatientIdParams,
  PortalConsent,
  PortalConsentAttest,
  PortalConsentAttestation,
  PortalConsentAttestationList,
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
import {
  attestConsent,
  countersignAttestation,
  ownConsent,
  patientAttestations,
} from './consent-attestation.ts';
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

  app.get(
    '/portal/consent',
    {
      schema: {
        tags,
        summary: "The clinic's current consent text and the signed-in patient's attestations",
        response: { 200: PortalConsent, ...problemResponses },
      },
    },
    (request) => ownConsent(serviceContext(request), request.server.clock.now()),
  );

  app.post(
    '/portal/consent-attestations',
    {
      schema: {
        tags,
        summary:
          'The patient attests the current consent text (typed full name + checkbox); a clinician countersigns',
        body: PortalConsentAttest,
        response: {
          200: PortalConsentAttestation,
          201: PortalConsentAttestation,
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { attestation, created } = await attestConsent(
        serviceContext(request),
        request.body,
        request.server.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(attestation);
    },
  );

  app.get(
    '/patients/:patientId/consent-attestations',
    {
      schema: {
        tags,
        summary: "A patient's portal consent attestations, countersigned or waiting (care team)",
        params: PatientParams,
        response: { 200: PortalConsentAttestationList, ...problemResponses },
      },
    },
    (request) => patientAttestations(serviceContext(request), request.params.patientId),
  );

  app.post(
    '/patients/:patientId/consent-attestations/:attestationId/countersign',
    {
      schema: {
        tags,
        summary:
          "Countersign a patient's portal attestation as witness: records the consent (same id)",
        params: ConsentAttestationParams,
        body: ConsentCountersign,
        response: { 200: ConsentRecord, 201: ConsentRecord, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { record, created } = await countersignAttestation(
        serviceContext(request),
        request.params.patientId,
        request.params.attestationId,
        request.server.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(record);
    },
  );
};
