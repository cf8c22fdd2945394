/**
 * Warnings (data, never blocking) when a patient lies outside the population a model was
 * built on: observed min/max when published, otherwise more than 2 SD from the published mean,
 * and always when the range is unknown or the model is paediatric and the patient an adult.
 */
import type { Warning } from '../result.ts';
import type { PopulationRange, ValidatedPopulation } from './model-types.ts';
import type { PkPatient } from './patient.ts';

/** Width of the "studied population" band when only mean and SD are published (about 95 %). */
const SD_BAND = 2;

/** Age from which a patient counts as an adult (years). */
const ADULT_AGE_YEARS = 18;

function check(
  value: number,
  range: PopulationRange | null,
  label: string,
  unit: string,
  field: string,
  modelLabel: string,
): Warning | null {
  if (range === null)
    return {
      code: 'pk.validated-range-unknown',
      field,
      message: `${modelLabel}: the ${label} range of the studied population is not known; the prediction for ${value} ${unit} is unvalidated.`,
    };
  if (range.min !== undefined && range.max !== undefined) {
    if (value < range.min || value > range.max)
      return {
        code: 'pk.outside-validated-range',
        field,
        message: `${modelLabel}: ${label} ${value} ${unit} is outside the studied range ${range.min}-${range.max} ${unit}.`,
      };
    return null;
  }
  if (range.mean !== undefined && range.sd !== undefined) {
    const lo = range.mean - SD_BAND * range.sd;
    const hi = range.mean + SD_BAND * range.sd;
    if (value < lo || value > hi)
      return {
        code: 'pk.outside-validated-range',
        field,
        message: `${modelLabel}: ${label} ${value} ${unit} is more than ${SD_BAND} SD from the studied mean ${range.mean} +/- ${range.sd} ${unit}.`,
      };
  }
  return null;
}

/**
 * Lists every way the patient falls outside the model's validated population.
 * @param modelLabel e.g. `ketamine-herd-2007@1.0.0`, quoted in each message.
 */
export function populationWarnings(
  patient: PkPatient,
  population: ValidatedPopulation,
  adultUse: boolean,
  modelLabel: string,
): Warning[] {
  const out: Warning[] = [];
  const age = check(
    patient.ageYears,
    population.ageYears,
    'age',
    'years',
    'patient.ageYears',
    modelLabel,
  );
  if (age) out.push(age);
  const weight = check(
    patient.weightKg,
    population.weightKg,
    'weight',
    'kg',
    'patient.weightKg',
    modelLabel,
  );
  if (weight) out.push(weight);
  if (!adultUse && patient.ageYears >= ADULT_AGE_YEARS)
    out.push({
      code: 'pk.paediatric-model-for-adult',
      field: 'model',
      message: `${modelLabel} was built on children; it is outside adult use and its predictions for this adult are unvalidated.`,
    });
  return out;
}
