/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outcomeUnknown } from './transition-outcome.ts';

const problem = (status: number, code: string) => ({
  status,
  code,
  detail: '',
  field: undefined,
  errors: [],
  requestId: undefined,
});

test('a lost or unreadable answer leaves the outcome unknown; a refusal was not recorded', () => {
  assert.ok(outcomeUnknown(problem(0, 'network.unreachable')), 'no connection');
  assert.ok(outcomeUnknown(problem(502, 'http.502')), 'gateway');
  assert.ok(outcomeUnknown(problem(200, 'response.unexpected')), 'stored, answer unreadable');
  assert.equal(outcomeUnknown(problem(409, 'session.illegal-transition')), false);
  assert.equal(outcomeUnknown(problem(403, 'auth.forbidden')), false);
});
