import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ledgerMassMg,
  ledgerStrengthMgPerMl,
  ledgerVolumeMl,
  ledgerVolumeOfMassMl,
} from './ledger-units.ts';

test('micro-units become mg, mL and mg/mL (1 mg = 1000 µg, 1 mL = 1000 µL)', () => {
  assert.deepEqual(ledgerMassMg(500_000), { value: 500, unit: 'mg' });
  assert.deepEqual(ledgerVolumeMl(10_000), { value: 10, unit: 'mL' });
  assert.deepEqual(ledgerStrengthMgPerMl(50_000), { value: 50, unit: 'mg/mL' });
});

test('a full 10 mL vial of 50 mg/mL holds 500 mg, which occupies 10 mL', () => {
  assert.deepEqual(ledgerVolumeOfMassMl(500_000, 50_000), { value: 10, unit: 'mL' });
  assert.deepEqual(ledgerVolumeOfMassMl(12_500, 50_000), { value: 0.25, unit: 'mL' });
});

test('a strength of 0 is refused, never divided by', () => {
  assert.throws(() => ledgerVolumeOfMassMl(1, 0), RangeError);
});

test('property: volume × strength gives back the mass (within 1e-9 relative)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.integer({ min: 1, max: 1_000_000 }),
      (ug, strength) => {
        const ml = ledgerVolumeOfMassMl(ug, strength).value;
        return Math.abs(ml * strength - ug) <= 1e-9 * Math.max(1, ug);
      },
    ),
    { seed: 4242, numRuns: 500 },
  );
});
