import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition, type Condition } from './condition.ts';

const a: Condition = { fact: 'a', op: 'is', value: true };
const b: Condition = { fact: 'b', op: 'is', value: true };

test('Kleene logic: all/any/not decide from known facts and stay unknown otherwise', () => {
  assert.equal(evaluateCondition({ all: [a, b] }, { a: false }).status, 'unmet');
  assert.equal(evaluateCondition({ all: [a, b] }, { a: true }).status, 'unknown');
  assert.deepEqual(evaluateCondition({ all: [a, b] }, { a: true }).missingFacts, ['b']);
  assert.equal(evaluateCondition({ all: [a, b] }, { a: true, b: true }).status, 'met');
  assert.equal(evaluateCondition({ any: [a, b] }, { b: true }).status, 'met');
  assert.equal(evaluateCondition({ any: [a, b] }, { a: false }).status, 'unknown');
  assert.equal(evaluateCondition({ any: [a, b] }, { a: false, b: false }).status, 'unmet');
  assert.equal(evaluateCondition({ not: a }, {}).status, 'unknown');
  assert.equal(evaluateCondition({ not: a }, { a: false }).status, 'met');
});

test('leaf operators: code prefixes, counts, thresholds and enum sets', () => {
  const crps: Condition = { fact: 'dx', op: 'has-code-prefix', value: ['G90.5', 'G57.7'] };
  assert.equal(evaluateCondition(crps, { dx: ['M79.7', 'G90.511'] }).status, 'met');
  assert.equal(evaluateCondition(crps, { dx: ['G90.4'] }).status, 'unmet');
  assert.equal(evaluateCondition(crps, { dx: [] }).status, 'unmet');
  const two: Condition = { fact: 'tx', op: 'count-of-at-least', value: ['x', 'y', 'z'], count: 2 };
  assert.equal(evaluateCondition(two, { tx: ['x'] }).status, 'unmet');
  assert.equal(evaluateCondition(two, { tx: ['x', 'z'] }).status, 'met');
  assert.equal(evaluateCondition({ fact: 'n', op: 'at-least', value: 3 }, { n: 3 }).status, 'met');
  assert.equal(
    evaluateCondition({ fact: 'n', op: 'at-least', value: 3 }, { n: 2.9 }).status,
    'unmet',
  );
  assert.equal(
    evaluateCondition({ fact: 'e', op: 'in', value: ['moderate', 'severe'] }, { e: 'severe' })
      .status,
    'met',
  );
});
