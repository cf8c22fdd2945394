/**
 * HTTP routes of referrals: the public form (token + submission, rate-limited per IP) and the
 * coordinator's queue.
 */
import {
  ReferralParams,
  ReferralPage,
  ReferralQueueQuery,
  ReferralReceipt,
  ReferralRequest,
  ReferralSubmit,
  ReferralUpdate,
  problemResponses,
} from '@ketaflow/contract';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditContextOf, serviceContext } from '../http/context.ts';
import { referralForm, referralQueue, submitReferral, updateReferral } from './service.ts';

const tags = ['referrals'];

/**
 * Submissions per IP: 10 per hour — a person sends one, a shared connection (a family, a
 * practice referring several patients) a few; a robot is cut off early.
 * Answered 429 with Retry-After. Security policy, not clinical data.
 */
export const REFERRAL_RATE_LIMIT = { max: 10, timeWindow: 60 * 60 * 1000 } as const;
/** Form loads per IP: 60 per minute. */
export const FORM_RATE_LIMIT = { max: 60, timeWindow: 60_000 } as const;

const ReferralForm = z.object({
  clinics: z.array(
    z.object({ clinicId: z.string(), clinicName: z.string(), formToken: z.string() }),
  ),
});

// eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async by contract.
export const referralRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/referral-form',
    {
      config: { public: true, rateLimit: FORM_RATE_LIMIT },
      schema: {
        tags,
        summary: 'Clinics taking referrals, each with a form token (public)',
        response: { 200: ReferralForm, ...problemResponses },
      },
    },
    (request) => referralForm(request.server.database.db, request.server.clock.now()),
  );

  app.post(
    '/public/referrals',
    {
      config: { public: true, rateLimit: REFERRAL_RATE_LIMIT },
      schema: {
        tags,
        summary: 'Send a referral / self-screening request to a clinic (public, rate-limited)',
        body: ReferralSubmit,
        response: { 202: ReferralReceipt, ...problemResponses },
      },
    },
    async (request, reply) => {
      const receipt = await submitReferral(
        request.server.database.db,
        auditContextOf(request),
        request.body,
        request.server.clock.now(),
      );
      return reply.status(202).send(receipt);
    },
  );

  app.get(
    '/referrals',
    {
      schema: {
        tags,
        summary: "The clinic's referral queue, oldest first",
        querystring: ReferralQueueQuery,
        response: { 200: ReferralPage, ...problemResponses },
      },
    },
    (request) => referralQueue(serviceContext(request), request.query),
  );

  app.patch(
    '/referrals/:referralId',
    {
      schema: {
        tags,
        summary: 'Mark a referral contacted or closed (version required; 409 when stale)',
        params: ReferralParams,
        body: ReferralUpdate,
        response: { 200: ReferralRequest, ...problemResponses },
      },
    },
    (request) =>
      updateReferral(
        serviceContext(request),
        request.params.referralId,
        request.body,
        request.server.clock.now(),
      ),
  );
};
