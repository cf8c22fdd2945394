/**
 * Assembles the Fastify application: security headers, cookies, request ids, zod validation,
 * OpenAPI, the problem+json error mapping, health checks and every feature's routes under /api/v1.
 * Listening, the database and the CLI live elsewhere (serve.ts): this builds, it does not start.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client.ts';
import { registerAuth } from '../auth/hook.ts';
import { healthRoutes } from './health.ts';
import { registerProblemHandler } from './problem.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { REFRESH_MS } from '../board/routes.ts';
import { apiRoutes } from './routes.ts';
import { registerWeb } from './web.ts';

export interface AppOptions {
  readonly database: Database;
  readonly logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app to serve (production); omitted in tests and development. */
  readonly webRoot?: string;
  /** Addresses users type when a proxy in front rewrites Host (KETAFLOW_PUBLIC_ORIGINS). */
  readonly publicOrigins?: readonly string[];
}

/** JSON logs without PHI: the route pattern, never the URL (queries may hold names) or bodies. */
export const logSerializers = {
  req: (req: { method: string; id: string; routeOptions?: { url?: string | undefined } }) => ({
    id: req.id,
    method: req.method,
    route: req.routeOptions?.url,
  }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
    bodyLimit: 1_048_576,
    // An open server-sent-events stream would otherwise keep close() waiting forever (stack.md).
    forceCloseConnections: true,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', options.database);
  app.decorateRequest('actor', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('cache-control', 'no-store');
  });

  registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ketaflow API',
        version: '1',
        description: 'Clinic system for ketamine-infusion therapy of chronic pain.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', staticCSP: true });
  registerProblemHandler(app);
  registerAuth(app, { publicOrigins: options.publicOrigins ?? [] });

  app.decorate('boardRefreshMs', REFRESH_MS);
  await app.register(healthRoutes);
  await app.register(apiRoutes, { prefix: '/api/v1' });
  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { public: true } }, () =>
    app.swagger(),
  );
  if (options.webRoot !== undefined) await registerWeb(app, options.webRoot);
  await app.ready();
  return app;
}
