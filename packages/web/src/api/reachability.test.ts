/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from './client.ts';
import { ApiError } from './problem.ts';
import {
  afterOutcome,
  currentReachability,
  DETECT_WITHIN_MS,
  PROBE_EVERY_MS,
  PROBE_TIMEOUT_MS,
  probeServer,
  REACHABLE,
  reportOutcome,
  subscribeReachability,
  type Reachability,
} from './reachability.ts';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
  reportOutcome('ok');
});

const answering =
  (status: number): typeof fetch =>
  () =>
    Promise.resolve(new Response(status === 204 ? null : '{}', { status }));

test('an outage is seen within the 5 s T-61 allows: one probe interval plus one probe timeout', () => {
  // The loop waits PROBE_EVERY_MS after each answer, so an outage that begins just after an answer
  // is seen when the next probe fails, at the latest when it times out.
  assert.ok(PROBE_EVERY_MS + PROBE_TIMEOUT_MS <= DETECT_WITHIN_MS);
});

test('the first failed outcome makes the server unreachable from that moment; any answer clears it', () => {
  const down = afterOutcome(REACHABLE, 'network', 1_000);
  assert.deepEqual(down, { status: 'unreachable', outage: 'network', sinceMs: 1_000 });
  const still = afterOutcome(down, 'network', 3_000);
  assert.equal(still, down, 'a repeated failure keeps the time the outage began');
  const database = afterOutcome(down, 'database', 5_000);
  assert.deepEqual(database, { status: 'unreachable', outage: 'database', sinceMs: 1_000 });
  assert.equal(afterOutcome(database, 'ok', 7_000), REACHABLE);
});

test('a probe tells a reachable server, a server without its database and no server apart', async () => {
  assert.equal(await probeServer(answering(200)), 'ok');
  assert.equal(await probeServer(answering(503)), 'database');
  assert.equal(await probeServer(answering(502)), 'network', 'a proxy answering for a dead server');
  assert.equal(await probeServer(() => Promise.reject(new TypeError('refused'))), 'network');
});

test('a probe the server never answers counts as unreachable once it times out', async () => {
  const hung: typeof fetch = (_input, init) =>
    new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => {
        reject(new DOMException('timed out', 'TimeoutError'));
      });
    });
  assert.equal(await probeServer(hung, 20), 'network');
});

test("the app's own requests report the network failing and any answer below 500", async () => {
  const seen: Reachability[] = [];
  const unsubscribe = subscribeReachability((s) => seen.push(s));
  try {
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await assert.rejects(api('/api/v1/session'), ApiError);
    assert.equal(currentReachability().status, 'unreachable');

    globalThis.fetch = answering(500);
    await assert.rejects(api('/api/v1/session'), ApiError);
    assert.equal(currentReachability().status, 'unreachable', 'a 5xx leaves it to the probe');

    globalThis.fetch = answering(404);
    await assert.rejects(api('/api/v1/session'), ApiError);
    assert.equal(currentReachability(), REACHABLE);
    assert.deepEqual(
      seen.map((s) => s.status),
      ['unreachable', 'reachable'],
    );
  } finally {
    unsubscribe();
  }
});
