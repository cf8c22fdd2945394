/**
 * Serves the built web app (packages/web/dist) in production: static assets, and index.html for any
 * other non-API GET so client-side routes survive a reload.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { sendProblem } from './problem.ts';

export async function registerWeb(app: FastifyInstance, webRoot: string): Promise<void> {
  if (!existsSync(webRoot)) {
    throw new Error(`the web app is not built (${webRoot} is missing): run npm run build`);
  }
  await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
  app.get('/*', { schema: { hide: true }, config: { public: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return sendProblem(reply, request, 404, 'route.not-found', 'No such resource.');
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
