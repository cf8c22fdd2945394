/**
 * The ledger's exact integer micro-units (µg, µL, µg/mL) as the clinical units records and
 * reports show (mg, mL, mg/mL), and the volume a mass of drug occupies at a container's strength:
 * DEA dispenser records state quantities in both mass and volume (21 CFR 1304.22(c); T-41).
 */
import { quantity, type Mg, type MgPerMl, type Ml } from '../units/quantity.ts';

const MICRO_PER_MILLI = 1000;

/** A mass in µg (whole number) as mg. */
export const ledgerMassMg = (ug: number): Mg => quantity(ug / MICRO_PER_MILLI, 'mg');

/** A volume in µL (whole number) as mL. */
export const ledgerVolumeMl = (ul: number): Ml => quantity(ul / MICRO_PER_MILLI, 'mL');

/** A strength in µg/mL as mg/mL. */
export const ledgerStrengthMgPerMl = (ugPerMl: number): MgPerMl =>
  quantity(ugPerMl / MICRO_PER_MILLI, 'mg/mL');

/**
 * The volume (mL) that `ug` µg of drug occupies at `strengthUgPerMl` µg/mL. Throws RangeError for
 * a strength ≤ 0 (a parsed lot always has a strength ≥ 1 µg/mL).
 */
export function ledgerVolumeOfMassMl(ug: number, strengthUgPerMl: number): Ml {
  if (!(strengthUgPerMl > 0)) throw new RangeError('strength must be above 0 µg/mL');
  return quantity(ug / strengthUgPerMl, 'mL');
}
