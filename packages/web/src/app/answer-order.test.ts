/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerOrder } from './answer-order.ts';

test('an answer older than the one shown is dropped; answers in order are all shown', () => {
  const order = answerOrder();
  const first = order.issue();
  const second = order.issue();
  assert.equal(order.accept(second), true);
  assert.equal(order.accept(first), false, 'the slow first read arrives after the second');
  const third = order.issue();
  assert.equal(order.accept(third), true);
});

test("after a step's own answer, reads already in flight are dropped and the next one is shown", () => {
  const order = answerOrder();
  const inFlight = order.issue();
  order.supersede();
  const next = order.issue();
  assert.equal(order.accept(inFlight), false, 'read before the step: it would undo the step');
  assert.equal(order.accept(next), true);
});
