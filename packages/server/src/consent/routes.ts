/** HTTP routes of informed consent: the clinic's consent text, patients' consents, revocations. */
import {
  ConsentIdParam,
  ConsentRecord,
  ConsentRecordCreate,
  ConsentRevoke,
  ConsentStatus,
  ConsentText,
  ConsentTextPublish,
  PatientIdParam,
  Problem,
  problemResponses,
} from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import {
  consentStatus,
  currentConsentText,
  publishConsentText,
  recordConsent,
  revokeConsent,
} from './service.ts';

const tags = ['consent'];

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const consentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/consent-texts/current',
    {
      schema: {
        tags,
        summary:
          "The clinic's current consent text (the default text until the clinic publishes one)",
        response: { 200: ConsentText, ...problemResponses },
      },
    },
    (request) => currentConsentText(serviceContext(request), request.server.clock.now()),
  );

  app.post(
    '/consent-texts',
    {
      schema: {
        tags,
        summary: 'Publish a new consent-text version (version replaced required; 409 when stale)',
        body: ConsentTextPublish,
        response: { 200: ConsentText, 201: ConsentText, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { text, created } = await publishConsentText(
        serviceContext(request),
        request.body,
        request.server.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(text);
    },
  );

  app.get(
    '/patients/:patientId/consents',
    {
      schema: {
        tags,
        summary: 'Whether consent is current, and every consent record with its revocation',
        params: PatientIdParam,
        response: { 200: ConsentStatus, ...problemResponses },
      },
    },
    (request) =>
      consentStatus(serviceContext(request), request.params.patientId, request.server.clock.now()),
  );

  app.post(
    '/patients/:patientId/consents',
    {
      schema: {
        tags,
        summary:
          "Record the patient's consent to the current text (typed full name, witness, date)",
        params: PatientIdParam,
        body: ConsentRecordCreate,
        response: { 200: ConsentRecord, 201: ConsentRecord, 422: Problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { record, created } = await recordConsent(
        serviceContext(request),
        request.params.patientId,
        request.body,
        request.server.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(record);
    },
  );

  app.post(
    '/consents/:consentId/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a consent (with a reason)',
        params: ConsentIdParam,
        body: ConsentRevoke,
        response: { 200: ConsentRecord, 201: ConsentRecord, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { record, created } = await revokeConsent(
        serviceContext(request),
        request.params.consentId,
        request.body,
        request.server.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(record);
    },
  );
};
