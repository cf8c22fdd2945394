/**
 * Serves the built web app (packages/web/dist) in production: static assets, and index.html for any
 * other non-API GET so client-side routes survive a reload. The bundle holds no data, so its routes are
 * public; they live in their own scope so that marking stays confined to them.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { sendProblem } from './problem.ts';

export async function registerWeb(app: FastifyInstance, webRoot: string): Promise<void> {
  if (!existsSync(webRoot)) {
    throw new Error(`the web app is not built (${webRoot} is missing): run npm run build`);
  }
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), public: true };
    });
    await scope.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
    // In the same scope: reply.sendFile exists only where the static plugin is registered.
    scope.get('/*', { schema: { hide: true }, config: { public: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) {
        return sendProblem(reply, request, 404, 'route.not-found', 'No such resource.');
      }
      return reply.type('text/html').sendFile('index.html');
    });
  });
}
