/**
 * HTTP routes of the patient registry under /api/v1/patients: parse with the contract, call one
 * service function, map the result. There is deliberately no DELETE: nothing is ever deleted.
 */
import {
  PatientCreate,
  PatientHistoryPage,
  PatientHistoryQuery,
  Patient,
  PatientIdParams,
  PatientPage,
  PatientSearchQuery,
  PatientUpdate,
  problemResponses,
} from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import {
  createPatient,
  getPatient,
  patientHistory,
  searchPatients,
  updatePatient,
} from './service.ts';

const tags = ['patients'];

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const patientRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/patients',
    {
      schema: {
        tags,
        summary: 'Register a patient (version 1); a retry with the same client id answers 200',
        body: PatientCreate,
        response: { 200: Patient, 201: Patient, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { patient, created } = await createPatient(serviceContext(request), request.body);
      return reply
        .status(created ? 201 : 200)
        .header('location', `/api/v1/patients/${patient.id}`)
        .send(patient);
    },
  );

  app.get(
    '/patients',
    {
      schema: {
        tags,
        summary: 'Search and list patients (name prefix, date of birth, MRN), paged',
        querystring: PatientSearchQuery,
        response: { 200: PatientPage, ...problemResponses },
      },
    },
    (request) => searchPatients(serviceContext(request), request.query),
  );

  app.get(
    '/patients/:id',
    {
      schema: {
        tags,
        summary: 'Read one patient',
        params: PatientIdParams,
        response: { 200: Patient, ...problemResponses },
      },
    },
    (request) => getPatient(serviceContext(request), request.params.id),
  );

  app.patch(
    '/patients/:id',
    {
      schema: {
        tags,
        summary: 'Correct a patient record (version and reason required; 409 when stale)',
        params: PatientIdParams,
        body: PatientUpdate,
        response: { 200: Patient, ...problemResponses },
      },
    },
    (request) => updatePatient(serviceContext(request), request.params.id, request.body),
  );

  app.get(
    '/patients/:id/history',
    {
      schema: {
        tags,
        summary: 'Every version of a patient record, newest first',
        params: PatientIdParams,
        querystring: PatientHistoryQuery,
        response: { 200: PatientHistoryPage, ...problemResponses },
      },
    },
    (request) =>
      patientHistory(serviceContext(request), request.params.id, {
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
  );
};
