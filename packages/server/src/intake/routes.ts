/**
 * HTTP routes of intake and weights under /api/v1/patients/{patientId}: parse with the contract, call
 * one service function, map the result. A replayed write answers 200 with the original; a new one 201.
 */
import {
  Intake,
  IntakeHistory,
  IntakeSave,
  PatientIdParam,
  WeightList,
  WeightMeasurement,
  WeightRecord,
  problemResponses,
} from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { getIntake, intakeHistory, listWeights, recordWeight, saveIntake } from './service.ts';

const tags = ['intake'];

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const intakeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/patients/:patientId/intake',
    {
      schema: {
        tags,
        summary: 'The current intake version with the latest weight',
        params: PatientIdParam,
        response: { 200: Intake, ...problemResponses },
      },
    },
    (request) => getIntake(serviceContext(request), request.params.patientId),
  );

  app.put(
    '/patients/:patientId/intake',
    {
      schema: {
        tags,
        summary:
          'Save a new intake version (sections replaced whole; version edited required; 409 when stale)',
        params: PatientIdParam,
        body: IntakeSave,
        response: { 200: Intake, 201: Intake, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { intake, created } = await saveIntake(
        serviceContext(request),
        request.params.patientId,
        request.body,
        request.server.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(intake);
    },
  );

  app.get(
    '/patients/:patientId/intake/history',
    {
      schema: {
        tags,
        summary: 'Every intake version, newest first',
        params: PatientIdParam,
        response: { 200: IntakeHistory, ...problemResponses },
      },
    },
    (request) => intakeHistory(serviceContext(request), request.params.patientId),
  );

  app.post(
    '/patients/:patientId/weights',
    {
      schema: {
        tags,
        summary: 'Record a weighing (weight in kg, optional height in cm, time measured)',
        params: PatientIdParam,
        body: WeightRecord,
        response: { 200: WeightMeasurement, 201: WeightMeasurement, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { weight, created } = await recordWeight(
        serviceContext(request),
        request.params.patientId,
        request.body,
        request.server.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(weight);
    },
  );

  app.get(
    '/patients/:patientId/weights',
    {
      schema: {
        tags,
        summary: 'Every weighing of the patient, most recent first',
        params: PatientIdParam,
        response: { 200: WeightList, ...problemResponses },
      },
    },
    (request) => listWeights(serviceContext(request), request.params.patientId),
  );
};
