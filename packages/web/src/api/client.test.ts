/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { api, buildUrl, onUnauthenticated, setCsrfToken } from './client.ts';
import { ApiError } from './problem.ts';

interface Seen {
  url: string;
  init: RequestInit;
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
  setCsrfToken(null);
  onUnauthenticated(null);
});

/** Replaces fetch with one answering `response`; returns what was sent. */
function answer(status: number, body: unknown, contentType = 'application/json'): Seen[] {
  const seen: Seen[] = [];
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: input instanceof Request ? input.url : input.toString(), init: init ?? {} });
    const text = body === undefined ? '' : JSON.stringify(body);
    return Promise.resolve(
      new Response(status === 204 ? null : text, {
        status,
        headers: { 'content-type': contentType },
      }),
    );
  };
  return seen;
}

const headersOf = (s: Seen | undefined): Record<string, string> =>
  (s?.init.headers ?? {}) as Record<string, string>;

test('state-changing requests carry the CSRF token; reads do not need it', async () => {
  setCsrfToken('tok-123');
  const seen = answer(200, { ok: true });
  await api('/api/v1/patients', {
    method: 'POST',
    body: { a: 1 },
    schema: z.object({ ok: z.boolean() }),
  });
  await api('/api/v1/patients', { schema: z.object({ ok: z.boolean() }) });
  assert.equal(headersOf(seen[0])['x-csrf-token'], 'tok-123');
  assert.equal(headersOf(seen[0])['content-type'], 'application/json');
  assert.equal(seen[0]!.init.credentials, 'same-origin');
  assert.equal(seen[0]!.init.body, '{"a":1}');
  assert.equal(headersOf(seen[1])['x-csrf-token'], undefined);
  for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
    const more = answer(204, undefined);
    await api('/x', { method });
    assert.equal(headersOf(more[0])['x-csrf-token'], 'tok-123', method);
  }
});

test('a problem+json answer becomes an ApiError naming the field', async () => {
  answer(
    400,
    {
      type: 'about:blank#validation.invalid',
      title: 'Bad request',
      status: 400,
      code: 'validation.invalid',
      detail: 'body.dateOfBirth: Must not be in the future.',
      field: 'body.dateOfBirth',
      errors: [
        {
          field: 'body.dateOfBirth',
          code: 'validation.custom',
          message: 'body.dateOfBirth: Must not be in the future.',
        },
      ],
      requestId: 'r-9',
    },
    'application/problem+json',
  );
  await assert.rejects(api('/api/v1/patients', { method: 'POST', body: {} }), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.problem.code, 'validation.invalid');
    assert.equal(error.problem.field, 'body.dateOfBirth');
    assert.equal(error.problem.requestId, 'r-9');
    return true;
  });
});

test('a 401 tells the session (back to sign-in) and still rejects', async () => {
  let told = 0;
  onUnauthenticated(() => {
    told += 1;
  });
  answer(401, {
    type: 'x',
    title: 'Unauthorized',
    status: 401,
    code: 'auth.required',
    detail: 'Sign in first.',
    requestId: 'r',
  });
  await assert.rejects(api('/api/v1/patients'), ApiError);
  assert.equal(told, 1);
  answer(403, {
    type: 'x',
    title: 'Forbidden',
    status: 403,
    code: 'auth.forbidden',
    detail: 'No.',
    requestId: 'r',
  });
  await assert.rejects(api('/api/v1/audit'), ApiError);
  assert.equal(told, 1, 'a 403 is not a sign-out');
});

test('a success body that does not match the contract is refused, not rendered', async () => {
  answer(200, { id: 42 });
  await assert.rejects(
    api('/api/v1/patients/x', { schema: z.object({ id: z.string() }) }),
    (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.problem.code, 'response.unexpected');
      return true;
    },
  );
});

test('a network failure is a readable problem', async () => {
  globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
  await assert.rejects(api('/api/v1/patients'), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.problem.code, 'network.unreachable');
    return true;
  });
});

test('query strings drop empty values and encode the rest', () => {
  assert.equal(
    buildUrl('/api/v1/patients', { name: "O'Brien Nuñez", mrn: '', page: 2, x: undefined }),
    '/api/v1/patients?name=O%27Brien+Nu%C3%B1ez&page=2',
  );
  assert.equal(buildUrl('/api/v1/patients', {}), '/api/v1/patients');
});
