/**
 * HTTP routes of chairs, infusion sessions, the double check and charting under /api/v1. Thin: parse
 * with the contract, call one service function, map the result. A refused guard answers 422
 * problem+json with `evidence`; illegal transitions and stale versions 409, and a discharge before
 * the protocol's minimum observation 409 with `evidence` (the rule, its source and the times).
 */
import {
  Chair,
  ChairCreate,
  ChairList,
  ChartData,
  ChartEntryRequest,
  ChartWriteResult,
  DoubleCheckEntryRequest,
  DoubleCheckResult,
  GuardProblem,
  InfusionSession,
  Problem,
  SessionCreate,
  SessionIdParams,
  SessionRecord,
  TransitionRequest,
  problemResponses,
} from '@ketaflow/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { serviceContext } from '../http/context.ts';
import { chartData } from './chart-data.ts';
import { writeChartEntry } from './charting-service.ts';
import { enterDoubleCheck } from './double-check-service.ts';
import { getSessionRecord } from './session-record.ts';
import {
  applyTransition,
  chairList,
  createChair,
  getSession,
  scheduleSession,
  type GuardFailure,
} from './session-service.ts';

const responses = { ...problemResponses, 422: GuardProblem };

/** 422 (or the failure's 409) problem+json carrying the evidence of a refused guard. */
function sendGuardFailure(reply: FastifyReply, request: FastifyRequest, failure: GuardFailure) {
  const status = failure.status ?? 422;
  const body: Problem & { evidence?: unknown } = {
    type: `about:blank#${failure.code}`,
    title: status === 409 ? 'Conflict' : 'Unprocessable content',
    status,
    code: failure.code,
    detail: failure.message,
    ...(failure.field === undefined ? {} : { field: failure.field }),
    requestId: request.id,
    ...(failure.evidence === undefined ? {} : { evidence: failure.evidence }),
  };
  return reply.status(status).type('application/problem+json').send(body);
}

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const now = (): Date => app.clock.now();

  app.post(
    '/chairs',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Add an infusion chair to the clinic (idempotent by id)',
        body: ChairCreate,
        response: { 200: Chair, 201: Chair, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { chair, created } = await createChair(serviceContext(request), request.body, now());
      return reply.status(created ? 201 : 200).send(chair);
    },
  );

  app.get(
    '/chairs',
    {
      schema: {
        tags: ['sessions'],
        summary: "The clinic's chairs",
        response: { 200: ChairList, ...problemResponses },
      },
    },
    (request) => chairList(serviceContext(request)),
  );

  app.post(
    '/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary:
          "Schedule a session of a course in a chair, bound to the session's active signed order",
        body: SessionCreate,
        response: { 200: InfusionSession, 201: InfusionSession, ...responses },
      },
    },
    async (request, reply) => {
      const { session, created } = await scheduleSession(
        serviceContext(request),
        request.body,
        now(),
      );
      return reply
        .status(created ? 201 : 200)
        .header('location', `/api/v1/sessions/${session.id}`)
        .send(session);
    },
  );

  app.get(
    '/sessions/:id',
    {
      schema: {
        tags: ['sessions'],
        summary:
          'One session: state, allowed events, order, double-check progress (never its values)',
        params: SessionIdParams,
        response: { 200: InfusionSession, ...problemResponses },
      },
    },
    (request) => getSession(serviceContext(request), request.params.id),
  );

  app.get(
    '/sessions/:id/record',
    {
      schema: {
        tags: ['sessions'],
        summary:
          'The session record for its printed summary: transitions with the discharge score, completed double-check rounds, its ledger entries (roles that read the ledger) and staff names',
        params: SessionIdParams,
        response: { 200: SessionRecord, ...problemResponses },
      },
    },
    (request) => getSessionRecord(serviceContext(request), request.params.id),
  );

  app.post(
    '/sessions/:id/transitions',
    {
      schema: {
        tags: ['sessions'],
        summary:
          'Move the session through its state machine (409 illegal or stale, 422 guard refused with evidence)',
        params: SessionIdParams,
        body: TransitionRequest,
        response: { 200: InfusionSession, ...responses, 409: GuardProblem },
      },
    },
    async (request, reply) => {
      const outcome = await applyTransition(
        serviceContext(request),
        request.params.id,
        request.body,
        now(),
      );
      return outcome.ok
        ? reply.send(outcome.value)
        : sendGuardFailure(reply, request, outcome.failure);
    },
  );

  app.post(
    '/sessions/:id/double-check',
    {
      schema: {
        tags: ['sessions'],
        summary:
          'One blind entry of the independent double check (the first entry is never returned)',
        params: SessionIdParams,
        body: DoubleCheckEntryRequest,
        response: { 200: DoubleCheckResult, 202: DoubleCheckResult, ...responses },
      },
    },
    async (request, reply) => {
      const outcome = await enterDoubleCheck(
        serviceContext(request),
        request.params.id,
        request.body,
        now(),
      );
      if (!outcome.ok) return sendGuardFailure(reply, request, outcome.failure);
      const { round, status, fields, session } = outcome.value;
      return reply
        .status(status === 'agreed' ? 200 : 202)
        .send({ round, status, ...(fields === undefined ? {} : { fields: [...fields] }), session });
    },
  );

  app.post(
    '/sessions/:id/chart',
    {
      schema: {
        tags: ['sessions'],
        summary:
          'Chart one entry (vitals, scores, note, rate change, adverse event, alarm acknowledgement); idempotent by id',
        params: SessionIdParams,
        body: ChartEntryRequest,
        response: { 200: ChartWriteResult, 201: ChartWriteResult, ...responses, 409: GuardProblem },
      },
    },
    async (request, reply) => {
      const outcome = await writeChartEntry(
        serviceContext(request),
        request.params.id,
        request.body,
        now(),
      );
      if (!outcome.ok) return sendGuardFailure(reply, request, outcome.failure);
      return reply
        .status(outcome.value.created ? 201 : 200)
        .send({ ...outcome.value, alarms: [...outcome.value.alarms] });
    },
  );

  app.get(
    '/sessions/:id/chart',
    {
      schema: {
        tags: ['sessions'],
        summary:
          'The session chart: entries, transitions, alarms, prompts, cumulative dose and predicted concentration',
        params: SessionIdParams,
        response: { 200: ChartData, ...problemResponses },
      },
    },
    (request) => chartData(serviceContext(request), request.params.id, now()),
  );
};
