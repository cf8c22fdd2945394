/**
 * The one way the web app talks to the server: same-origin fetch with cookies, JSON in and out, the
 * CSRF synchroniser token on every state-changing request, problem+json turned into ApiError, and
 * a 401 handed to the session (which goes back to sign-in). Responses are parsed with the contract's
 * zod schemas, so a screen never renders a shape the server did not promise. Whether the server
 * answered at all goes to reachability.ts (the unreachable banner).
 */
import type { z } from 'zod';
import { ApiError, toProblem } from './problem.ts';
import { reportOutcome } from './reachability.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions<S extends z.ZodType> {
  readonly method?: Method;
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** Schema of the success body; omit for 204 answers. */
  readonly schema?: S;
  readonly signal?: AbortSignal;
}

interface ClientState {
  csrfToken: string | null;
  onUnauthenticated: (() => void) | null;
}

const state: ClientState = { csrfToken: null, onUnauthenticated: null };

/** Set after sign-in (and after every session read); cleared on sign-out. */
export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

/** Called when the server answers 401 to a signed-in request. */
export function onUnauthenticated(handler: (() => void) | null): void {
  state.onUnauthenticated = handler;
}

/** `/api/v1/patients` + `{q: 'ab', page: 2}` → `/api/v1/patients?q=ab&page=2` (empty values dropped). */
export function buildUrl(
  path: string,
  query?: Readonly<Record<string, string | number | undefined>>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

export function isStateChanging(method: Method): boolean {
  return method !== 'GET';
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Sends one request. Resolves with the parsed body; rejects with ApiError carrying the problem.
 * @param path absolute API path, e.g. `/api/v1/patients`
 */
export async function api<S extends z.ZodType = z.ZodUndefined>(
  path: string,
  options: RequestOptions<S> = {},
): Promise<z.infer<S>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (isStateChanging(method) && state.csrfToken !== null) {
    headers['x-csrf-token'] = state.csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    reportOutcome('network');
    throw new ApiError(toProblem(0, undefined));
  }
  // A 5xx may mean the database is down: only the probe of /readyz tells, so it is not counted here.
  if (response.status < 500) reportOutcome('ok');
  const body = await readBody(response);
  if (!response.ok) {
    const problem = toProblem(response.status, body);
    if (response.status === 401) state.onUnauthenticated?.();
    throw new ApiError(problem);
  }
  if (options.schema === undefined) return undefined as z.infer<S>;
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      code: 'response.unexpected',
      detail:
        'The server sent an answer this version of the app does not understand. Reload the page.',
      field: undefined,
      errors: [],
      requestId: response.headers.get('x-request-id') ?? undefined,
      extra: {},
    });
  }
  return parsed.data;
}
