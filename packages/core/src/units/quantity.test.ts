import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { add, compare, isUnit, quantity, scale, subtract } from './quantity.ts';
import {
  hToMin,
  kgToLb,
  lbToKg,
  mgPerKgPerHToUgPerKgPerMin,
  mgToUg,
  minToH,
  ugPerKgPerMinToMgPerKgPerH,
  ugToMg,
} from './conversions.ts';

test('quantity refuses NaN and Infinity', () => {
  assert.throws(() => quantity(Number.NaN, 'mg'), RangeError);
  assert.throws(() => quantity(Number.POSITIVE_INFINITY, 'mL/h'), RangeError);
  assert.deepEqual(quantity(5, 'mg'), { value: 5, unit: 'mg' });
});

test('same-unit arithmetic keeps the unit', () => {
  assert.deepEqual(add(quantity(2, 'mg'), quantity(3, 'mg')), { value: 5, unit: 'mg' });
  assert.deepEqual(subtract(quantity(5, 'h'), quantity(1, 'h')), { value: 4, unit: 'h' });
  assert.deepEqual(scale(quantity(0.35, 'mg/kg/h'), 2), { value: 0.7, unit: 'mg/kg/h' });
  assert.equal(compare(quantity(1, 'mg'), quantity(2, 'mg')), -1);
  assert.equal(isUnit('mcg'), false, 'mcg is a display spelling, the unit is UCUM ug');
  assert.equal(isUnit('ug'), true);
});

test('definitional conversions: 1 mg = 1000 mcg, 1 h = 60 min, 1 lb = 0.45359237 kg', () => {
  assert.equal(ugToMg(quantity(500, 'ug')).value, 0.5);
  assert.equal(mgToUg(quantity(0.5, 'mg')).value, 500);
  assert.equal(minToH(quantity(240, 'min')).value, 4);
  assert.equal(hToMin(quantity(4, 'h')).value, 240);
  // 0.35 mg/kg/h = 350 ug/kg / 60 min = 5.833 ug/kg/min.
  assert.ok(
    Math.abs(mgPerKgPerHToUgPerKgPerMin(quantity(0.35, 'mg/kg/h')).value - 5.8333333) < 1e-6,
  );
  const w = lbToKg(quantity(154, 'lb'));
  assert.equal(w.entered.value, 154, 'the entered pound value is kept for display');
  assert.ok(Math.abs(w.converted.value - 69.853225) < 1e-6);
});

test('conversions round-trip within 1e-12 relative (fixed seed)', () => {
  const positive = fc.double({ min: 1e-6, max: 1e6, noNaN: true });
  fc.assert(
    fc.property(positive, (x) => {
      const near = (a: number): boolean => Math.abs(a - x) <= 1e-12 * x;
      return (
        near(ugToMg(mgToUg(quantity(x, 'mg'))).value) &&
        near(minToH(hToMin(quantity(x, 'h'))).value) &&
        near(kgToLb(lbToKg(quantity(x, 'lb')).converted).value) &&
        near(ugPerKgPerMinToMgPerKgPerH(mgPerKgPerHToUgPerKgPerMin(quantity(x, 'mg/kg/h'))).value)
      );
    }),
    { seed: 20261125, numRuns: 2000 },
  );
});
