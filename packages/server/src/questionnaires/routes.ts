/**
 * HTTP routes of questionnaires: the patient's own (under /portal) and the care team's view of one
 * patient (under /patients/{patientId}); the course schedule routes are in schedule-routes.ts.
 */
import {
  PatientIdParams,
  QuestionnaireResponse,
  QuestionnaireResponseCreate,
  QuestionnaireResponseList,
  QuestionnairesDue,
  ResponseListQuery,
  problemResponses,
} from '@ketaflow/contract';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { scheduleRoutes } from './schedule-routes.ts';
import {
  answerQuestionnaire,
  ownQuestionnairesDue,
  ownResponses,
  patientQuestionnairesDue,
  patientResponseList,
} from './service.ts';

const tags = ['questionnaires'];
const PatientParams = z.strictObject({ patientId: PatientIdParams.shape.id });

export const questionnaireRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(scheduleRoutes);
  app.post(
    '/portal/questionnaire-responses',
    {
      schema: {
        tags,
        summary:
          'Answer a questionnaire (patient); scored by core, incomplete refused; a crisis flag returns crisis resources and alerts the care team',
        body: QuestionnaireResponseCreate,
        response: { 200: QuestionnaireResponse, 201: QuestionnaireResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { response, created } = await answerQuestionnaire(
        serviceContext(request),
        request.body,
        request.server.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(response);
    },
  );

  app.get(
    '/portal/questionnaire-responses',
    {
      schema: {
        tags,
        summary: "The signed-in patient's own responses, newest first",
        querystring: ResponseListQuery,
        response: { 200: QuestionnaireResponseList, ...problemResponses },
      },
    },
    (request) => ownResponses(serviceContext(request), request.query.instrumentId),
  );

  app.get(
    '/portal/questionnaires/due',
    {
      schema: {
        tags,
        summary: 'Questionnaires due, overdue, missed and done for the signed-in patient',
        response: { 200: QuestionnairesDue, ...problemResponses },
      },
    },
    (request) => ownQuestionnairesDue(serviceContext(request), request.server.clock.now()),
  );

  app.get(
    '/patients/:patientId/questionnaire-responses',
    {
      schema: {
        tags,
        summary: "A patient's questionnaire responses and diary (care team)",
        params: PatientParams,
        querystring: ResponseListQuery,
        response: { 200: QuestionnaireResponseList, ...problemResponses },
      },
    },
    (request) =>
      patientResponseList(
        serviceContext(request),
        request.params.patientId,
        request.query.instrumentId,
      ),
  );

  app.get(
    '/patients/:patientId/questionnaires/due',
    {
      schema: {
        tags,
        summary: "A patient's questionnaires due and overdue (care team)",
        params: PatientParams,
        response: { 200: QuestionnairesDue, ...problemResponses },
      },
    },
    (request) =>
      patientQuestionnairesDue(
        serviceContext(request),
        request.params.patientId,
        request.server.clock.now(),
      ),
  );
};
