/**
 * The patient as the PK engine sees it (total body weight, height, age, sex) and the check
 * that rejects impossible values with an error naming the field.
 */
import { err, ok, type Result } from '../result.ts';

export type Sex = 'female' | 'male';

export interface PkPatient {
  /** Total body weight, kg (> 0). */
  readonly weightKg: number;
  /** Height, cm (> 0). */
  readonly heightCm: number;
  /** Age, years (>= 0). */
  readonly ageYears: number;
  readonly sex: Sex;
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function measurement(
  v: Readonly<Record<string, unknown>>,
  field: string,
  key: string,
  allowZero: boolean,
): Result<number> {
  const x = v[key];
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || (!allowZero && x === 0))
    return err({
      code: 'pk.patient-invalid',
      field: `${field}.${key}`,
      message: `${field}.${key} must be a finite number ${allowZero ? 'of at least 0' : 'greater than 0'}.`,
    });
  return ok(x);
}

/**
 * Parses an untrusted patient object. Only physical impossibility is rejected here; whether the
 * patient fits a model's studied population is a warning from `populationWarnings`.
 */
export function parsePatient(v: unknown, field = 'patient'): Result<PkPatient> {
  if (!isRecord(v))
    return err({
      code: 'pk.patient-invalid',
      field,
      message: `${field} must be an object with weightKg, heightCm, ageYears and sex.`,
    });
  const weightKg = measurement(v, field, 'weightKg', false);
  if (!weightKg.ok) return weightKg;
  const heightCm = measurement(v, field, 'heightCm', false);
  if (!heightCm.ok) return heightCm;
  const ageYears = measurement(v, field, 'ageYears', true);
  if (!ageYears.ok) return ageYears;
  const sex = v['sex'];
  if (sex !== 'female' && sex !== 'male')
    return err({
      code: 'pk.patient-invalid',
      field: `${field}.sex`,
      message: `${field}.sex must be "female" or "male".`,
    });
  return ok({ weightKg: weightKg.value, heightCm: heightCm.value, ageYears: ageYears.value, sex });
}
