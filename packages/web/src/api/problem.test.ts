/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldMessages, formKey, toProblem } from './problem.ts';

// Shape as sent by packages/server/src/http/problem.ts for a zod validation failure.
const validation = {
  type: 'about:blank#validation.invalid',
  title: 'Bad request',
  status: 400,
  code: 'validation.invalid',
  detail: 'body.dateOfBirth: Invalid ISO date',
  field: 'body.dateOfBirth',
  errors: [
    {
      field: 'body.dateOfBirth',
      code: 'validation.invalid_format',
      message: 'body.dateOfBirth: Invalid ISO date',
    },
    {
      field: 'body.address.postalCode',
      code: 'validation.invalid_format',
      message: 'body.address.postalCode: Use 5 digits',
    },
    {
      field: 'body.extra',
      code: 'validation.unrecognized_keys',
      message: 'body.extra is not a known field; remove it.',
    },
  ],
  requestId: 'r-1',
};

test('a validation problem becomes per-input messages keyed without the body prefix', () => {
  const problem = toProblem(400, validation);
  assert.equal(problem.code, 'validation.invalid');
  assert.equal(problem.field, 'body.dateOfBirth');
  assert.deepEqual(fieldMessages(problem), {
    dateOfBirth: 'Invalid ISO date',
    'address.postalCode': 'Use 5 digits',
    extra: 'body.extra is not a known field; remove it.',
  });
});

test('a domain problem with only a top-level field still reaches that input', () => {
  const problem = toProblem(409, {
    type: 'about:blank#patient.version-conflict',
    title: 'Conflict',
    status: 409,
    code: 'patient.version-conflict',
    detail:
      'Another user changed this patient since you opened it; reload and apply your change again.',
    field: 'body.version',
    requestId: 'r-2',
  });
  assert.equal(problem.status, 409);
  assert.deepEqual(Object.keys(fieldMessages(problem)), ['version']);
});

test('a body that is not problem+json still yields a readable problem with the status', () => {
  const html = toProblem(502, '<html>Bad gateway</html>');
  assert.equal(html.code, 'http.502');
  assert.match(html.detail, /502/);
  assert.deepEqual(html.errors, []);
  const offline = toProblem(0, undefined);
  assert.equal(offline.code, 'network.unreachable');
});

test('form keys drop only the body prefix', () => {
  assert.equal(formKey('body.legalFamilyName'), 'legalFamilyName');
  assert.equal(formKey('query.dateOfBirth'), 'query.dateOfBirth');
});

test('members beyond the standard ones are kept for the screen (a refused guard with its evidence)', () => {
  const evidence = {
    findings: [{ code: 'rate.above-hard-limit', severity: 'blocked', message: 'Above the limit.' }],
    limitsApplied: [
      { name: 'max rate', source: { id: 'crps-outpatient-schwartzman', version: '1.0.0' } },
    ],
  };
  const problem = toProblem(422, {
    type: 'about:blank#rate-change.blocked',
    title: 'Unprocessable content',
    status: 422,
    code: 'rate-change.blocked',
    detail: 'Above the limit.',
    field: 'body.newRate.value',
    requestId: 'r-9',
    evidence,
  });
  assert.deepEqual(problem.extra, { evidence }, 'only the non-standard member is kept, unchanged');
  assert.equal(problem.code, 'rate-change.blocked');
});

test('a standard problem has no extra members, and a non-problem body none either', () => {
  assert.deepEqual(toProblem(400, validation).extra, {}, 'validation problem');
  assert.deepEqual(toProblem(502, '<html>').extra, {}, 'proxy page');
});
