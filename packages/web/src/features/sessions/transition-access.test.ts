/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayDoubleCheck, mayRecord } from './transition-access.ts';
import { outcomeUnknown } from './transition-outcome.ts';

test('a coordinator is offered check-in and cancel only, never a clinical step', () => {
  for (const event of ['check-in', 'cancel']) assert.ok(mayRecord('coordinator', event), event);
  for (const event of [
    'complete-prechecks',
    'start',
    'pause',
    'resume',
    'stop',
    'begin-recovery',
    'discharge',
    'transfer',
  ]) {
    assert.equal(mayRecord('coordinator', event), false, event);
    assert.ok(mayRecord('nurse', event), `nurse: ${event}`);
    assert.ok(mayRecord('prescriber', event), `prescriber: ${event}`);
  }
  assert.equal(mayDoubleCheck('coordinator'), false);
  assert.ok(mayDoubleCheck('nurse'));
  assert.equal(mayRecord('researcher', 'check-in'), false);
  assert.equal(mayRecord('nurse', 'teleport'), false, 'unknown event');
});

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
