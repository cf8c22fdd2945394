/**
 * The bedside scores' names with their ranges, the ranges read from core's cited plausibility
 * knowledge (the ranges the server checks a score against), so a label never states a range other
 * than the one applied.
 */
import { defaultVitalPlausibility } from '@ketaflow/core';

const { rass, moaas, painNrs } = defaultVitalPlausibility.ranges;

/** "−5 to +4": signed when the range spans zero, with a true minus sign. */
export function rangeText(
  range: { readonly min: number; readonly max: number },
  separator: string,
): string {
  const { min, max } = range;
  const spansZero = min < 0 && max > 0;
  const show = (n: number): string =>
    n < 0 ? `−${String(-n)}` : spansZero ? `+${String(n)}` : String(n);
  return `${show(min)}${separator}${show(max)}`;
}

export const SCORE_LABELS = {
  rass: `RASS (${rangeText(rass, ' to ')})`,
  moaas: `MOAA/S (${rangeText(moaas, ' to ')})`,
  painNrs: `Pain NRS (${rangeText(painNrs, '–')})`,
} as const;
