/**
 * Exact rational arithmetic for dose math (safety-security.md T-28…T-30: "use exact decimal or
 * integer micro-units internally"). In floating point 0.15 × 82 is 12.299999999999999, which a
 * round-down to the pump's 0.1 mL/h would turn into 12.2; here it is exactly 12.3. Numbers enter
 * through their shortest decimal representation (what the user typed and the grammar accepted).
 */

/** num / den with den > 0, always reduced. */
export interface Exact {
  readonly num: bigint;
  readonly den: bigint;
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);
const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [abs(a), abs(b)];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

const make = (num: bigint, den: bigint): Exact => {
  if (den === 0n) throw new RangeError('Division by zero in exact arithmetic');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
};

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** The exact value of a finite number's shortest decimal representation (0.35 → 35/100). */
export function exact(x: number): Exact {
  if (!Number.isFinite(x))
    throw new RangeError(`Non-finite value in exact arithmetic: ${String(x)}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (m === null) throw new RangeError(`Unexpected number form: ${String(x)}`);
  const [, sign = '', int = '0', frac = '', expText = '0'] = m;
  const digits = BigInt(`${sign}${int}${frac}`);
  const exp = Number(expText) - frac.length;
  return exp >= 0 ? make(digits * pow10(exp), 1n) : make(digits, pow10(-exp));
}

/** An integer ratio, e.g. ratio(60, 1000) for the ug/kg/min → mg/kg/h factor. */
export const ratio = (num: number, den: number): Exact => div(exact(num), exact(den));

export const mul = (a: Exact, b: Exact): Exact => make(a.num * b.num, a.den * b.den);
export const div = (a: Exact, b: Exact): Exact => make(a.num * b.den, a.den * b.num);
export const plus = (a: Exact, b: Exact): Exact =>
  make(a.num * b.den + b.num * a.den, a.den * b.den);
export const minus = (a: Exact, b: Exact): Exact =>
  make(a.num * b.den - b.num * a.den, a.den * b.den);

/** -1, 0 or 1 as a < b, a = b, a > b. */
export const cmp = (a: Exact, b: Exact): -1 | 0 | 1 => {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

export const min = (a: Exact, b: Exact): Exact => (cmp(a, b) <= 0 ? a : b);

const floorDiv = (n: bigint, d: bigint): bigint => {
  const q = n / d;
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
};

/** Largest multiple of 10^-decimals that is ≤ a (round toward safety for a maximum). */
export const floorTo = (a: Exact, decimals: number): Exact =>
  make(floorDiv(a.num * pow10(decimals), a.den), pow10(decimals));

/** Smallest multiple of 10^-decimals that is ≥ a. */
export const ceilTo = (a: Exact, decimals: number): Exact =>
  make(-floorDiv(-a.num * pow10(decimals), a.den), pow10(decimals));

/** Nearest double (correctly rounded when numerator and denominator are below 2^53). */
export const toNumber = (a: Exact): number => Number(a.num) / Number(a.den);
