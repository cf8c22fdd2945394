/**
 * The one unit conversion of the PK engine: doses are mg and volumes L, so the model computes
 * mg/L; clinicians read ng/mL. 1 mg/L = 1 µg/mL = 1000 ng/mL.
 */

/** ng/mL per mg/L (exact, by definition of the units). */
export const NG_PER_ML_PER_MG_PER_L = 1000;

/** Minutes per hour, for mg/h pump rates against 1/min rate constants. */
export const MIN_PER_HOUR = 60;

/** Converts a concentration in mg/L to ng/mL. */
export const mgPerLToNgPerMl = (mgPerL: number): number => mgPerL * NG_PER_ML_PER_MG_PER_L;

/** Converts an infusion rate in mg/h to mg/min. */
export const mgPerHToMgPerMin = (rateMgPerH: number): number => rateMgPerH / MIN_PER_HOUR;
