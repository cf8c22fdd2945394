import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  adjustedBodyWeight,
  bodyMassIndex,
  fatFreeMass,
  idealBodyWeight,
  type BodyMeasures,
} from './body-size.ts';
import { shippedBodySize as k, parseBodySizeKnowledge } from './body-size-knowledge.ts';
import { quantity } from '../units/quantity.ts';

const person = (weightKg: number, heightCm: number, sex: 'female' | 'male'): BodyMeasures => ({
  weight: quantity(weightKg, 'kg'),
  height: quantity(heightCm, 'cm'),
  sex,
});
const value = (r: { ok: true; value: { value: { value: number } } } | { ok: false }): number => {
  assert.ok(r.ok);
  return r.value.value.value;
};

test('golden: clinical.md section 5 worked numbers (Janmahasatian FFM), tolerance 0.05 kg', () => {
  // "woman 160 kg / 160 cm → Janmahasatian FFM 61.7 kg; man 140 kg / 175 cm → 78.4 kg"
  assert.ok(Math.abs(value(fatFreeMass(person(160, 160, 'female'), k)) - 61.7) < 0.05);
  assert.ok(Math.abs(value(fatFreeMass(person(140, 175, 'male'), k)) - 78.4) < 0.05);
});

test('golden: Devine IBW 180 cm man = 75.0 kg (clinical.md bug warning: not 113.5 kg), tolerance 0.05 kg', () => {
  const ibw = idealBodyWeight(person(90, 180, 'male'), k);
  assert.ok(Math.abs(value(ibw) - 75.0) < 0.05);
  assert.ok(ibw.ok && ibw.value.source.id === 'body-size-scalars');
  // 60 in = 152.4 cm: exactly the base weight.
  assert.ok(Math.abs(value(idealBodyWeight(person(60, 152.4, 'female'), k)) - 45.5) < 1e-9);
});

test('BMI and adjusted body weight by hand: 70 kg / 175 cm → BMI 22.857; ABW = IBW + 0.4 × (TBW − IBW)', () => {
  assert.ok(Math.abs(value(bodyMassIndex(person(70, 175, 'male'), k)) - 22.857) < 0.001);
  const ibw = value(idealBodyWeight(person(120, 180, 'male'), k));
  assert.ok(
    Math.abs(value(adjustedBodyWeight(person(120, 180, 'male'), k)) - (ibw + 0.4 * (120 - ibw))) <
      1e-9,
  );
});

test('out-of-range inputs are refused with the field named, never extrapolated', () => {
  const short = idealBodyWeight(person(50, 150, 'female'), k);
  assert.ok(!short.ok);
  assert.equal(short.error.code, 'body.ibw-below-defined-height');
  const heavy = bodyMassIndex(person(400, 170, 'male'), k);
  assert.ok(!heavy.ok);
  assert.equal(heavy.error.field, 'patient.weightKg');
  const thin = fatFreeMass(person(40, 182.7, 'male'), k);
  assert.ok(!thin.ok, 'BMI 12: the equation would return FFM > TBW');
  assert.equal(thin.error.code, 'body.ffm-bmi-out-of-range');
  const tall = fatFreeMass(person(80, 260, 'male'), k);
  assert.ok(!tall.ok);
  assert.equal(tall.error.field, 'patient.heightCm');
});

test('properties over the valid range: finite, FFM < TBW, FFM and IBW monotonic, ABW between IBW and TBW', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 400, max: 2500 }).map((n) => n / 10),
      fc.integer({ min: 1530, max: 2200 }).map((n) => n / 10),
      fc.constantFrom('female' as const, 'male' as const),
      (w, h, sex) => {
        const bmi = w / (h / 100) ** 2;
        fc.pre(bmi >= 15.1 && (w + 1) / (h / 100) ** 2 <= 69.9);
        const ffm = value(fatFreeMass(person(w, h, sex), k));
        const ffmHeavier = value(fatFreeMass(person(w + 1, h, sex), k));
        const ibw = value(idealBodyWeight(person(w, h, sex), k));
        const ibwTaller = value(idealBodyWeight(person(w, h + 1, sex), k));
        const abw = value(adjustedBodyWeight(person(w, h, sex), k));
        return (
          Number.isFinite(ffm) &&
          ffm > 0 &&
          ffm < w &&
          ffmHeavier > ffm &&
          ibwTaller > ibw &&
          abw >= Math.min(ibw, w) - 1e-9 &&
          abw <= Math.max(ibw, w) + 1e-9
        );
      },
    ),
    { seed: 20261125, numRuns: 5000 },
  );
});

test('the body-size parser rejects a file of another kind or with a bad coefficient', () => {
  assert.ok(!parseBodySizeKnowledge({}).ok);
  const other = parseBodySizeKnowledge({
    id: 'x',
    version: '1.0.0',
    kind: 'protocols',
    status: 'draft',
    title: 't',
    citations: [{ label: 'l', pmid: '1' }],
    units: {},
    data: {},
  });
  assert.ok(!other.ok);
  assert.equal(other.error.code, 'knowledge.wrong-kind');
});
