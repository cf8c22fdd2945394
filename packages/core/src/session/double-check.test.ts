import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareDoubleCheck, type DoubleCheckEntry } from './double-check.ts';
import { defaultDoubleCheckPolicy } from './charting-knowledge.ts';

const policy = defaultDoubleCheckPolicy;
const a: DoubleCheckEntry = { userId: 'nurse-a', concentrationMgPerMl: 1, rateMlPerH: 24.5 };
const b: DoubleCheckEntry = { userId: 'nurse-b', concentrationMgPerMl: 1, rateMlPerH: 24.5 };

test('default tolerance is the cited 1 % (independent-double-check@0.1.0, T-37)', () => {
  assert.equal(policy.maxRelativeDifference, 0.01);
  assert.deepEqual(policy.source, { id: 'independent-double-check', version: '0.1.0' });
});

test('identical blind entries by two clinicians agree', () => {
  const r = compareDoubleCheck(a, b, policy);
  assert.ok(r.ok);
  assert.deepEqual(
    r.value.fields.map((f) => [f.field, f.agrees]),
    [
      ['concentrationMgPerMl', true],
      ['rateMlPerH', true],
    ],
  );
});

test('the same user cannot be both checkers', () => {
  const r = compareDoubleCheck(a, { ...b, userId: 'nurse-a' }, policy);
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'double-check.same-user');
  assert.equal(r.error.field, 'second.userId');
});

test('boundary: exactly 1 % agrees, just above 1 % blocks (100 vs 99 and 100 vs 98.99)', () => {
  const at = compareDoubleCheck({ ...a, rateMlPerH: 100 }, { ...b, rateMlPerH: 99 }, policy);
  assert.ok(at.ok);
  const above = compareDoubleCheck({ ...a, rateMlPerH: 100 }, { ...b, rateMlPerH: 98.99 }, policy);
  assert.ok(!above.ok);
  assert.equal(above.error.code, 'double-check.disagreement');
  assert.equal(above.error.field, 'second.rateMlPerH');
});

test('the classic decimal slip 41.7 vs 4.17 mL/h (Thimbleby) blocks and returns both entries', () => {
  const r = compareDoubleCheck({ ...a, rateMlPerH: 41.7 }, { ...b, rateMlPerH: 4.17 }, policy);
  assert.ok(!r.ok);
  const rate = r.error.comparison?.fields.find((f) => f.field === 'rateMlPerH');
  assert.deepEqual([rate?.first, rate?.second, rate?.agrees], [41.7, 4.17, false]);
});

test('a concentration mismatch (10 vs 1 mg/mL) blocks', () => {
  const r = compareDoubleCheck({ ...a, concentrationMgPerMl: 10 }, b, policy);
  assert.ok(!r.ok);
  assert.match(r.error.message, /concentrationMgPerMl/);
});

test('optional fields must be entered by both and are compared', () => {
  const missing = compareDoubleCheck({ ...a, weightKg: 70 }, b, policy);
  assert.ok(!missing.ok);
  assert.equal(missing.error.code, 'double-check.field-missing');
  assert.equal(missing.error.field, 'second.weightKg');
  const off = compareDoubleCheck({ ...a, weightKg: 70 }, { ...b, weightKg: 7 }, policy);
  assert.ok(!off.ok);
  assert.equal(off.error.code, 'double-check.disagreement');
});

test('zero, negative and non-finite entries are rejected, not compared', () => {
  for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    const r = compareDoubleCheck(a, { ...b, rateMlPerH: bad }, policy);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'double-check.invalid-value');
    assert.equal(r.error.field, 'second.rateMlPerH');
  }
  const blank = compareDoubleCheck({ ...a, userId: ' ' }, b, policy);
  assert.ok(!blank.ok);
  assert.equal(blank.error.field, 'first.userId');
});

test('property: symmetric in the two entries, and agreement iff |x−y| ≤ 1 % of the larger (seed 4242)', () => {
  const value = fc.double({ min: 0.01, max: 1000, noNaN: true });
  fc.assert(
    fc.property(value, value, (x, y) => {
      const r1 = compareDoubleCheck({ ...a, rateMlPerH: x }, { ...b, rateMlPerH: y }, policy);
      const r2 = compareDoubleCheck({ ...b, rateMlPerH: y }, { ...a, rateMlPerH: x }, policy);
      assert.equal(r1.ok, r2.ok);
      // Independent oracle in integer hundredths of a percent, away from the exact boundary.
      const rel = Math.abs(x - y) / Math.max(x, y);
      if (rel < 0.0099) assert.ok(r1.ok);
      if (rel > 0.0101) assert.ok(!r1.ok);
    }),
    { seed: 4242, numRuns: 2000 },
  );
});
