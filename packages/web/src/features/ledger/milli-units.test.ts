/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { microToMilliText, milliToMicro } from './milli-units.ts';

test('decimal milli-units become exact micro-units', () => {
  assert.equal(milliToMicro('12.5'), 12_500);
  assert.equal(milliToMicro('0.001'), 1);
  assert.equal(milliToMicro(' 100 '), 100_000);
  assert.equal(milliToMicro('0.1'), 100, 'no 0.1 * 1000 floating-point error');
});

test('anything else is refused, never rounded', () => {
  for (const bad of ['', '1.2345', '-1', '1e3', 'abc', '1,5', '.5']) {
    assert.equal(milliToMicro(bad), null, `"${bad}" must be refused`);
  }
});

test('property: micro-units / 1000 printed with 3 decimals parse back to the same integer', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (micro) => {
      const text = `${String(Math.floor(micro / 1000))}.${String(micro % 1000).padStart(3, '0')}`;
      return milliToMicro(text) === micro;
    }),
    { seed: 4, numRuns: 500 },
  );
});

test('display text of micro-units round-trips exactly', () => {
  assert.equal(microToMilliText(12_500), '12.5');
  assert.equal(microToMilliText(1), '0.001');
  assert.equal(microToMilliText(100_000), '100');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (micro) => {
      return milliToMicro(microToMilliText(micro)) === micro;
    }),
    { seed: 5, numRuns: 500 },
  );
});
