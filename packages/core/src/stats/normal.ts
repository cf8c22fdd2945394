/**
 * The standard normal distribution: cumulative probability and its inverse (quantile), used
 * to turn a confidence level into the z multiplier of Wilson and Kaplan–Meier intervals.
 * Accurate to about 1e-13, far below what a reported interval needs.
 */
import { err, ok, type Result } from '../result.ts';

const SQRT2 = Math.SQRT2;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erf by its Maclaurin series; used for |x| < 3, where it converges to ~1e-14. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/** erfc by its continued fraction (modified Lentz); used for x ≥ 3. */
function erfcContinuedFraction(x: number): number {
  // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Standard normal cumulative probability Φ(z). */
export function normalCdf(z: number): number {
  const x = z / SQRT2;
  if (Math.abs(x) < 3) return 0.5 * (1 + erfSeries(x));
  return x > 0 ? 1 - 0.5 * erfcContinuedFraction(x) : 0.5 * erfcContinuedFraction(-x);
}

const normalPdf = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** Abramowitz & Stegun 26.2.23 rational start, |error| < 4.5e-4, for the upper tail q ≤ 0.5. */
function upperTailStart(q: number): number {
  const t = Math.sqrt(-2 * Math.log(q));
  return (
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
  );
}

/**
 * Standard normal quantile Φ⁻¹(p): the A&S 26.2.23 start refined by Newton's method on Φ.
 * Valid for 1e-12 ≤ p ≤ 1 − 1e-12; returns NaN outside (0, 1).
 * @example standardNormalQuantile(0.975) ≈ 1.959963984540054
 * @see Abramowitz M, Stegun IA. Handbook of Mathematical Functions, 1964, formula 26.2.23.
 */
export function standardNormalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return Number.NaN;
  let z = p < 0.5 ? -upperTailStart(p) : upperTailStart(1 - p);
  for (let i = 0; i < 50; i++) {
    const step = (normalCdf(z) - p) / normalPdf(z);
    z -= step;
    if (Math.abs(step) < 1e-14 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}

/**
 * The two-sided z multiplier for a confidence level (0.95 → 1.95996…).
 * @param confidenceLevel strictly between 0.5 and 0.9999 (a fraction, not a percent)
 */
export function zForConfidence(confidenceLevel: number, field = 'confidenceLevel'): Result<number> {
  if (!Number.isFinite(confidenceLevel) || confidenceLevel <= 0.5 || confidenceLevel >= 0.9999) {
    return err({
      code: 'stats.invalid-confidence-level',
      field,
      message: `${field} must be a fraction between 0.5 and 0.9999, e.g. 0.95 (not 95).`,
    });
  }
  return ok(standardNormalQuantile(1 - (1 - confidenceLevel) / 2));
}
