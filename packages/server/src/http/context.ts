/**
 * What every request carries: the database, the authenticated actor (set by the auth hook, null when
 * anonymous), and the audit context built from both. Routes hand `serviceContext(request)` to one
 * service call.
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.ts';
import { Scope } from '../access/scope.ts';
import type { AuditContext } from '../audit/append.ts';
import type { Database, Db } from '../db/client.ts';
import { unauthenticated } from './errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (health checks, sign-in, OpenAPI, public pages). */
    public?: boolean;
    /**
     * Needs a live session but not yet full access: MFA verify/enrol, password change, clinic switch,
     * session info, logout (auth/hook.ts).
     */
    sessionOnly?: boolean;
  }
  interface FastifyRequest {
    /** Set by the auth hook for a signed-in user with an active clinic; null otherwise. */
    actor: Actor | null;
  }
}

export interface ServiceContext {
  readonly db: Db;
  readonly scope: Scope;
  readonly audit: AuditContext;
}

export function auditContextOf(request: FastifyRequest): AuditContext {
  return {
    userId: request.actor?.userId ?? null,
    role: request.actor?.role ?? null,
    clinicId: request.actor?.clinicId ?? null,
    sourceIp: request.ip,
    requestId: request.id,
  };
}

/** The context for a service call by a signed-in user; 401 when anonymous. */
export function serviceContext(request: FastifyRequest): ServiceContext {
  const actor = request.actor;
  if (actor === null) throw unauthenticated();
  return {
    db: request.server.database.db,
    scope: new Scope(actor),
    audit: auditContextOf(request),
  };
}
