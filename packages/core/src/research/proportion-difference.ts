/**
 * Difference between two independent proportions with Newcombe's hybrid score interval (method 10),
 * built from the two Wilson intervals: the interval to use when comparing responder rates of two
 * small cohorts, where the Wald interval misbehaves.
 * @see Newcombe RG. Stat Med 1998;17:873–890. doi:10.1002/(SICI)1097-0258(19980430)17:8<873::AID-SIM779>3.0.CO;2-I
 */
import type { ProportionInterval } from '../stats/wilson.ts';

export interface ProportionDifference {
  /** pA − pB, a fraction in [−1, 1]. */
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
  readonly confidenceLevel: number;
  readonly method: 'newcombe-hybrid-score';
}

/** pA − pB with its interval; both Wilson intervals must share one confidence level. */
export const proportionDifference = (
  a: ProportionInterval,
  b: ProportionInterval,
): ProportionDifference => {
  const difference = a.proportion - b.proportion;
  return {
    difference,
    lower: difference - Math.sqrt((a.proportion - a.lower) ** 2 + (b.upper - b.proportion) ** 2),
    upper: difference + Math.sqrt((a.upper - a.proportion) ** 2 + (b.proportion - b.lower) ** 2),
    confidenceLevel: a.confidenceLevel,
    method: 'newcombe-hybrid-score',
  };
};
