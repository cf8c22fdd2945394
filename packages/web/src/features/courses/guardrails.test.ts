/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toProblem } from '../../api/problem.ts';
import { guardrailsOf } from './guardrails.ts';

const source = { id: 'crps-outpatient-schwartzman', version: '1.0.0' };
const limit = {
  name: 'maximum rate',
  limit: 0.35,
  actual: 0.5,
  unit: 'mg/kg/h',
  outcome: 'blocked',
  source,
};
const finding = {
  code: 'dose.above-hard-limit',
  severity: 'blocked',
  message: 'Above 0.35 mg/kg/h.',
};
const problem = (extra: Record<string, unknown>) =>
  toProblem(422, {
    type: 'about:blank#x',
    title: 'Unprocessable content',
    status: 422,
    code: 'x',
    detail: 'Refused.',
    requestId: 'r',
    ...extra,
  });

test('a refused rate change shows its evidence: findings and each limit with its source', () => {
  const g = guardrailsOf(problem({ evidence: { findings: [finding], limitsApplied: [limit] } }));
  assert.deepEqual(g?.limitsApplied, [limit], 'the limit with its knowledge source');
  assert.deepEqual(g.findings, [finding], 'the finding');
});

test('a refused order shows the limits of its calculation', () => {
  const calculation = {
    status: 'blocked',
    blocked: true,
    needsOverrideReason: false,
    overrideReason: null,
    findings: [finding],
    limitsApplied: [limit],
    knowledge: [source],
    formula: ['0.5 mg/kg/h × 70 kg = 35 mg/h'],
  };
  const g = guardrailsOf(problem({ calculation, weightCheck: null }));
  assert.equal(g?.limitsApplied[0]?.source.id, source.id, 'source from the calculation');
});

test('a refusal without guardrail members (or a malformed one) shows none', () => {
  assert.equal(guardrailsOf(problem({})), null, 'no members');
  assert.equal(guardrailsOf(problem({ evidence: { findings: 'x' } })), null, 'malformed evidence');
  assert.equal(guardrailsOf(problem({ calculation: null })), null, 'null calculation');
});
