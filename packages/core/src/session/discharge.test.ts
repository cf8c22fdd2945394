import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDischarge, type DischargeRule } from './discharge.ts';

const source = { id: 'test-protocol', version: '1.0.0' };
const rule: DischargeRule = { source, minimumTotal: 9, minObservationMin: 60 };
const items = {
  activity: 2,
  respiration: 2,
  circulation: 2,
  consciousness: 2,
  oxygenSaturation: 1,
} as const;

test('modified Aldrete ≥ 9 allows discharge (Aldrete 1995, clinical.md 3.4): 9 met, 8 not', () => {
  const nine = evaluateDischarge({ total: 9 }, rule);
  assert.ok(nine.ok);
  assert.equal(nine.value.met, true);
  const eight = evaluateDischarge({ total: 8 }, rule);
  assert.ok(eight.ok);
  assert.equal(eight.value.met, false);
  assert.match(eight.value.shortfalls[0] ?? '', /8 is below the required 9/);
});

test('variant rule: total ≥ 8 with respiration and SpO2 at 2 ([D2]) needs item scores', () => {
  const variant: DischargeRule = {
    source,
    minimumTotal: 8,
    minObservationMin: 60,
    minimumItems: { respiration: 2, oxygenSaturation: 2 },
  };
  const noItems = evaluateDischarge({ total: 9 }, variant);
  assert.ok(!noItems.ok);
  assert.equal(noItems.error.code, 'discharge.items-required');
  const low = evaluateDischarge({ total: 9, items }, variant);
  assert.ok(low.ok);
  assert.equal(low.value.met, false);
  assert.match(low.value.shortfalls.join(' '), /oxygenSaturation/);
});

test('invalid scores and totals that do not add up are rejected', () => {
  for (const total of [-1, 11, 9.5, Number.NaN]) {
    const r = evaluateDischarge({ total }, rule);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'discharge.invalid-score');
  }
  const bad = evaluateDischarge({ total: 9, items: { ...items, activity: 3 } }, rule);
  assert.ok(!bad.ok);
  assert.equal(bad.error.field, 'assessment.items.activity');
  const sum = evaluateDischarge({ total: 10, items }, rule);
  assert.ok(!sum.ok);
  assert.equal(sum.error.code, 'discharge.items-do-not-sum');
  const badRule = evaluateDischarge(
    { total: 9 },
    { source, minimumTotal: 12, minObservationMin: 60 },
  );
  assert.ok(!badRule.ok);
  assert.equal(badRule.error.code, 'discharge.invalid-rule');
});
