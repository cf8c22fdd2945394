import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { displayUnit, formatNumber, formatQuantity } from './ismp.ts';
import { quantity, UNITS } from '../units/quantity.ts';

test('ISMP examples (List of Error-Prone Abbreviations)', () => {
  assert.equal(formatNumber(5, 2), '5', 'no trailing zero: "5.0" is read as 50');
  assert.equal(formatNumber(0.5, 2), '0.5', 'leading zero: ".5" is read as 5');
  assert.equal(formatNumber(1000, 0), '1,000', 'thousands separator');
  assert.equal(formatNumber(1234567.25, 2), '1,234,567.25');
  assert.equal(formatNumber(24.5, 1), '24.5');
  assert.equal(formatNumber(-0.0001, 2), '0', 'never "-0"');
  assert.equal(formatNumber(-1500, 0), '-1,500');
  assert.equal(formatQuantity(quantity(500, 'ug'), 0), '500 mcg');
  assert.equal(formatQuantity(quantity(5.833333, 'ug/kg/min'), 2), '5.83 mcg/kg/min');
  assert.equal(formatQuantity(quantity(25, 'mg/h'), 1), '25 mg/h');
  assert.equal(formatQuantity(quantity(24.7, 'kg/m2'), 1), '24.7 kg/m²');
  assert.throws(() => formatNumber(Number.NaN, 1), RangeError);
  assert.throws(() => formatNumber(1, -1), RangeError);
  assert.throws(() => formatNumber(1e21, 0), RangeError);
});

test('T-32 property: no trailing zero, no naked decimal, mcg only, separators, space, value kept', () => {
  const values = fc.oneof(
    fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000),
  );
  fc.assert(
    fc.property(
      values,
      fc.integer({ min: 0, max: 4 }),
      fc.constantFrom(...UNITS),
      (value, decimals, unit) => {
        const text = formatQuantity(quantity(value, unit), decimals);
        const [num = '', ...rest] = text.split(' ');
        const unitText = rest.join(' ');
        const wellFormed = /^-?(0|[1-9][0-9]{0,2}(,[0-9]{3})*)(\.[0-9]*[1-9])?$/.test(num);
        const noMicro =
          !/µ|μ|\bug\b/.test(text) && unitText === displayUnit(unit) && unitText !== '';
        const kept =
          Number(num.replace(/,/g, '')) ===
          Number(Math.abs(value).toFixed(decimals)) * (num.startsWith('-') ? -1 : 1);
        return wellFormed && noMicro && kept;
      },
    ),
    { seed: 20261125, numRuns: 100_000 },
  );
});
