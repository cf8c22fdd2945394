/** User management routes under /api/v1/users (admins, within their active clinic). */
import {
  ChangeRoleBody,
  OneTimePassword,
  CreatedUser,
  CreateUserBody,
  Member,
  MemberListQuery,
  MemberPage,
  problemResponses,
  UserIdParams,
} from '@ketaflow/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceContext } from '../http/context.ts';
import {
  changeRole,
  createMember,
  endSessionsOf,
  listClinicMembers,
  setDisabled,
  unlock,
  type ManageCall,
} from './service.ts';
import { resetPassword, resetSecondFactor } from './credential-resets.ts';

const tags = ['users'];
const callOf = (request: FastifyRequest): ManageCall => ({
  ...serviceContext(request),
  now: request.server.clock.now(),
});

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    {
      schema: {
        tags,
        querystring: MemberListQuery,
        response: { 200: MemberPage, ...problemResponses },
      },
    },
    (request) => listClinicMembers(callOf(request), request.query),
  );
  app.post(
    '/users',
    { schema: { tags, body: CreateUserBody, response: { 201: CreatedUser, ...problemResponses } } },
    async (request, reply) =>
      reply.status(201).send(await createMember(callOf(request), request.body)),
  );
  app.put(
    '/users/:userId/role',
    {
      schema: {
        tags,
        params: UserIdParams,
        body: ChangeRoleBody,
        response: { 200: Member, ...problemResponses },
      },
    },
    (request) => changeRole(callOf(request), request.params.userId, request.body.role),
  );
  app.post(
    '/users/:userId/disable',
    { schema: { tags, params: UserIdParams, response: { 200: Member, ...problemResponses } } },
    (request) => setDisabled(callOf(request), request.params.userId, true),
  );
  app.post(
    '/users/:userId/enable',
    { schema: { tags, params: UserIdParams, response: { 200: Member, ...problemResponses } } },
    (request) => setDisabled(callOf(request), request.params.userId, false),
  );
  app.post(
    '/users/:userId/end-sessions',
    {
      schema: {
        tags,
        params: UserIdParams,
        response: { 200: z.object({ ended: z.number().int() }), ...problemResponses },
      },
    },
    (request) => endSessionsOf(callOf(request), request.params.userId),
  );
  app.post(
    '/users/:userId/unlock',
    { schema: { tags, params: UserIdParams, response: { 200: Member, ...problemResponses } } },
    (request) => unlock(callOf(request), request.params.userId),
  );
  app.post(
    '/users/:userId/reset-password',
    {
      schema: {
        tags,
        params: UserIdParams,
        response: { 200: OneTimePassword, ...problemResponses },
      },
    },
    (request) => resetPassword(callOf(request), request.params.userId),
  );
  app.post(
    '/users/:userId/reset-mfa',
    { schema: { tags, params: UserIdParams, response: { 200: Member, ...problemResponses } } },
    (request) => resetSecondFactor(callOf(request), request.params.userId),
  );
};
