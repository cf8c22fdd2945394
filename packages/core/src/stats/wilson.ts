/**
 * Proportions with Wilson score confidence intervals (no continuity correction): the interval
 * Newcombe (1998) recommends over the Wald interval, which collapses or leaves [0, 1] for small
 * samples and proportions near 0 or 1 — the usual case for responder rates in a small clinic.
 */
import { err, ok, type Result } from '../result.ts';
import { zForConfidence } from './normal.ts';

export interface ProportionInterval {
  readonly successes: number;
  readonly trials: number;
  /** successes / trials, a fraction in [0, 1]. */
  readonly proportion: number;
  readonly lower: number;
  readonly upper: number;
  readonly confidenceLevel: number;
  readonly method: 'wilson-score';
}

/**
 * Wilson score interval for successes out of trials.
 *
 * @param successes whole number, 0 ≤ successes ≤ trials
 * @param trials whole number ≥ 1
 * @param confidenceLevel fraction in (0.5, 0.9999); default 0.95
 * @see Wilson EB. J Am Stat Assoc 1927;22:209–212. doi:10.1080/01621459.1927.10502953
 * @see Newcombe RG. Stat Med 1998;17:857–872 (method 3). doi:10.1002/(SICI)1097-0258(19980430)17:8<857::AID-SIM777>3.0.CO;2-E
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidenceLevel = 0.95,
): Result<ProportionInterval> {
  if (!Number.isInteger(trials) || trials < 1) {
    return err({
      code: 'stats.invalid-trials',
      field: 'trials',
      message: 'trials must be a whole number of at least 1.',
    });
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    return err({
      code: 'stats.invalid-successes',
      field: 'successes',
      message: `successes must be a whole number from 0 to trials (${trials}).`,
    });
  }
  const z = zForConfidence(confidenceLevel);
  if (!z.ok) return z;
  const n = trials;
  const p = successes / n;
  const z2 = z.value * z.value;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z.value * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return ok({
    successes,
    trials,
    proportion: p,
    // At 0 and n successes the limits are exactly 0 and 1 in exact arithmetic; say so rather than
    // reporting rounding noise such as 1e-17.
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
    confidenceLevel,
    method: 'wilson-score',
  });
}
