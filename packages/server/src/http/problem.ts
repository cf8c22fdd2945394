/**
 * The one mapping from failures to HTTP: RFC 9457 application/problem+json with a stable dotted
 * `code`, a `detail` sentence, the offending `field`, and the request id. Unknown errors become a bare
 * 500 logged without PHI (only the error class and stack of our own code, never bodies or queries).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { appendAuditEvents } from '../audit/append.ts';
import { auditContextOf } from './context.ts';
import { DomainError } from './errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  errors?: { field: string; code: string; message: string }[];
  requestId: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  field?: string,
  errors?: Problem['errors'],
): FastifyReply {
  const body: Problem = {
    type: `about:blank#${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(field === undefined ? {} : { field }),
    ...(errors === undefined ? {} : { errors }),
    requestId: request.id,
  };
  return reply.status(status).type('application/problem+json').send(body);
}

interface ZodIssueLike {
  code?: string;
  keys?: string[];
  expected?: string;
}

/** `body.address.postalCode` from a schema validation error. */
function validationField(
  context: string,
  instancePath: string,
  issue: ZodIssueLike | undefined,
): string {
  const path = instancePath.split('/').filter((p) => p !== '');
  if (issue?.code === 'unrecognized_keys' && issue.keys?.[0] !== undefined)
    path.push(issue.keys[0]);
  return [context, ...path].join('.');
}

function validationMessage(
  field: string,
  message: string,
  issue: ZodIssueLike | undefined,
): string {
  if (issue?.code === 'unrecognized_keys') return `${field} is not a known field; remove it.`;
  // The web app sends null for a typed number it could not read as a plain decimal (T-31): say so.
  if (
    issue?.code === 'invalid_type' &&
    issue.expected === 'number' &&
    /received null$/.test(message)
  )
    return `${field} is not a plain number: use the digits 0–9 with at most one decimal point and a leading zero, e.g. 0.5 (no exponent, spaces or thousands separators).`;
  return `${field}: ${message}`;
}

export function registerProblemHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, 404, 'route.not-found', 'No such resource.'),
  );
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      if (error.status === 403 && request.actor !== null) {
        // Failed authorisation attempts are audited (ASVS 16.3.2), in their own transaction.
        await request.server.database.db
          .transaction((tx) =>
            appendAuditEvents(tx, auditContextOf(request), [
              {
                action: 'access.denied',
                resourceType: 'route',
                resourceId: request.routeOptions.url ?? null,
                outcome: 'denied',
                detail: { code: error.code, method: request.method, ...(error.extra ?? {}) },
              },
            ]),
          )
          .catch((auditError: unknown) => {
            request.log.error({ err: auditError }, 'could not audit a denied request');
          });
      }
      return sendProblem(reply, request, error.status, error.code, error.message, error.field);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext ?? 'body';
      const errors = error.validation.map((v) => {
        // The zod provider puts the issue's own fields (e.g. `keys`) in params and its code in keyword.
        const issue: ZodIssueLike = {
          code: v.keyword,
          ...(v.params as Omit<ZodIssueLike, 'code'>),
        };
        const field = validationField(context, v.instancePath, issue);
        return {
          field,
          code: `validation.${v.keyword}`,
          message: validationMessage(field, v.message ?? 'invalid', issue),
        };
      });
      const first = errors[0];
      return sendProblem(
        reply,
        request,
        400,
        'validation.invalid',
        first?.message ?? 'The request is not valid.',
        first?.field,
        errors,
      );
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return sendProblem(
        reply,
        request,
        429,
        'rate.limited',
        'Too many requests; wait and try again.',
      );
    }
    if (status >= 400 && status < 500) {
      const code =
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'request.unsupported-media-type'
          : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? 'request.too-large'
            : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
                error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
              ? 'request.malformed'
              : status === 400
                ? 'request.malformed-json'
                : 'request.invalid';
      return sendProblem(reply, request, status, code, error.message);
    }
    if (
      (error as { code?: string }).code === 'ECONNREFUSED' ||
      /connect|terminat/i.test(error.message)
    ) {
      request.log.error({ errClass: error.name }, 'database unavailable');
      return sendProblem(
        reply,
        request,
        503,
        'service.unavailable',
        'The database is unavailable; try again shortly.',
      );
    }
    // Only the stack frames: the message (and a driver error's `params:` line) may quote patient data.
    const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
    request.log.error(
      {
        errClass: error.name,
        errCode: (error as { code?: unknown }).code,
        stack: frames.join('\n'),
      },
      'unexpected error',
    );
    return sendProblem(
      reply,
      request,
      500,
      'internal',
      `Something went wrong (request ${request.id}).`,
    );
  });
}
