/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChartEntryRequest } from '@ketaflow/contract';
import { toProblem } from '../../api/problem.ts';
import {
  disagreement,
  EMPTY_DOUBLE_CHECK,
  EMPTY_RATE_CHANGE,
  initialScale,
  isUntouched,
  rateChangeRequest,
  resumesInForm,
  sedationRequest,
  sentFields,
  type RateChangeFields,
} from './charting-form-model.ts';

const stamp = {
  id: '00000000-0000-4000-8000-000000000001',
  occurredAt: '2026-11-25T18:30:00.000Z',
};

test('the rate unit starts (and is reset to) unchosen, and nothing is sent without one', () => {
  assert.equal(EMPTY_RATE_CHANGE.unit, '', 'not mL/h by default');
  assert.equal(
    rateChangeRequest({ ...EMPTY_RATE_CHANGE, value: '20', reason: 'Pain' }, stamp),
    null,
  );
  assert.deepEqual(
    rateChangeRequest({ ...EMPTY_RATE_CHANGE, value: '20', unit: 'mg/h', reason: 'Pain' }, stamp),
    { ...stamp, kind: 'rate-change', newRate: { value: 20, unit: 'mg/h' }, reason: 'Pain' },
    'the unit as chosen',
  );
});

test('the sedation scale is the protocol’s when it names one, otherwise unchosen', () => {
  assert.equal(initialScale(null), '');
  assert.equal(initialScale('moaas'), 'moaas');
});

test('a sedation score is charted only with its chosen scale', () => {
  assert.equal(sedationRequest('', '-2', stamp), null, 'no scale guessed');
  assert.equal(sedationRequest('rass', ' ', stamp), null, 'no score typed');
  assert.deepEqual(sedationRequest('rass', '-2', stamp), {
    ...stamp,
    kind: 'sedation',
    scale: 'rass',
    score: -2,
  });
});

const increase: RateChangeFields = {
  ...EMPTY_RATE_CHANGE,
  value: '22',
  unit: 'mg/h',
  reason: 'Pain',
  override: 'Severe breakthrough pain',
};
const checked: RateChangeFields = {
  ...increase,
  check: {
    checker: { email: 'second@example.test', password: 'secret', totp: '' },
    value: '22',
    unit: 'mL/h',
    concentration: '1',
  },
};

test('the second clinician’s blind entry goes along only when its fields are shown, as typed', () => {
  assert.equal(
    (rateChangeRequest(checked, stamp) as { doubleCheck?: unknown }).doubleCheck,
    undefined,
    'hidden fields send nothing',
  );
  assert.deepEqual(rateChangeRequest(checked, stamp, true), {
    ...stamp,
    kind: 'rate-change',
    newRate: { value: 22, unit: 'mg/h' },
    reason: 'Pain',
    overrideReason: 'Severe breakthrough pain',
    doubleCheck: {
      checker: { email: 'second@example.test', password: 'secret' },
      rate: { value: 22, unit: 'mL/h' },
      concentrationMgPerMl: 1,
    },
  });
  assert.equal(
    rateChangeRequest({ ...checked, check: { ...checked.check, unit: '' } }, stamp, true),
    null,
    'the checker chooses the unit too',
  );
  const typo = rateChangeRequest(
    { ...checked, check: { ...checked.check, concentration: '1e1' } },
    stamp,
    true,
  ) as { doubleCheck: { concentrationMgPerMl: number } };
  assert.ok(Number.isNaN(typo.doubleCheck.concentrationMgPerMl), 'never read as 10');
});

test('a sent change keeps nothing of the second clinician, so a resend starts blind and without secrets', () => {
  const kept = sentFields(checked);
  assert.deepEqual(kept.check, EMPTY_DOUBLE_CHECK);
  assert.equal(kept.value, '22', 'the nurse’s own entry is kept for the resend');
  assert.deepEqual(EMPTY_DOUBLE_CHECK.checker, { email: '', password: '', totp: '' });
  assert.equal(EMPTY_DOUBLE_CHECK.value, '', 'never the first entry’s rate');
  assert.equal(EMPTY_DOUBLE_CHECK.concentration, '');
});

test('only double-check refusals of a rate change come back to the form', () => {
  const request = rateChangeRequest(increase, stamp) as ChartEntryRequest;
  const refusal = (code: string, field: string) =>
    toProblem(409, {
      type: 'about:blank',
      title: 'x',
      status: 409,
      code,
      detail: 'x',
      field,
      requestId: 'r',
    });
  assert.ok(
    resumesInForm(request, refusal('rate-change.double-check-required', 'body.doubleCheck')),
  );
  assert.ok(
    resumesInForm(request, refusal('rate-change.self-witness', 'body.doubleCheck.checker')),
  );
  assert.ok(
    resumesInForm(
      request,
      refusal('rate-change.double-check.disagreement', 'body.doubleCheck.rate.value'),
    ),
  );
  assert.equal(
    resumesInForm(request, refusal('rate-change.blocked', 'body.newRate.value')),
    false,
    'a guardrail refusal stays in the banner with its evidence',
  );
  const note: ChartEntryRequest = { ...stamp, kind: 'note', text: 'x' };
  assert.equal(
    resumesInForm(note, refusal('rate-change.double-check-required', 'body.doubleCheck')),
    false,
  );
});

test('a refused change refills the form only while nothing new was typed', () => {
  assert.ok(isUntouched(EMPTY_RATE_CHANGE));
  assert.equal(isUntouched({ ...EMPTY_RATE_CHANGE, reason: 'x' }), false);
  assert.equal(
    isUntouched({ ...EMPTY_RATE_CHANGE, check: { ...EMPTY_DOUBLE_CHECK, value: '3' } }),
    false,
  );
});

test('a disagreement shows both entries and the policy; other refusals show none', () => {
  const entry = (rate: number) => ({
    userId: 'u',
    concentrationMgPerMl: 1,
    rateMlPerH: rate,
    doseRateMgPerH: rate,
  });
  const body = {
    type: 'about:blank',
    title: 'x',
    status: 422,
    code: 'rate-change.double-check.disagreement',
    detail: 'The two entries disagree',
    field: 'body.doubleCheck.rate.value',
    requestId: 'r',
    evidence: { policy: 'independent-double-check@0.1.0', first: entry(22), second: entry(24) },
  };
  assert.deepEqual(disagreement(toProblem(422, body)), {
    first: { concentrationMgPerMl: 1, rateMlPerH: 22, doseRateMgPerH: 22 },
    second: { concentrationMgPerMl: 1, rateMlPerH: 24, doseRateMgPerH: 24 },
    policy: 'independent-double-check@0.1.0',
  });
  assert.equal(disagreement(toProblem(409, { ...body, evidence: undefined })), null);
  assert.equal(
    disagreement(toProblem(422, { ...body, evidence: { policy: 'p', first: entry(1) } })),
    null,
  );
});
