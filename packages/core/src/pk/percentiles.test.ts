import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { percentilesInPlace } from './percentiles.ts';

/** Reference: full sort, then type-7 interpolation. */
function reference(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = ((s.length - 1) * p) / 100;
  const k = Math.floor(h);
  const lo = s[k] ?? NaN;
  const hi = s[Math.min(k + 1, s.length - 1)] ?? NaN;
  return lo + (h - k) * (hi - lo);
}

test('quickselect percentiles equal sort-based type-7 percentiles', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
      fc.uniqueArray(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 }),
      (values, ps) => {
        const sorted = [...ps].sort((a, b) => a - b);
        const got = percentilesInPlace(Float64Array.from(values), sorted);
        sorted.forEach((p, i) => {
          assert.equal(got[i], reference(values, p));
        });
      },
    ),
    { seed: 20261125, numRuns: 500 },
  );
});

test('known values: median of 1..5 is 3, 25th percentile of 1..4 is 1.75 (type 7)', () => {
  assert.deepEqual(percentilesInPlace(Float64Array.from([5, 1, 4, 2, 3]), [50]), [3]);
  assert.deepEqual(percentilesInPlace(Float64Array.from([4, 3, 2, 1]), [25]), [1.75]);
});
