import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalCdf, standardNormalQuantile, zForConfidence } from './normal.ts';

// Golden: standard normal quantiles, Abramowitz & Stegun (1964) Table 26.5 / any statistical
// table: z(0.975) = 1.959963985, z(0.995) = 2.575829304, z(0.95) = 1.644853627,
// z(1e-10) = -6.361340902. Tolerance 1e-9.
test('quantiles match the published table', () => {
  const cases: [number, number][] = [
    [0.975, 1.959963985],
    [0.995, 2.575829304],
    [0.95, 1.644853627],
    [0.5, 0],
    [1e-10, -6.361340902],
  ];
  for (const [p, z] of cases) assert.ok(Math.abs(standardNormalQuantile(p) - z) < 1e-9, `p=${p}`);
  assert.ok(Number.isNaN(standardNormalQuantile(0)));
  assert.ok(Number.isNaN(standardNormalQuantile(1)));
});

test('zForConfidence rejects percents and out-of-range levels naming the field', () => {
  for (const bad of [95, 0.5, 1, Number.NaN, 0.99995]) {
    const r = zForConfidence(bad);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'stats.invalid-confidence-level');
    assert.equal(r.error.field, 'confidenceLevel');
  }
  const r = zForConfidence(0.9);
  assert.ok(r.ok && Math.abs(r.value - 1.644853627) < 1e-9);
});

test('property: Φ(Φ⁻¹(p)) = p and Φ is symmetric', () => {
  fc.assert(
    fc.property(fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), (p) => {
      assert.ok(Math.abs(normalCdf(standardNormalQuantile(p)) - p) < 1e-12 + 1e-9 * p);
      const z = standardNormalQuantile(p);
      assert.ok(Math.abs(normalCdf(z) + normalCdf(-z) - 1) < 1e-12);
    }),
    { seed: 1926, numRuns: 2000 },
  );
});
