/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultVitalPlausibility } from '@ketaflow/core';
import { rangeText, SCORE_LABELS } from './score-labels.ts';

test("each score's label states the range the server checks, from core's plausibility knowledge", () => {
  const { rass, moaas, painNrs } = defaultVitalPlausibility.ranges;
  assert.deepEqual(
    [rass.min, rass.max, moaas.min, moaas.max, painNrs.min, painNrs.max],
    [-5, 4, 0, 5, 0, 10],
  );
  assert.equal(SCORE_LABELS.rass, 'RASS (−5 to +4)');
  assert.equal(SCORE_LABELS.moaas, 'MOAA/S (0 to 5)');
  assert.equal(SCORE_LABELS.painNrs, 'Pain NRS (0–10)');
});

test('a range is signed only when it spans zero, with a true minus sign', () => {
  assert.equal(rangeText({ min: -2, max: 3 }, ' to '), '−2 to +3');
  assert.equal(rangeText({ min: 1, max: 7 }, '–'), '1–7');
  assert.equal(rangeText({ min: -4, max: 0 }, ' to '), '−4 to 0');
});
