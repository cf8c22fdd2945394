/**
 * HTTP routes of the opioid medication list and MME over time under
 * /api/v1/patients/{patientId}/medications and /mme. No DELETE: a line is stopped (stop date).
 */
import {
  MedicationChange,
  MedicationCreate,
  MedicationLine,
  MedicationLineParams,
  MedicationList,
  MmeSeries,
  MmeSeriesQuery,
  PatientMedicationParams,
  problemResponses,
} from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { addMedication, changeMedication, listMedications, mmeSeries } from './service.ts';

const tags = ['medications'];

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const medicationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/patients/:patientId/medications',
    {
      schema: {
        tags,
        summary: 'Add an opioid to the medication list; a retry with the same id answers 200',
        params: PatientMedicationParams,
        body: MedicationCreate,
        response: { 200: MedicationLine, 201: MedicationLine, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { line, created } = await addMedication(
        serviceContext(request),
        request.params.patientId,
        request.body,
      );
      return reply.status(created ? 201 : 200).send(line);
    },
  );

  app.put(
    '/patients/:patientId/medications/:medicationId',
    {
      schema: {
        tags,
        summary:
          'Change or stop a line as a new version (version and reason required; 409 when stale)',
        params: MedicationLineParams,
        body: MedicationChange,
        response: { 200: MedicationLine, ...problemResponses },
      },
    },
    (request) =>
      changeMedication(
        serviceContext(request),
        request.params.patientId,
        request.params.medicationId,
        request.body,
      ),
  );

  app.get(
    '/patients/:patientId/medications',
    {
      schema: {
        tags,
        summary: 'The current medication list (latest version of each line)',
        params: PatientMedicationParams,
        response: { 200: MedicationList, ...problemResponses },
      },
    },
    (request) => listMedications(serviceContext(request), request.params.patientId),
  );

  app.get(
    '/patients/:patientId/mme',
    {
      schema: {
        tags,
        summary:
          'Daily MME/day over a date range and the change from the first infusion at 1, 3, 6 months',
        params: PatientMedicationParams,
        querystring: MmeSeriesQuery,
        response: { 200: MmeSeries, ...problemResponses },
      },
    },
    (request) => mmeSeries(serviceContext(request), request.params.patientId, request.query),
  );
};
