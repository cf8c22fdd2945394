/**
 * The body-size coefficients (Devine, adjusted-weight factor, Janmahasatian) as a typed value
 * parsed from knowledge/body-size/. The shipped file is parsed once at import.
 */
import { parseEnvelope } from '../knowledge/envelope.ts';
import { DataReader } from '../knowledge/data-reader.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, type Result } from '../result.ts';
import shipped from '../../knowledge/body-size/body-size-scalars@1.0.0.json' with { type: 'json' };

export type Sex = 'female' | 'male';

interface Range {
  readonly min: number;
  readonly max: number;
}

export interface BodySizeKnowledge {
  readonly source: KnowledgeRef;
  readonly bmi: { readonly weightKg: Range; readonly heightCm: Range };
  readonly idealBodyWeight: {
    readonly baseKg: Readonly<Record<Sex, number>>;
    readonly baseHeightIn: number;
    readonly kgPerInchAboveBase: number;
  };
  readonly adjustedBodyWeight: { readonly factor: number };
  readonly fatFreeMass: {
    readonly numeratorKg: number;
    /** BMI range inside which the equation is used (kg/m²). */
    readonly validBmi: Range;
    readonly coefficients: Readonly<
      Record<Sex, { readonly intercept: number; readonly bmiCoefficient: number }>
    >;
  };
}

/** Parses a body-size knowledge file (envelope + data). */
export function parseBodySizeKnowledge(raw: unknown): Result<BodySizeKnowledge> {
  const envelope = parseEnvelope(raw);
  if (!envelope.ok) return envelope;
  if (envelope.value.kind !== 'body-size') {
    return err({
      code: 'knowledge.wrong-kind',
      field: 'kind',
      message: 'Expected a body-size knowledge file.',
    });
  }
  const d = new DataReader(envelope.value.data, 'data');
  const range = (path: string): Range => {
    const r = {
      min: d.number(`${path}.min`, { positive: true }),
      max: d.number(`${path}.max`, { positive: true }),
    };
    d.require(r.min < r.max, path, 'min must be below max.');
    return r;
  };
  const sexCoefficients = (sex: Sex): { intercept: number; bmiCoefficient: number } => ({
    intercept: d.number(`fatFreeMass.${sex}.intercept`, { positive: true }),
    bmiCoefficient: d.number(`fatFreeMass.${sex}.bmiCoefficient`, { positive: true }),
  });
  return d.finish({
    source: { id: envelope.value.id, version: envelope.value.version },
    bmi: { weightKg: range('bmi.weightKg'), heightCm: range('bmi.heightCm') },
    idealBodyWeight: {
      baseKg: {
        male: d.number('idealBodyWeight.baseKg.male', { positive: true }),
        female: d.number('idealBodyWeight.baseKg.female', { positive: true }),
      },
      baseHeightIn: d.number('idealBodyWeight.baseHeightIn', { positive: true }),
      kgPerInchAboveBase: d.number('idealBodyWeight.kgPerInchAboveBase', { positive: true }),
    },
    adjustedBodyWeight: { factor: d.number('adjustedBodyWeight.factor', { min: 0, max: 1 }) },
    fatFreeMass: {
      numeratorKg: d.number('fatFreeMass.numeratorKg', { positive: true }),
      validBmi: range('fatFreeMass.validBmi'),
      coefficients: { male: sexCoefficients('male'), female: sexCoefficients('female') },
    },
  });
}

const parsed = parseBodySizeKnowledge(shipped);
if (!parsed.ok) throw new Error(`Shipped body-size knowledge is invalid: ${parsed.error.message}`);

/** The shipped body-size knowledge (body-size-scalars@1.0.0). */
export const shippedBodySize: BodySizeKnowledge = parsed.value;
