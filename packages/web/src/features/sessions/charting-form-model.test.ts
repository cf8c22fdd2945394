/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EMPTY_RATE_CHANGE,
  initialScale,
  rateChangeRequest,
  sedationRequest,
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
