/** HTTP routes of a course's questionnaire schedule: read, replace (409 when stale) and history. */
import {
  CourseQuestionnaireSchedule,
  CourseQuestionnaireScheduleHistory,
  CourseQuestionnaireScheduleUpdate,
  CourseScheduleParams,
  problemResponses,
} from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { courseSchedule, courseScheduleHistory, updateCourseSchedule } from './schedule-service.ts';

const tags = ['questionnaires'];

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const scheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/courses/:courseId/questionnaire-schedule',
    {
      schema: {
        tags,
        summary:
          "A course's questionnaire schedule (the protocol default until the clinic edits it)",
        params: CourseScheduleParams,
        response: { 200: CourseQuestionnaireSchedule, ...problemResponses },
      },
    },
    (request) => courseSchedule(serviceContext(request), request.params.courseId),
  );

  app.put(
    '/courses/:courseId/questionnaire-schedule',
    {
      schema: {
        tags,
        summary:
          "Replace a course's questionnaire schedule (instrument, cadence, start and stop); 409 when version is stale; history kept",
        params: CourseScheduleParams,
        body: CourseQuestionnaireScheduleUpdate,
        response: { 200: CourseQuestionnaireSchedule, ...problemResponses },
      },
    },
    async (request) =>
      (
        await updateCourseSchedule(
          serviceContext(request),
          request.params.courseId,
          request.body,
          request.server.clock.now(),
        )
      ).schedule,
  );

  app.get(
    '/courses/:courseId/questionnaire-schedule/history',
    {
      schema: {
        tags,
        summary: "Every saved version of a course's questionnaire schedule, newest first",
        params: CourseScheduleParams,
        response: { 200: CourseQuestionnaireScheduleHistory, ...problemResponses },
      },
    },
    (request) => courseScheduleHistory(serviceContext(request), request.params.courseId),
  );
};
