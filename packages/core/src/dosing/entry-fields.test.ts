import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryFieldSpec } from './entry-fields.ts';
import { shippedDosingKnowledge } from './registry.ts';
import { parseNumber } from '../input/number-grammar.ts';
import { calculateDose } from './calculate-dose.ts';
import { doseInput } from './dose-fixtures.test-support.ts';

const library = shippedDosingKnowledge.drugLibraries[0]!;

test('form grammar and calculator agree on precision: weight to 0.1 kg, dose to 0.001 mg/kg/h', () => {
  const weight = entryFieldSpec(library, 'weightKg');
  assert.deepEqual(parseNumber('70.2', weight), { ok: true, value: 70.2 });
  const tooFine = parseNumber('70.25', weight);
  assert.ok(!tooFine.ok);
  assert.equal(tooFine.error.field, 'patient.weightKg');
  assert.equal(tooFine.error.message, 'Weight allows at most 1 decimal.');
  const calc = calculateDose(
    doseInput({ patient: { weightKg: 70.25, heightCm: 175, sex: 'male' } }),
  );
  assert.ok(!calc.ok);
  assert.equal(calc.error.field, 'patient.weightKg');
  const dose = parseNumber('12abc', entryFieldSpec(library, 'doseMgPerKgPerH'));
  assert.ok(!dose.ok);
  assert.equal(
    dose.error.message,
    'Dose has extra characters after 12. Enter the number only; the unit is mg/kg/h.',
  );
});
