/**
 * The charted observations of an infusion (vital signs and bedside scores) and their input
 * validation: every value must be a whole number inside the plausible range of a cited
 * knowledge file. Values are rejected, never clamped or rounded.
 */
import { err, ok, type CoreError, type Result } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';

/** Every numeric field a charting entry may carry; units are in the names. */
export const VITAL_FIELDS = [
  'systolicBpMmHg',
  'diastolicBpMmHg',
  'heartRateBpm',
  'spo2Percent',
  'respiratoryRatePerMin',
  'etco2MmHg',
  'rass',
  'moaas',
  'painNrs',
] as const;
export type VitalField = (typeof VITAL_FIELDS)[number];

/** The five vital signs every vitals entry must carry; the others are optional. */
export const REQUIRED_VITAL_FIELDS: readonly VitalField[] = [
  'systolicBpMmHg',
  'diastolicBpMmHg',
  'heartRateBpm',
  'spo2Percent',
  'respiratoryRatePerMin',
];

/**
 * A validated vitals entry. Blood pressure in mmHg, rates per minute, SpO2 in %, EtCO2 in mmHg;
 * RASS −5..+4 (Sessler 2002), MOAA/S 0..5 (Chernik 1990), pain NRS 0..10.
 */
export interface VitalSigns {
  readonly systolicBpMmHg: number;
  readonly diastolicBpMmHg: number;
  readonly heartRateBpm: number;
  readonly spo2Percent: number;
  readonly respiratoryRatePerMin: number;
  readonly etco2MmHg?: number;
  readonly rass?: number;
  readonly moaas?: number;
  readonly painNrs?: number;
}

/** Any subset of observations, e.g. what was last charted. */
export type Observations = Readonly<Partial<Record<VitalField, number>>>;

/** Inclusive plausible range of one field. */
export interface PlausibleRange {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

/** Plausible ranges for every field, with the knowledge file they came from. */
export interface VitalPlausibility {
  readonly source: KnowledgeRef;
  readonly ranges: Readonly<Record<VitalField, PlausibleRange>>;
}

/** The error of a rejected vitals entry: every problem found, the first one also on top. */
export interface VitalsError extends CoreError {
  readonly issues: readonly CoreError[];
}

const isVitalField = (key: string): key is VitalField =>
  (VITAL_FIELDS as readonly string[]).includes(key);

function checkValue(
  field: VitalField,
  value: unknown,
  range: PlausibleRange,
  source: KnowledgeRef,
): CoreError | number {
  const path = `vitals.${field}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { code: 'vitals.not-a-number', field: path, message: `${path} must be a number.` };
  }
  if (range.integer && !Number.isInteger(value)) {
    return {
      code: 'vitals.not-a-whole-number',
      field: path,
      message: `${path} must be a whole number (got ${value}).`,
    };
  }
  if (value < range.min || value > range.max) {
    return {
      code: 'vitals.implausible',
      field: path,
      message: `${path} = ${value} is outside the plausible range ${range.min} to ${range.max} (${source.id}@${source.version}); check the entry and the field it was typed into.`,
    };
  }
  return value;
}

/**
 * Validates one vitals entry: the five required vital signs must be present, every value must be
 * a finite whole number inside its plausible range, diastolic must be below systolic, and no
 * unknown field is accepted (a misspelt key must not silently drop a value).
 * Returns every issue at once so a form can mark all fields.
 */
export function validateVitals(
  input: Readonly<Record<string, unknown>>,
  plausibility: VitalPlausibility,
): Result<VitalSigns, VitalsError> {
  const issues: CoreError[] = [];
  const out: Partial<Record<VitalField, number>> = {};
  for (const key of Object.keys(input)) {
    if (!isVitalField(key)) {
      issues.push({
        code: 'vitals.unknown-field',
        field: `vitals.${key}`,
        message: `vitals.${key} is not a charting field; use one of ${VITAL_FIELDS.join(', ')}.`,
      });
    }
  }
  for (const field of VITAL_FIELDS) {
    const value = input[field];
    if (value === undefined) {
      if (REQUIRED_VITAL_FIELDS.includes(field)) {
        issues.push({
          code: 'vitals.missing',
          field: `vitals.${field}`,
          message: `vitals.${field} is required in a vitals entry.`,
        });
      }
      continue;
    }
    const checked = checkValue(field, value, plausibility.ranges[field], plausibility.source);
    if (typeof checked === 'number') out[field] = checked;
    else issues.push(checked);
  }
  const { systolicBpMmHg: sbp, diastolicBpMmHg: dbp } = out;
  if (sbp !== undefined && dbp !== undefined && dbp >= sbp) {
    issues.push({
      code: 'vitals.diastolic-not-below-systolic',
      field: 'vitals.diastolicBpMmHg',
      message: `Diastolic ${dbp} mmHg must be lower than systolic ${sbp} mmHg; check whether the two were swapped.`,
    });
  }
  const [first] = issues;
  if (first !== undefined) return err({ ...first, issues });
  return ok(out as VitalSigns);
}
