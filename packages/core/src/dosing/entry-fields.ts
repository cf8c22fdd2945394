/**
 * The strict-grammar spec of each number a clinician types into the dosing screens, with its
 * decimals taken from the drug-library entry, so the form parser and the calculator agree on
 * precision (a weight with more decimals than the library allows is rejected at both edges).
 */
import type { NumberFieldSpec } from '../input/number-grammar.ts';
import type { DrugLibraryEntry, EntryField } from './drug-library.ts';

const FIELDS: Readonly<
  Record<EntryField, { readonly field: string; readonly label: string; readonly unit: string }>
> = {
  weightKg: { field: 'patient.weightKg', label: 'Weight', unit: 'kg' },
  heightCm: { field: 'patient.heightCm', label: 'Height', unit: 'cm' },
  doseMgPerKgPerH: { field: 'orderedDose.value', label: 'Dose', unit: 'mg/kg/h' },
  doseMgPerH: { field: 'orderedDose.value', label: 'Dose', unit: 'mg/h' },
  concentrationMgPerMl: { field: 'concentration.mgPerMl', label: 'Concentration', unit: 'mg/mL' },
  givenMg: { field: 'alreadyGivenMg', label: 'Amount given', unit: 'mg' },
  durationMin: { field: 'plannedDurationMin', label: 'Duration', unit: 'min' },
};

/** The number-grammar spec for one dosing entry field (at most 6 integer digits). */
export const entryFieldSpec = (library: DrugLibraryEntry, field: EntryField): NumberFieldSpec => ({
  ...FIELDS[field],
  maxDecimals: library.entryDecimals[field],
  maxIntegerDigits: 6,
});
