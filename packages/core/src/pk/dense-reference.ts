/**
 * An independent second method for the PK engine, sharing no code with the modal path: the full
 * state-space model (amounts in every compartment, effect site, metabolite) discretised exactly
 * with a dense matrix exponential (Padé [8/8] with scaling and squaring; the input column by the
 * augmented-matrix trick of Van Loan). Slow and general; used by the tests to cross-check the
 * modal engine and by the benchmark as a dense zero-order-hold anchor.
 * @see Moler C, Van Loan C. Nineteen dubious ways to compute the exponential of a matrix. SIAM Rev 2003
 */
import type { IndividualParameters } from './individual-parameters.ts';

type Matrix = number[][];

const zeros = (n: number): Matrix => Array.from({ length: n }, () => new Array<number>(n).fill(0));
const identity = (n: number): Matrix =>
  zeros(n).map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));

function multiply(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const c = zeros(n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i]?.[k] ?? 0;
      if (aik === 0) continue;
      const bk = b[k] ?? [];
      const ci = c[i] ?? [];
      for (let j = 0; j < n; j++) ci[j] = (ci[j] ?? 0) + aik * (bk[j] ?? 0);
    }
  return c;
}

/** Solves D X = N by Gaussian elimination with partial pivoting. */
function solve(d: Matrix, nMat: Matrix): Matrix {
  const n = d.length;
  const a = d.map((r) => [...r]);
  const b = nMat.map((r) => [...r]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] ?? [], a[col] ?? []];
    [b[col], b[pivot]] = [b[pivot] ?? [], b[col] ?? []];
    const ac = a[col] ?? [];
    const bc = b[col] ?? [];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const ar = a[r] ?? [];
      const br = b[r] ?? [];
      const f = (ar[col] ?? 0) / (ac[col] ?? 1);
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        ar[j] = (ar[j] ?? 0) - f * (ac[j] ?? 0);
        br[j] = (br[j] ?? 0) - f * (bc[j] ?? 0);
      }
    }
  }
  return b.map((row, i) => row.map((v) => v / (a[i]?.[i] ?? 1)));
}

/** Matrix exponential e^A (Padé [8/8], scaled so that the 1-norm is below 0.5). */
export function expm(a: Matrix): Matrix {
  const n = a.length;
  const norm = Math.max(
    ...(a[0] ?? []).map((_, j) => a.reduce((s, row) => s + Math.abs(row[j] ?? 0), 0)),
  );
  const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const scaled = a.map((row) => row.map((v) => v / 2 ** s));
  const q = 8;
  let c = 1;
  let power = identity(n);
  let num = identity(n);
  let den = identity(n);
  for (let k = 1; k <= q; k++) {
    c = (c * (q - k + 1)) / (k * (2 * q - k + 1));
    power = multiply(power, scaled);
    const sign = k % 2 === 0 ? 1 : -1;
    num = num.map((row, i) => row.map((v, j) => v + c * (power[i]?.[j] ?? 0)));
    den = den.map((row, i) => row.map((v, j) => v + sign * c * (power[i]?.[j] ?? 0)));
  }
  let result = solve(den, num);
  for (let i = 0; i < s; i++) result = multiply(result, result);
  return result;
}

/** State-space form: dx/dt = M x + b R; outputs read from the state. */
export interface StateSpace {
  readonly m: Matrix;
  readonly b: number[];
  /** Plasma ng/mL = x[0] * plasmaScale. */
  readonly plasmaScale: number;
  /** Index of the effect-site state (its value is mg/L), or -1. */
  readonly effectIndex: number;
  /** Index of the metabolite central amount, or -1, and its ng/mL per mg. */
  readonly metaboliteIndex: number;
  readonly metaboliteScale: number;
}

/** Builds the dense ODE system of one patient (amounts in mg, effect site in mg/L, time in min). */
export function stateSpace(p: IndividualParameters): StateSpace {
  const parent = p.parent;
  const met = p.metabolite;
  const np = 1 + parent.peripherals.length;
  const ne = p.ke0PerMin === null ? 0 : 1;
  const nm = met ? 1 + met.peripherals.length : 0;
  const n = np + ne + nm;
  const m = zeros(n);
  const set = (i: number, j: number, v: number): void => {
    const row = m[i] ?? [];
    row[j] = (row[j] ?? 0) + v;
  };
  const compartments = (offset: number, d: typeof parent): void => {
    set(offset, offset, -d.clLPerMin / d.v1L);
    d.peripherals.forEach((q, k) => {
      const pi = offset + 1 + k;
      set(offset, offset, -q.qLPerMin / d.v1L);
      set(pi, offset, q.qLPerMin / d.v1L);
      set(offset, pi, q.qLPerMin / q.vL);
      set(pi, pi, -q.qLPerMin / q.vL);
    });
  };
  compartments(0, parent);
  if (p.ke0PerMin !== null) {
    set(np, 0, p.ke0PerMin / parent.v1L);
    set(np, np, -p.ke0PerMin);
  }
  if (met) {
    const mo = np + ne;
    compartments(mo, met);
    set(mo, 0, (met.fractionFormed * parent.clLPerMin) / parent.v1L);
  }
  const b = new Array<number>(n).fill(0);
  b[0] = 1;
  return {
    m,
    b,
    plasmaScale: 1000 / parent.v1L,
    effectIndex: ne ? np : -1,
    metaboliteIndex: met ? np + ne : -1,
    metaboliteScale: met ? 1000 / met.v1L : 0,
  };
}

/** Exact zero-order-hold step over dt min: x <- Phi x + Gamma R, via expm of [[M dt, b dt], [0, 0]]. */
export function zohStep(ss: StateSpace, dtMin: number): { phi: Matrix; gamma: number[] } {
  const n = ss.b.length;
  const aug = zeros(n + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) (aug[i] ?? [])[j] = (ss.m[i]?.[j] ?? 0) * dtMin;
    (aug[i] ?? [])[n] = (ss.b[i] ?? 0) * dtMin;
  }
  const e = expm(aug);
  return {
    phi: e.slice(0, n).map((row) => row.slice(0, n)),
    gamma: e.slice(0, n).map((row) => row[n] ?? 0),
  };
}
