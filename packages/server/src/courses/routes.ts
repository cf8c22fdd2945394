/**
 * HTTP routes of protocols, courses and orders. A refused order answers 422 problem+json carrying
 * core's calculation (every limit with its source) and weight check, so the screen can show why.
 */
import {
  Course,
  CourseCreate,
  CourseIdParam,
  CourseList,
  Order,
  OrderIdParam,
  OrderInput,
  OrderList,
  OrderPreview,
  OrderRefused,
  OrderSign,
  PatientIdParam,
  Problem,
  ProtocolList,
  problemResponses,
} from '@ketaflow/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { createCourse, getCourse, listCourses, protocols } from './course-service.ts';
import { getOrder, listOrders, previewOrder, signOrder } from './order-service.ts';

const tags = ['courses'];

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const courseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/protocols',
    {
      schema: {
        tags,
        summary:
          'Protocol versions of the registry, with dose basis, phases and library concentrations',
        response: { 200: ProtocolList, ...problemResponses },
      },
    },
    (request) => protocols(serviceContext(request)),
  );

  app.post(
    '/patients/:patientId/courses',
    {
      schema: {
        tags,
        summary: 'Create a treatment course on a protocol version (prescribers; eligible patients)',
        params: PatientIdParam,
        body: CourseCreate,
        response: { 200: Course, 201: Course, 422: Problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { course, created } = await createCourse(
        serviceContext(request),
        request.params.patientId,
        request.body,
        request.server.clock.now(),
      );
      return reply.status(created ? 201 : 200).send(course);
    },
  );

  app.get(
    '/patients/:patientId/courses',
    {
      schema: {
        tags,
        summary: 'The patient’s courses, newest first',
        params: PatientIdParam,
        response: { 200: CourseList, ...problemResponses },
      },
    },
    (request) => listCourses(serviceContext(request), request.params.patientId),
  );

  app.get(
    '/courses/:courseId',
    {
      schema: {
        tags,
        summary: 'A course with the active signed order of each session',
        params: CourseIdParam,
        response: { 200: Course, ...problemResponses },
      },
    },
    (request) => getCourse(serviceContext(request), request.params.courseId),
  );

  app.post(
    '/courses/:courseId/orders/preview',
    {
      schema: {
        tags,
        summary: 'Compute an order with core (guardrails, sources, weight check); stores nothing',
        params: CourseIdParam,
        body: OrderInput,
        response: { 200: OrderPreview, ...problemResponses },
      },
    },
    (request) =>
      previewOrder(
        serviceContext(request),
        request.params.courseId,
        request.body,
        request.server.clock.now(),
      ),
  );

  app.post(
    '/courses/:courseId/orders',
    {
      schema: {
        tags,
        summary:
          'Sign an order (prescribers): immutable once signed; a change supersedes the active one with a reason; 422 with the guardrail results when refused',
        params: CourseIdParam,
        body: OrderSign,
        response: { 200: Order, 201: Order, 422: OrderRefused, ...problemResponses },
      },
    },
    async (request, reply) => {
      const outcome = await signOrder(
        serviceContext(request),
        request.params.courseId,
        request.body,
        request.server.clock.now(),
      );
      if (outcome.kind === 'signed') {
        return reply.status(outcome.created ? 201 : 200).send(outcome.order);
      }
      const { blocker, calculation, weightCheck } = outcome.refusal;
      return reply
        .status(422)
        .type('application/problem+json')
        .send({
          type: `about:blank#${blocker.code}`,
          title: 'Unprocessable content',
          status: 422,
          code: blocker.code,
          detail: blocker.message,
          ...(blocker.field === undefined ? {} : { field: blocker.field }),
          requestId: request.id,
          calculation: calculation as unknown as Order['calculation'] | null,
          weightCheck: weightCheck as unknown as Order['weightCheck'] | null,
        });
    },
  );

  app.get(
    '/courses/:courseId/orders',
    {
      schema: {
        tags,
        summary: 'Every signed order version of a course',
        params: CourseIdParam,
        response: { 200: OrderList, ...problemResponses },
      },
    },
    (request) => listOrders(serviceContext(request), request.params.courseId),
  );

  app.get(
    '/orders/:orderId',
    {
      schema: {
        tags,
        summary: 'One signed order',
        params: OrderIdParam,
        response: { 200: Order, ...problemResponses },
      },
    },
    (request) => getOrder(serviceContext(request), request.params.orderId),
  );
};
