import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ceilTo, cmp, div, exact, floorTo, minus, mul, plus, ratio, toNumber } from './exact.ts';

test('0.15 mg/kg/h × 82 kg is exactly 12.3 mg/h (floating point gives 12.299999999999999)', () => {
  assert.notEqual(0.15 * 82, 12.3);
  assert.equal(Math.floor(0.15 * 82 * 10) / 10, 12.2, 'the float path would under-round');
  const product = mul(exact(0.15), exact(82));
  assert.equal(cmp(product, exact(12.3)), 0);
  assert.equal(toNumber(floorTo(product, 1)), 12.3);
});

test('exact() reads the shortest decimal form, including exponent forms', () => {
  assert.deepEqual(exact(0.1), { num: 1n, den: 10n });
  assert.deepEqual(exact(1e-7), { num: 1n, den: 10000000n });
  assert.deepEqual(exact(1.5e21), { num: 1500000000000000000000n, den: 1n });
  assert.deepEqual(exact(-2.5), { num: -5n, den: 2n });
  assert.throws(() => exact(Number.NaN), RangeError);
  assert.throws(() => div(exact(1), exact(0)), RangeError);
});

test('floorTo / ceilTo bracket the value at the given decimals', () => {
  assert.equal(toNumber(floorTo(ratio(1, 3), 1)), 0.3);
  assert.equal(toNumber(ceilTo(ratio(1, 3), 1)), 0.4);
  assert.equal(toNumber(floorTo(exact(-0.25), 1)), -0.3);
  assert.equal(toNumber(ceilTo(exact(-0.25), 1)), -0.2);
  assert.equal(toNumber(floorTo(exact(2), 1)), 2);
});

test('field laws hold exactly (fixed seed)', () => {
  const dec = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 1000);
  fc.assert(
    fc.property(dec, dec, dec, (a, b, c) => {
      const [x, y, z] = [exact(a), exact(b), exact(c)];
      const distributive = cmp(mul(x, plus(y, z)), plus(mul(x, y), mul(x, z))) === 0;
      const inverse = cmp(minus(plus(x, y), y), x) === 0;
      const divides = b === 0 || cmp(mul(div(x, y), y), x) === 0;
      const floorOk =
        cmp(floorTo(div(x, plus(y, exact(1e6))), 2), div(x, plus(y, exact(1e6)))) <= 0;
      return distributive && inverse && divides && floorOk;
    }),
    { seed: 20261125, numRuns: 2000 },
  );
});
