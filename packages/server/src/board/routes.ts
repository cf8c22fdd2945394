/**
 * The live chair board: `GET /board` answers one snapshot (JSON); `GET /board/stream` is a
 * server-sent event stream that sends a snapshot at once and again after every committed change in
 * the clinic (sessions and charting publish on the in-process bus after commit). Bursts are coalesced
 * so a busy floor costs one snapshot per COALESCE_MS, well inside the 2 s target. Opening the board is
 * audited (it shows patient initials); pushes are not re-audited.
 */
import { BoardSnapshot, problemResponses } from '@ketaflow/contract';
import { fastifySSE } from '@fastify/sse';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../db/unit-of-work.ts';
import { serviceContext } from '../http/context.ts';
import { subscribe } from '../sessions/bus.ts';
import { boardSnapshot } from './board-snapshot.ts';

/** Longest wait between a change and the push that carries it (engineering choice, ≪ 2 s). */
const COALESCE_MS = 100;

export const boardRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(fastifySSE, { heartbeatInterval: 15_000 });

  app.get(
    '/board',
    {
      schema: {
        tags: ['board'],
        summary: 'The chair board of the clinic (one snapshot)',
        response: { 200: BoardSnapshot, ...problemResponses },
      },
    },
    (request) => {
      const ctx = serviceContext(request);
      ctx.scope.require('board.read');
      return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
        audit({
          action: 'board.read',
          resourceType: 'board',
          resourceId: ctx.scope.clinicId,
          outcome: 'success',
        });
        return boardSnapshot(tx, ctx.scope.clinicId, app.clock.now());
      });
    },
  );

  app.get(
    '/board/stream',
    {
      sse: { kind: 'only' },
      schema: {
        tags: ['board'],
        summary: 'The chair board as server-sent events (a `board` event per change)',
        // Hidden from the OpenAPI route list the authorization matrix walks: an allowed caller's
        // stream never ends. Its role rules are tested in board/board.int.test.ts.
        hide: true,
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      ctx.scope.require('board.read');
      const clinicId = ctx.scope.clinicId;
      const first = await inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
        audit({
          action: 'board.stream-open',
          resourceType: 'board',
          resourceId: clinicId,
          outcome: 'success',
        });
        return boardSnapshot(tx, clinicId, app.clock.now());
      });
      reply.sse.keepAlive();
      let pending: NodeJS.Timeout | null = null;
      let sending = Promise.resolve();
      const push = (): void => {
        pending = null;
        sending = sending
          .then(async () => {
            if (!reply.sse.isConnected) return;
            const snapshot = await ctx.db.transaction((tx) =>
              boardSnapshot(tx, clinicId, app.clock.now()),
            );
            await reply.sse.send({ event: 'board', data: snapshot });
          })
          .catch((error: unknown) => {
            request.log.error({ err: error }, 'chair board push failed');
          });
      };
      const unsubscribe = subscribe(clinicId, () => {
        pending ??= setTimeout(push, COALESCE_MS);
      });
      reply.sse.onClose(() => {
        unsubscribe();
        if (pending !== null) clearTimeout(pending);
      });
      await reply.sse.send({ event: 'board', data: first });
    },
  );
};
