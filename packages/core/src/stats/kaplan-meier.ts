/**
 * Kaplan–Meier survival curve for right-censored times (e.g. days of durable relief, censored
 * when relief has not yet ended), with Greenwood variance, pointwise confidence bands and the
 * median time to event with its Brookmeyer–Crowley style interval read off the bands.
 */
import { err, ok, type Result } from '../result.ts';
import { zForConfidence } from './normal.ts';

export interface TimeToEvent {
  /** Time from the origin (e.g. last infusion) in days; finite, ≥ 0. */
  readonly timeDays: number;
  /** true = the event happened at timeDays; false = censored (still event-free when last seen). */
  readonly event: boolean;
}

/**
 * How the pointwise band is built from the Greenwood variance:
 * - `log-log` (default; Kalbfleisch–Prentice): S^exp(±z·se/|log S|), always inside [0, 1];
 * - `log`: S·exp(±z·se/S), upper limit capped at 1 (R survival's default);
 * - `plain`: S ± z·se, clipped to [0, 1].
 */
export type BandMethod = 'log-log' | 'log' | 'plain';

export interface KaplanMeierStep {
  /** A distinct time at which at least one event happened, in days. */
  readonly timeDays: number;
  readonly atRisk: number;
  readonly events: number;
  /** Censored at this exact time (counted as at risk for the events at this time). */
  readonly censored: number;
  /** S(t) just after timeDays. */
  readonly survival: number;
  /** Greenwood standard error of S(t); null once S(t) = 0 (undefined there). */
  readonly standardError: number | null;
  /** Band limits; null where the band is undefined (S(t) = 0 or S(t) = 1 under log-log). */
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface KaplanMeierResult {
  readonly n: number;
  readonly events: number;
  readonly steps: readonly KaplanMeierStep[];
  /**
   * Smallest event time at which S(t) ≤ 0.5; null if the curve never reaches 0.5. When S(t) is
   * exactly 0.5 over an interval some packages report that interval's midpoint instead.
   */
  readonly medianTimeDays: number | null;
  /** First time the lower / upper band reaches ≤ 0.5; null when it never does. */
  readonly medianLowerDays: number | null;
  readonly medianUpperDays: number | null;
  readonly confidenceLevel: number;
  readonly band: BandMethod;
}

export interface KaplanMeierOptions {
  /** Fraction in (0.5, 0.9999); default 0.95. */
  readonly confidenceLevel?: number;
  readonly band?: BandMethod;
}

function bandLimits(
  s: number,
  greenwoodSum: number,
  z: number,
  band: BandMethod,
): { lower: number | null; upper: number | null } {
  if (s <= 0 || !Number.isFinite(greenwoodSum)) return { lower: null, upper: null };
  const se = s * Math.sqrt(greenwoodSum);
  switch (band) {
    case 'plain':
      return { lower: Math.max(0, s - z * se), upper: Math.min(1, s + z * se) };
    case 'log': {
      const w = z * Math.sqrt(greenwoodSum);
      return { lower: s * Math.exp(-w), upper: Math.min(1, s * Math.exp(w)) };
    }
    case 'log-log': {
      if (s >= 1) return { lower: null, upper: null };
      const w = (z * Math.sqrt(greenwoodSum)) / Math.abs(Math.log(s));
      return { lower: s ** Math.exp(w), upper: s ** Math.exp(-w) };
    }
  }
}

const firstAtOrBelowHalf = (
  steps: readonly KaplanMeierStep[],
  pick: (s: KaplanMeierStep) => number | null,
): number | null => {
  for (const step of steps) {
    const v = pick(step);
    if (v !== null && v <= 0.5) return step.timeDays;
  }
  return null;
};

/**
 * Kaplan–Meier product-limit estimate. Ties: events at a time are counted before censorings at
 * the same time (the usual convention). Greenwood: Var S(t) = S(t)² Σ d/(n(n−d)).
 *
 * @param observations at least one; each with timeDays ≥ 0 and an event flag
 * @see Kaplan EL, Meier P. J Am Stat Assoc 1958;53:457–481. doi:10.1080/01621459.1958.10501452
 * @see Greenwood M. Reports on Public Health and Medical Subjects 33, 1926.
 * @see Brookmeyer R, Crowley J. Biometrics 1982;38:29–41 (median interval). doi:10.2307/2530286
 */
export function kaplanMeier(
  observations: readonly TimeToEvent[],
  options: KaplanMeierOptions = {},
): Result<KaplanMeierResult> {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const band = options.band ?? 'log-log';
  const z = zForConfidence(confidenceLevel, 'options.confidenceLevel');
  if (!z.ok) return z;
  if (observations.length === 0) {
    return err({
      code: 'stats.no-observations',
      field: 'observations',
      message: 'observations must hold at least one time to event.',
    });
  }
  for (const [i, o] of observations.entries()) {
    if (typeof o.timeDays !== 'number' || !Number.isFinite(o.timeDays) || o.timeDays < 0) {
      return err({
        code: 'stats.invalid-time',
        field: `observations[${i}].timeDays`,
        message: `observations[${i}].timeDays must be a finite number of days ≥ 0.`,
      });
    }
    if (typeof o.event !== 'boolean') {
      return err({
        code: 'stats.invalid-event',
        field: `observations[${i}].event`,
        message: `observations[${i}].event must be true (event) or false (censored).`,
      });
    }
  }
  // Group by distinct time: [time, events, censored], ascending.
  const groups = new Map<number, { events: number; censored: number }>();
  for (const o of [...observations].sort((a, b) => a.timeDays - b.timeDays)) {
    const g = groups.get(o.timeDays) ?? { events: 0, censored: 0 };
    if (o.event) g.events++;
    else g.censored++;
    groups.set(o.timeDays, g);
  }
  const steps: KaplanMeierStep[] = [];
  let atRisk = observations.length;
  let survival = 1;
  let greenwoodSum = 0;
  for (const [t, { events, censored }] of groups) {
    if (events > 0) {
      survival *= 1 - events / atRisk;
      greenwoodSum =
        atRisk === events
          ? Number.POSITIVE_INFINITY
          : greenwoodSum + events / (atRisk * (atRisk - events));
      const limits = bandLimits(survival, greenwoodSum, z.value, band);
      steps.push({
        timeDays: t,
        atRisk,
        events,
        censored,
        survival,
        standardError: survival > 0 ? survival * Math.sqrt(greenwoodSum) : null,
        ...limits,
      });
    }
    atRisk -= events + censored;
  }
  return ok({
    n: observations.length,
    events: steps.reduce((sum, s) => sum + s.events, 0),
    steps,
    medianTimeDays: firstAtOrBelowHalf(steps, (s) => s.survival),
    // Where S(t) = 0 the band is undefined but both limits are 0 in the limit.
    medianLowerDays: firstAtOrBelowHalf(steps, (s) => (s.survival === 0 ? 0 : s.lower)),
    medianUpperDays: firstAtOrBelowHalf(steps, (s) => (s.survival === 0 ? 0 : s.upper)),
    confidenceLevel,
    band,
  });
}

/** S(t) read off the curve at any time (step function, right-continuous); 1 before the first event. */
export function survivalAt(curve: KaplanMeierResult, timeDays: number): number {
  let s = 1;
  for (const step of curve.steps) {
    if (step.timeDays > timeDays) break;
    s = step.survival;
  }
  return s;
}
