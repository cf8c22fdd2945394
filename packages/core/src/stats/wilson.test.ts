import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { wilsonInterval } from './wilson.ts';

// Golden: Newcombe RG, Stat Med 1998;17:857–872, Table I, method 3 (Wilson score without
// continuity correction), 95 % limits printed to 4 decimals. Tolerance 5e-5.
test('Wilson 95 % intervals reproduce Newcombe 1998 Table I', () => {
  const cases: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ];
  for (const [k, n, lo, hi] of cases) {
    const r = wilsonInterval(k, n);
    assert.ok(r.ok);
    assert.ok(Math.abs(r.value.lower - lo) < 5e-5, `${k}/${n} lower ${r.value.lower}`);
    assert.ok(Math.abs(r.value.upper - hi) < 5e-5, `${k}/${n} upper ${r.value.upper}`);
    assert.equal(r.value.method, 'wilson-score');
  }
});

test('0 and n successes give exact 0 and 1 limits', () => {
  const zero = wilsonInterval(0, 5);
  const all = wilsonInterval(5, 5);
  assert.ok(zero.ok && all.ok);
  assert.equal(zero.value.lower, 0);
  assert.equal(all.value.upper, 1);
});

test('bad counts are rejected naming the field', () => {
  const cases: [number, number, string][] = [
    [1, 0, 'trials'],
    [1, 2.5, 'trials'],
    [-1, 10, 'successes'],
    [11, 10, 'successes'],
    [1.5, 10, 'successes'],
  ];
  for (const [k, n, field] of cases) {
    const r = wilsonInterval(k, n);
    assert.ok(!r.ok);
    assert.equal(r.error.field, field);
  }
  const pct = wilsonInterval(1, 10, 95);
  assert.ok(!pct.ok && pct.error.code === 'stats.invalid-confidence-level');
});

test('property: 0 ≤ lower ≤ p ≤ upper ≤ 1, and a higher confidence level widens the interval', () => {
  fc.assert(
    fc.property(
      fc
        .integer({ min: 1, max: 5000 })
        .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
      ([k, n]) => {
        const r95 = wilsonInterval(k, n, 0.95);
        const r99 = wilsonInterval(k, n, 0.99);
        assert.ok(r95.ok && r99.ok);
        const { lower, upper, proportion } = r95.value;
        assert.ok(
          lower >= 0 && lower <= proportion + 1e-12 && proportion <= upper + 1e-12 && upper <= 1,
        );
        assert.ok(r99.value.lower <= lower + 1e-12 && r99.value.upper >= upper - 1e-12);
      },
    ),
    { seed: 1998, numRuns: 1000 },
  );
});
