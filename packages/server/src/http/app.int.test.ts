/** The assembled application: health, readiness, OpenAPI, security headers and problem+json 404s. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { buildApp } from './app.ts';

let database: TestDatabase;
let app: FastifyInstance;

before(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
});
after(async () => {
  await app.close();
  await database.drop();
});

test('healthz and readyz answer while the database is reachable', async () => {
  assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
  const ready = await app.inject({ url: '/readyz' });
  assert.equal(ready.statusCode, 200);
  assert.deepEqual(ready.json(), { status: 'ok' });
});

test('responses carry a request id and strict security headers', async () => {
  const response = await app.inject({ url: '/healthz' });
  assert.match(String(response.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  const csp = String(response.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /object-src 'none'/);
  assert.match(
    String(response.headers['strict-transport-security']),
    /max-age=31536000; includeSubDomains/,
  );
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  // Set before the auth hook runs, so a refusal carries them too.
  const refused = await app.inject({ url: '/api/v1/patients' });
  assert.equal(refused.statusCode, 401);
  assert.equal(refused.headers['content-security-policy'], csp, 'the same policy on a 401');
  assert.equal(refused.headers['x-frame-options'], 'DENY');
});

test('the OpenAPI document is served as OpenAPI 3', async () => {
  const response = await app.inject({ url: '/api/v1/openapi.json' });
  assert.equal(response.statusCode, 200);
  assert.match(response.json<{ openapi: string }>().openapi, /^3\./);
});

test('an unknown route is a problem+json 404 with a dotted code', async () => {
  const response = await app.inject({ url: '/api/v1/nothing-here' });
  assert.equal(response.statusCode, 404);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = response.json<{ code: string; requestId: string }>();
  assert.equal(body.code, 'route.not-found');
  assert.equal(body.requestId, response.headers['x-request-id']);
});

test('readyz fails while the database is unreachable', async () => {
  const { connect } = await import('../db/client.ts');
  const unreachable = connect('postgres://nobody@127.0.0.1:1/none');
  const isolated = await buildApp({ database: unreachable });
  try {
    const response = await isolated.inject({ url: '/readyz' });
    assert.equal(response.statusCode, 503);
    assert.deepEqual(response.json(), { status: 'unavailable' });
  } finally {
    await isolated.close();
    await unreachable.close();
  }
});

test('the built web app is served without sign-in, with index.html for client routes', async () => {
  const webRoot = mkdtempSync(join(tmpdir(), 'ketaflow-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Ketaflow</title>');
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'export {};');
  const withWeb = await buildApp({ database, webRoot });
  try {
    const index = await withWeb.inject({ url: '/' });
    assert.equal(index.statusCode, 200);
    assert.match(index.body, /<title>Ketaflow<\/title>/);
    const asset = await withWeb.inject({ url: '/assets/app.js' });
    assert.equal(asset.statusCode, 200);
    const clientRoute = await withWeb.inject({ url: '/patients/some-id' });
    assert.equal(clientRoute.statusCode, 200);
    assert.match(String(clientRoute.headers['content-type']), /^text\/html/);
    const api = await withWeb.inject({ url: '/api/v1/nothing-here' });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json<{ code: string }>().code, 'route.not-found');
  } finally {
    await withWeb.close();
    rmSync(webRoot, { recursive: true, force: true });
  }
});
