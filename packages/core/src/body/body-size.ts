/**
 * Body-size scalars used as dosing weights: BMI, ideal body weight (Devine 1974), adjusted body
 * weight (IBW + factor × (TBW − IBW)) and fat-free mass (Janmahasatian 2005). Coefficients and
 * valid ranges come from the body-size knowledge file; results carry its id@version and the
 * formula with the numbers used (clinical.md section 5).
 */
import { err, ok, type Result } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import { quantity, type Quantity } from '../units/quantity.ts';
import type { BodySizeKnowledge, Sex } from './body-size-knowledge.ts';

/** 1 in = 2.54 cm exactly (international inch, 1959). */
const CM_PER_INCH = 2.54;

export interface BodySizeResult<U extends 'kg' | 'kg/m2'> {
  readonly value: Quantity<U>;
  /** Human-readable formula with the numbers used. */
  readonly formula: string;
  readonly source: KnowledgeRef;
}

export interface BodyMeasures {
  readonly weight: Quantity<'kg'>;
  readonly height: Quantity<'cm'>;
  readonly sex: Sex;
}

function checkRanges(m: BodyMeasures, k: BodySizeKnowledge): Result<null> {
  const { weightKg, heightCm } = k.bmi;
  if (!(m.weight.value >= weightKg.min && m.weight.value <= weightKg.max)) {
    return err({
      code: 'body.weight-out-of-range',
      field: 'patient.weightKg',
      message: `Weight ${m.weight.value} kg is outside the valid range ${weightKg.min}–${weightKg.max} kg (${k.source.id}@${k.source.version}); re-measure the patient.`,
    });
  }
  if (!(m.height.value >= heightCm.min && m.height.value <= heightCm.max)) {
    return err({
      code: 'body.height-out-of-range',
      field: 'patient.heightCm',
      message: `Height ${m.height.value} cm is outside the valid range ${heightCm.min}–${heightCm.max} cm (${k.source.id}@${k.source.version}); re-measure the patient.`,
    });
  }
  return ok(null);
}

/** BMI = weight (kg) / height (m)²; weight and height must be inside the knowledge's ranges. */
export function bodyMassIndex(
  m: BodyMeasures,
  k: BodySizeKnowledge,
): Result<BodySizeResult<'kg/m2'>> {
  const ranges = checkRanges(m, k);
  if (!ranges.ok) return ranges;
  const heightM = m.height.value / 100;
  return ok({
    value: quantity(m.weight.value / (heightM * heightM), 'kg/m2'),
    formula: `BMI = ${m.weight.value} kg / (${heightM} m)²`,
    source: k.source,
  });
}

/**
 * Devine ideal body weight: base (50 kg men, 45.5 kg women) + 2.3 kg per inch above 60 in.
 * Refused below 60 in (152.4 cm), where the formula is an extrapolation.
 */
export function idealBodyWeight(
  m: BodyMeasures,
  k: BodySizeKnowledge,
): Result<BodySizeResult<'kg'>> {
  const ranges = checkRanges(m, k);
  if (!ranges.ok) return ranges;
  const ibw = k.idealBodyWeight;
  const heightIn = m.height.value / CM_PER_INCH;
  if (heightIn < ibw.baseHeightIn) {
    return err({
      code: 'body.ibw-below-defined-height',
      field: 'patient.heightCm',
      message: `Ideal body weight (Devine) is defined from ${ibw.baseHeightIn * CM_PER_INCH} cm; this patient is ${m.height.value} cm. Choose a protocol that doses by total body weight.`,
    });
  }
  const base = ibw.baseKg[m.sex];
  return ok({
    value: quantity(base + ibw.kgPerInchAboveBase * (heightIn - ibw.baseHeightIn), 'kg'),
    formula: `IBW = ${base} kg + ${ibw.kgPerInchAboveBase} kg × (${m.height.value} cm / 2.54 − ${ibw.baseHeightIn} in)`,
    source: k.source,
  });
}

/** Adjusted body weight = IBW + factor × (TBW − IBW), factor 0.4. */
export function adjustedBodyWeight(
  m: BodyMeasures,
  k: BodySizeKnowledge,
): Result<BodySizeResult<'kg'>> {
  const ibw = idealBodyWeight(m, k);
  if (!ibw.ok) return ibw;
  const f = k.adjustedBodyWeight.factor;
  const ibwKg = ibw.value.value.value;
  return ok({
    value: quantity(ibwKg + f * (m.weight.value - ibwKg), 'kg'),
    formula: `ABW = IBW + ${f} × (${m.weight.value} kg − IBW); ${ibw.value.formula}`,
    source: k.source,
  });
}

/** Janmahasatian fat-free mass = 9270 × TBW / (intercept + coefficient × BMI), sex-specific. */
export function fatFreeMass(m: BodyMeasures, k: BodySizeKnowledge): Result<BodySizeResult<'kg'>> {
  const bmi = bodyMassIndex(m, k);
  if (!bmi.ok) return bmi;
  const c = k.fatFreeMass.coefficients[m.sex];
  const bmiValue = bmi.value.value.value;
  const { min, max } = k.fatFreeMass.validBmi;
  if (bmiValue < min || bmiValue > max) {
    return err({
      code: 'body.ffm-bmi-out-of-range',
      field: 'patient.weightKg',
      message: `Fat-free mass (Janmahasatian) is used for BMI ${min}–${max} kg/m²; this patient's BMI is ${bmiValue.toFixed(1)}. Check weight and height, or choose a protocol that doses by total body weight.`,
    });
  }
  return ok({
    value: quantity(
      (k.fatFreeMass.numeratorKg * m.weight.value) / (c.intercept + c.bmiCoefficient * bmiValue),
      'kg',
    ),
    formula: `FFM = ${k.fatFreeMass.numeratorKg} × ${m.weight.value} kg / (${c.intercept} + ${c.bmiCoefficient} × BMI); ${bmi.value.formula}`,
    source: k.source,
  });
}
