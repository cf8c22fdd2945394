/**
 * The auth routes under /api/v1/auth: sign-in, second factor, password change, clinic switcher,
 * session information and sign-out. Each parses, calls one service function and sets the cookie.
 */
import {
  LoginBody,
  MfaCodeBody,
  MfaEnrolment,
  PasswordChangeBody,
  problemResponses,
  SessionInfo,
  SwitchClinicBody,
} from '@ketaflow/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf } from '../http/context.ts';
import { unauthenticated } from '../http/errors.ts';
import { changePassword, switchClinic } from './account.ts';
import type { ResolvedSession } from './repository.ts';
import { AUTH_RATE_LIMIT } from './policy.ts';
import { confirmEnrolment, startEnrolment, verifySecondFactor } from './second-factor.ts';
import { describe, type AuthCall, type IssuedSession } from './session-info.ts';
import { login, logout } from './sign-in.ts';
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from './session-token.ts';

const responses = { ...problemResponses, 429: problemResponses[400] };
const tags = ['auth'];
const limited = { rateLimit: AUTH_RATE_LIMIT };

function sessionOf(request: FastifyRequest): ResolvedSession {
  if (request.authSession === null) throw unauthenticated();
  return request.authSession;
}

function callOf(request: FastifyRequest): AuthCall {
  const session = request.authSession;
  return {
    db: request.server.database.db,
    now: request.server.clock.now(),
    audit: {
      ...auditContextOf(request),
      ...(session === null
        ? {}
        : { userId: session.userId, role: session.activeRole, clinicId: session.activeClinicId }),
    },
  };
}

function issue(reply: FastifyReply, issued: IssuedSession) {
  void reply.setCookie(SESSION_COOKIE, issued.token, SESSION_COOKIE_OPTIONS);
  return issued.info;
}

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/login',
    {
      schema: { tags, body: LoginBody, response: { 200: SessionInfo, ...responses } },
      config: { public: true, ...limited },
    },
    async (request, reply) =>
      issue(
        reply,
        await login(callOf(request), request.body, {
          delay: request.server.failureDelay,
          unstored: request.server.unstoredFailures,
        }),
      ),
  );
  app.get(
    '/auth/session',
    {
      schema: { tags, response: { 200: SessionInfo, ...responses } },
      config: { sessionOnly: true },
    },
    (request) => describe(request.server.database.db, sessionOf(request)),
  );
  app.post(
    '/auth/logout',
    {
      schema: { tags, response: { 204: z.null(), ...responses } },
      config: { sessionOnly: true },
    },
    async (request, reply) => {
      await logout(callOf(request), sessionOf(request).tokenHash);
      void reply.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/auth/mfa/enrol',
    {
      schema: { tags, response: { 200: MfaEnrolment, ...responses } },
      config: { sessionOnly: true, ...limited },
    },
    (request) => startEnrolment(callOf(request), sessionOf(request)),
  );
  app.post(
    '/auth/mfa/confirm',
    {
      schema: { tags, body: MfaCodeBody, response: { 200: SessionInfo, ...responses } },
      config: { sessionOnly: true, ...limited },
    },
    async (request, reply) =>
      issue(reply, await confirmEnrolment(callOf(request), sessionOf(request), request.body.code)),
  );
  app.post(
    '/auth/mfa/verify',
    {
      schema: { tags, body: MfaCodeBody, response: { 200: SessionInfo, ...responses } },
      config: { sessionOnly: true, ...limited },
    },
    async (request, reply) =>
      issue(
        reply,
        await verifySecondFactor(callOf(request), sessionOf(request), request.body.code),
      ),
  );
  app.post(
    '/auth/password',
    {
      schema: { tags, body: PasswordChangeBody, response: { 200: SessionInfo, ...responses } },
      config: { sessionOnly: true, ...limited },
    },
    async (request, reply) =>
      issue(reply, await changePassword(callOf(request), sessionOf(request), request.body)),
  );
  app.post(
    '/auth/clinic',
    {
      schema: { tags, body: SwitchClinicBody, response: { 200: SessionInfo, ...responses } },
      config: { sessionOnly: true },
    },
    async (request, reply) =>
      issue(reply, await switchClinic(callOf(request), sessionOf(request), request.body.clinicId)),
  );
};
