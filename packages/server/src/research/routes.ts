/**
 * HTTP routes of research consent (clinical staff) and the de-identified research export
 * (researchers) under /api/v1.
 */
import {
  problemResponses,
  ResearchConsentParams,
  ResearchConsentRecord,
  ResearchConsentState,
  ResearchExport,
} from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { recordResearchConsent, researchConsentOf, researchExport } from './service.ts';

const tags = ['research'];

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const researchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/patients/:patientId/research-consent',
    {
      schema: {
        tags,
        summary: "Record a grant or withdrawal of the patient's research consent",
        params: ResearchConsentParams,
        body: ResearchConsentRecord,
        response: { 200: ResearchConsentState, ...problemResponses },
      },
    },
    (request) =>
      recordResearchConsent(serviceContext(request), request.params.patientId, request.body),
  );

  app.get(
    '/patients/:patientId/research-consent',
    {
      schema: {
        tags,
        summary: "The patient's current research consent",
        params: ResearchConsentParams,
        response: { 200: ResearchConsentState, ...problemResponses },
      },
    },
    (request) => researchConsentOf(serviceContext(request), request.params.patientId),
  );

  app.get(
    '/research/export',
    {
      schema: {
        tags,
        summary:
          'De-identified export (Safe Harbor) of consenting patients: CSV + dictionary and FHIR R4 NDJSON',
        response: { 200: ResearchExport, ...problemResponses },
      },
    },
    (request) => researchExport(serviceContext(request)),
  );
};
