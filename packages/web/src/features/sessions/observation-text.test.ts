/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alarmText, sourceOf, storedNumber, withUnit } from './observation-text.ts';

test('an alarm reads as a label with units, not a raw key', () => {
  assert.equal(
    alarmText({ field: 'respiratoryRatePerMin', value: 8, comparison: 'below', threshold: 10 }),
    'Respiratory rate 8 /min, below 10 /min',
  );
  assert.equal(
    alarmText({ field: 'systolicBpMmHg', value: 186, comparison: 'at-or-above', threshold: 180 }),
    'Systolic BP 186 mmHg, at or above 180 mmHg',
  );
  assert.equal(
    alarmText({ field: 'futureField', value: 1, comparison: 'odd', threshold: 2 }),
    'futureField 1, odd 2',
    'an unknown field is shown as stored, not hidden',
  );
});

test('numbers in ISMP display form with their unit; scores without one', () => {
  assert.equal(withUnit('spo2Percent', 97), '97 %');
  assert.equal(withUnit('rass', -2), '-2');
  assert.equal(storedNumber(0.5), '0.5');
  assert.equal(storedNumber(1000), '1,000');
  assert.equal(storedNumber('x'), 'x');
});

test('the rule source is named when the stored alarm carries it', () => {
  assert.equal(sourceOf({ source: { id: 'crps', version: '1.0.0' } }), ', crps@1.0.0');
  assert.equal(sourceOf({}), '');
});
