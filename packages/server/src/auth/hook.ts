/**
 * The auth hook: resolves the session cookie to `request.actor` before anything else runs.
 * - State-changing methods from another site are refused (Origin / Sec-Fetch-Site), signed in or not.
 * - Non-public routes need a live session (not ended, idle < 30 min, younger than 12 h, user enabled):
 *   401 otherwise.
 * - State-changing requests of a session carry its synchroniser token in X-CSRF-Token: 403 otherwise.
 * - `sessionOnly` routes stop there; every other route also needs the steps of next-step.ts done
 *   (second factor, password replaced, an active clinic membership): 403 naming the missing step.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, unauthenticated } from '../http/errors.ts';
import { systemClock } from './clock.ts';
import { realFailureDelay } from './failure-delay.ts';
import { UnstoredFailures } from './unstored-failures.ts';
import { nextStep, STEP_REFUSALS } from './next-step.ts';
import { LAST_SEEN_WRITE_INTERVAL_MS } from './policy.ts';
import { endSession, touchSession, type ResolvedSession } from './repository.ts';
import { lookUpSession } from './session-lookups.ts';
import { sessionState } from './session-state.ts';
import { hashToken, sameToken, SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from './session-token.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session (set by the auth hook on every non-public route); null otherwise. */
    authSession: ResolvedSession | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const crossSite = (): DomainError =>
  new DomainError('auth.cross-site', 403, 'Requests from another site are refused.');

/**
 * Refuses a state-changing request that a browser marks as coming from another site or origin. The
 * Origin must name this server's Host, or one of `publicOrigins` (the address users type when a
 * proxy in front rewrites Host, e.g. https://ketaflow.clinic.example).
 */
function checkSameOrigin(request: FastifyRequest, publicOrigins: ReadonlySet<string>): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw crossSite();
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw crossSite();
  }
  if (parsed.host !== request.headers.host && !publicOrigins.has(parsed.origin)) throw crossSite();
}

const sessionEnded = (): DomainError =>
  new DomainError('auth.required', 401, 'Your session has ended; sign in again.');

async function resolveSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  const token = request.cookies[SESSION_COOKIE];
  if (token === undefined || token === '') throw unauthenticated();
  const db = app.database.db;
  const session = await lookUpSession(db, hashToken(token));
  // A dead session's cookie is cleared so the browser stops sending it.
  const ended = (): DomainError => {
    void reply.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS);
    return sessionEnded();
  };
  if (session === null) throw ended();
  const now = app.clock.now();
  const state = sessionState(session, now);
  if (state !== 'active') {
    if (state !== 'ended') await endSession(db, session.tokenHash, state, now);
    throw ended();
  }
  if (session.userDisabled) {
    await endSession(db, session.tokenHash, 'user-disabled', now);
    throw ended();
  }
  if (STATE_CHANGING.has(request.method)) {
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) {
      throw new DomainError(
        'auth.csrf',
        403,
        'The request lacks the X-CSRF-Token header of this session; reload the page.',
      );
    }
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_WRITE_INTERVAL_MS) {
    await touchSession(db, session.tokenHash, now);
  }
  return session;
}

export interface AuthOptions {
  /** Origins (scheme://host[:port]) users reach Ketaflow at, when a proxy in front rewrites Host. */
  readonly publicOrigins?: readonly string[];
}

export function registerAuth(app: FastifyInstance, options: AuthOptions = {}): void {
  const publicOrigins = new Set((options.publicOrigins ?? []).map((o) => new URL(o).origin));
  app.decorate('clock', systemClock());
  app.decorate('failureDelay', realFailureDelay());
  app.decorate('unstoredFailures', new UnstoredFailures());
  app.decorateRequest('authSession', null);
  app.addHook('onRequest', async (request, reply) => {
    if (STATE_CHANGING.has(request.method)) checkSameOrigin(request, publicOrigins);
    const config = request.routeOptions.config;
    const url = request.routeOptions.url ?? '';
    // Unknown routes answer 404 to everyone; the API documentation holds no data.
    if (request.is404 || config.public === true || url.startsWith('/api/v1/docs')) return;
    const session = await resolveSession(app, request, reply);
    request.authSession = session;
    if (config.sessionOnly === true) return;
    const step = nextStep(session);
    if (step !== 'ready' || session.activeRole === null || session.activeClinicId === null) {
      const refusal = STEP_REFUSALS[step === 'ready' ? 'clinic-select' : step];
      throw new DomainError(refusal.code, 403, refusal.detail);
    }
    request.actor = {
      userId: session.userId,
      role: session.activeRole,
      clinicId: session.activeClinicId,
      patientId: session.activePatientId,
    };
  });
}
