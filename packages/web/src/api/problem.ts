/**
 * Turns any failed API answer into one shape the screens can show: a stable `code`, a `detail`
 * sentence, the `field` the server named and per-field messages. Fields arrive as request paths
 * (`body.dateOfBirth`, `body.address.postalCode`); forms key their inputs by the path without the
 * `body.` prefix (`dateOfBirth`, `address.postalCode`).
 */
import { Problem } from '@ketaflow/contract';

export interface FieldMessage {
  /** Request path as the server sent it, e.g. `body.dateOfBirth`. */
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface ApiProblem {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly field: string | undefined;
  readonly errors: readonly FieldMessage[];
  readonly requestId: string | undefined;
  /**
   * Members beyond RFC 9457 and Ketaflow's standard ones, as the server sent them (e.g. `evidence` of
   * a refused session guard, `calculation` and `weightCheck` of a refused order), so a screen can
   * show each guardrail result with its source. Unparsed: a screen parses what it uses. Absent on
   * problems the app makes itself.
   */
  readonly extra?: Readonly<Record<string, unknown>>;
}

const STANDARD_MEMBERS = new Set([
  'type',
  'title',
  'status',
  'code',
  'detail',
  'field',
  'errors',
  'requestId',
  'instance',
]);

/** The members of a problem body that are not standard ones (empty for anything but an object). */
export function extraMembers(body: unknown): Readonly<Record<string, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([key]) => !STANDARD_MEMBERS.has(key)),
  );
}

/** A failed request; `problem` says why. */
export class ApiError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
}

/**
 * Parses a response body into an ApiProblem. Anything that is not problem+json (a proxy's HTML
 * error page, an empty body) still yields a readable problem with the HTTP status, never a crash.
 */
export function toProblem(status: number, body: unknown): ApiProblem {
  const parsed = Problem.safeParse(body);
  if (parsed.success) {
    const p = parsed.data;
    const errors: FieldMessage[] = p.errors ?? [];
    const withTopField =
      p.field !== undefined && !errors.some((e) => e.field === p.field)
        ? [{ field: p.field, code: p.code, message: p.detail }, ...errors]
        : errors;
    return {
      status: p.status,
      code: p.code,
      detail: p.detail,
      field: p.field,
      errors: withTopField,
      requestId: p.requestId,
      extra: extraMembers(body),
    };
  }
  return {
    status,
    code: status === 0 ? 'network.unreachable' : `http.${status}`,
    detail:
      status === 0
        ? 'The server could not be reached. Check the connection and try again.'
        : `The server answered with status ${status}. Try again; if it persists, tell your administrator.`,
    field: undefined,
    errors: [],
    requestId: undefined,
    extra: {},
  };
}

/** `body.address.postalCode` → `address.postalCode`; query and params paths keep their prefix. */
export function formKey(field: string): string {
  return field.startsWith('body.') ? field.slice('body.'.length) : field;
}

/**
 * Per-input messages keyed by form key. The first message for a field wins (the server lists the
 * most specific first); messages repeat the field path, so the path prefix is dropped for display.
 */
export function fieldMessages(problem: ApiProblem): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of problem.errors) {
    const key = formKey(e.field);
    if (out[key] !== undefined) continue;
    out[key] = e.message.startsWith(`${e.field}: `)
      ? e.message.slice(e.field.length + 2)
      : e.message;
  }
  return out;
}
