import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyPainChange, classifyPgic, type PainChangeThreshold } from './immpact.ts';

// Thresholds as in the NRS knowledge file (IMMPACT, Dworkin 2008, clinical.md 7.1 [O1, V]).
const thresholds: PainChangeThreshold[] = [
  { code: 'immpact.substantial', label: '≥ 50 % reduction', atLeastPercentReduction: 50 },
  { code: 'immpact.moderately-important', label: '≥ 30 % reduction', atLeastPercentReduction: 30 },
];

const reached = (b: number, f: number): readonly string[] => {
  const r = classifyPainChange(b, f, thresholds);
  assert.ok(r.ok);
  return r.value.reached;
};

test('IMMPACT classes at and around the 30 % and 50 % boundaries', () => {
  assert.deepEqual(reached(10, 7), ['immpact.moderately-important']); // exactly 30 %
  assert.deepEqual(reached(7, 4.9), ['immpact.moderately-important']); // exactly 30 % in decimals
  assert.deepEqual(reached(10, 7.1), []); // 29 %
  assert.deepEqual(reached(8, 4), ['immpact.moderately-important', 'immpact.substantial']); // 50 %
  assert.deepEqual(reached(8, 4.1), ['immpact.moderately-important']);
  assert.deepEqual(reached(6, 8), []); // worse
  const r = classifyPainChange(8, 2, thresholds);
  assert.ok(r.ok);
  assert.equal(r.value.percentReduction, 75);
  assert.equal(r.value.absoluteReduction, 6);
});

test('a zero or invalid baseline is refused, not classified', () => {
  const zero = classifyPainChange(0, 0, thresholds);
  assert.ok(!zero.ok && zero.error.code === 'stats.baseline-zero');
  const nan = classifyPainChange(Number.NaN, 3, thresholds);
  assert.ok(!nan.ok && nan.error.field === 'baseline');
  const neg = classifyPainChange(5, -1, thresholds);
  assert.ok(!neg.ok && neg.error.field === 'followUp');
});

test('PGIC: very much improved reaches both classes, much improved only the moderate one', () => {
  const classes = [
    { code: 'immpact.moderately-important', label: 'much or very much improved', answers: [1, 2] },
    { code: 'immpact.substantial', label: 'very much improved', answers: [1] },
  ];
  assert.deepEqual(classifyPgic(1, classes), [
    'immpact.moderately-important',
    'immpact.substantial',
  ]);
  assert.deepEqual(classifyPgic(2, classes), ['immpact.moderately-important']);
  assert.deepEqual(classifyPgic(3, classes), []);
});

test('property: reaching substantial implies reaching moderately important; less pain never reaches fewer classes', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 0, max: 10 }),
      fc.integer({ min: 0, max: 10 }),
      (b, f1, f2) => {
        const [lo, hi] = f1 <= f2 ? [f1, f2] : [f2, f1];
        const better = reached(b, lo);
        const worse = reached(b, hi);
        assert.ok(better.length >= worse.length);
        if (better.includes('immpact.substantial'))
          assert.ok(better.includes('immpact.moderately-important'));
      },
    ),
    { seed: 2008, numRuns: 1000 },
  );
});
