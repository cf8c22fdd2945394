/**
 * The auth hook's same-origin rule for state-changing requests, without a database: Origin must match
 * Host or a configured public origin (a proxy in front may rewrite Host); Sec-Fetch-Site cross-site
 * or same-site is refused; requests without either header (non-browser clients) pass to the CSRF
 * token check.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerProblemHandler } from '../http/problem.ts';
import { registerAuth } from './hook.ts';

let app: FastifyInstance;
before(async () => {
  app = Fastify();
  app.decorateRequest('actor', null);
  await app.register(cookie);
  registerProblemHandler(app);
  registerAuth(app, { publicOrigins: ['https://ketaflow.clinic.example'] });
  app.post('/public', { config: { public: true } }, () => ({ ok: true }));
  await app.ready();
});
after(() => app.close());

const post = (headers: Record<string, string>) =>
  app.inject({ method: 'POST', url: '/public', headers: { host: '127.0.0.1:3000', ...headers } });

test('an Origin naming the Host or a configured public origin passes', async () => {
  assert.equal((await post({ origin: 'http://127.0.0.1:3000' })).statusCode, 200);
  assert.equal((await post({ origin: 'https://ketaflow.clinic.example' })).statusCode, 200);
  assert.equal((await post({})).statusCode, 200, 'no Origin: the CSRF token decides');
});

test('any other Origin, or a cross-site fetch, is refused with 403 auth.cross-site', async () => {
  for (const headers of [
    { origin: 'https://evil.example' },
    { origin: 'http://ketaflow.clinic.example' },
    { origin: 'https://ketaflow.clinic.example.evil.example' },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site' },
  ]) {
    const response = await post(headers);
    assert.equal(response.statusCode, 403, JSON.stringify(headers));
    assert.equal(response.json<{ code: string }>().code, 'auth.cross-site');
  }
});
