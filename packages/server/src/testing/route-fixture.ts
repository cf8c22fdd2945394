/**
 * The shape of an authorization-matrix request fixture (see route-requests.ts). Its own module so
 * feature fixture files and the registry can both import it without an import cycle.
 */
import type { FastifyInstance } from 'fastify';
import type { SignedIn } from './harness.ts';

export interface FixtureContext {
  readonly app: FastifyInstance;
  /** The clinic whose objects the request targets. */
  readonly clinicId: string;
  /** A signed-in admin of that clinic, to create objects through the API. */
  readonly admin: SignedIn;
  /** The caller; null when anonymous. */
  readonly caller: SignedIn | null;
}

export interface RouteRequest {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface RouteFixture {
  readonly build?: (fx: FixtureContext) => Promise<RouteRequest>;
  /** The call ends or re-keys the caller's session: a fresh caller is signed in for it. */
  readonly freshCaller?: boolean;
  /** Also run it with another clinic's objects (routes with path parameters always are). */
  readonly crossClinic?: boolean;
}
