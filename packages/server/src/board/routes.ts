/**
 * The live chair board: `GET /board` answers one snapshot (JSON); `GET /board/stream` is a
 * server-sent event stream that sends a snapshot at once and again after every committed change in
 * the clinic (sessions and charting publish on the in-process bus after commit). Bursts are coalesced
 * so a busy floor costs one snapshot per COALESCE_MS, well inside the 2 s target. A quiet floor still
 * gets a fresh snapshot every REFRESH_MS, because elapsed/remaining time, vitals age and overdue checks
 * move with the clock, not with writes. Opening the board is audited (it shows patient initials);
 * pushes are not re-audited.
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

/**
 * Longest a quiet board goes without a fresh snapshot (operational choice): the board shows minutes
 * and overdue checks computed by the server at `generatedAt`, so without writes they would freeze
 * while the board says it is live. 15 s keeps minute counts at most a quarter-minute behind and an
 * overdue check visible within 15 s of falling due, at one small read per open board per 15 s.
 */
export const REFRESH_MS = 15_000;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The board's refresh interval: REFRESH_MS, decorated on the root by buildApp so a test can
     * shorten it for streams it opens instead of waiting.
     */
    boardRefreshMs: number;
  }
}

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
        summary:
          'The chair board as server-sent events (a `board` event per change and every 15 s)',
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
      let refresh: NodeJS.Timeout | null = null;
      let unsubscribe = (): void => undefined;
      const stop = (): void => {
        unsubscribe();
        unsubscribe = () => undefined;
        if (refresh !== null) clearInterval(refresh);
        if (pending !== null) clearTimeout(pending);
        refresh = pending = null;
      };
      const push = (): void => {
        // A refresh also carries any change waiting out its coalescing delay.
        if (pending !== null) clearTimeout(pending);
        pending = null;
        sending = sending
          .then(async () => {
            // A client that left before onClose was registered would otherwise keep the timer.
            if (!reply.sse.isConnected) {
              stop();
              return;
            }
            const snapshot = await ctx.db.transaction((tx) =>
              boardSnapshot(tx, clinicId, app.clock.now()),
            );
            await reply.sse.send({ event: 'board', data: snapshot });
          })
          .catch((error: unknown) => {
            request.log.error({ err: error }, 'chair board push failed');
          });
      };
      unsubscribe = subscribe(clinicId, () => {
        pending ??= setTimeout(push, COALESCE_MS);
      });
      refresh = setInterval(push, app.boardRefreshMs);
      reply.sse.onClose(stop);
      await reply.sse.send({ event: 'board', data: first });
    },
  );
};
