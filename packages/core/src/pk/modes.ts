/**
 * Modal (exponential) decomposition of a linear mammillary model with effect site and metabolite.
 * A unit bolus (1 mg) into the central compartment gives, for every output, a sum of exponentials
 * over one shared set of rates r_j (1/min): C(t) = sum_j c_j e^(-r_j t), c_j in ng/mL per mg.
 * Eigenvalues come in closed form (quadratic; trigonometric cubic as in STANPUMP), the effect site
 * and the metabolite by exact convolution of exponentials. The core fills preallocated arrays, so
 * a virtual population reuses one model object for every patient.
 * @see Shafer SL, Gregg KM. J Pharmacokinet Biopharm 1992 (unit disposition functions)
 */
import { err, ok, type Result } from '../result.ts';
import { NG_PER_ML_PER_MG_PER_L } from './concentration.ts';
import type { Disposition, IndividualParameters, MicroConstants } from './individual-parameters.ts';

export interface ModalModel {
  /** Mode rates r_j, 1/min, all > 0 and pairwise distinct. */
  readonly rates: Float64Array;
  /** Plasma coefficients, ng/mL per mg of bolus. */
  readonly plasma: Float64Array;
  /** Effect-site coefficients, ng/mL per mg; null without an effect site. */
  readonly effect: Float64Array | null;
  /** Metabolite coefficients, ng/mL per mg of parent; null without a metabolite. */
  readonly metabolite: Float64Array | null;
  /** Parent clearance, L/min (kept for steady-state and mass-balance checks). */
  parentClearanceLPerMin: number;
}

/** Relative gap under which two rates count as coincident (convolution would lose all digits). */
const COINCIDENT_RELATIVE_GAP = 1e-9;

/** Scratch for metabolite modes (at most 3 compartments). */
const metRates = new Float64Array(3);
const metCoefs = new Float64Array(3);

/** One Newton step on the characteristic polynomial, to polish a closed-form root. */
function polish(l: number, a2: number, a1: number, a0: number): number {
  const f = ((l - a2) * l + a1) * l - a0;
  const df = (3 * l - 2 * a2) * l + a1;
  return df === 0 ? l : l - f / df;
}

/**
 * Eigenvalues (descending) and unit-bolus plasma coefficients A_i (mg/L per mg) of a 1-3
 * compartment mammillary disposition, written at `offset`:
 * A_i = prod_p (k_p1 - l_i) / (V1 prod_{j != i} (l_j - l_i)). Returns the number of modes.
 */
export function dispositionModesInto(
  d: Disposition,
  rates: Float64Array,
  coefs: Float64Array,
  offset: number,
): number {
  const v1 = d.v1L;
  const k10 = d.clLPerMin / v1;
  const n = d.peripherals.length + 1;
  const p0 = d.peripherals[0];
  const p1 = d.peripherals[1];
  const k12 = p0 ? p0.qLPerMin / v1 : 0;
  const k21 = p0 ? p0.qLPerMin / p0.vL : 0;
  const k13 = p1 ? p1.qLPerMin / v1 : 0;
  const k31 = p1 ? p1.qLPerMin / p1.vL : 0;
  let l0 = k10;
  let l1 = 0;
  let l2 = 0;
  if (n === 2) {
    const s = k10 + k12 + k21;
    l0 = (s + Math.sqrt(s * s - 4 * k10 * k21)) / 2;
    l1 = (k10 * k21) / l0; // product of roots: avoids cancellation in the small root
  } else if (n === 3) {
    const a2 = k10 + k12 + k13 + k21 + k31;
    const a1 = k10 * k21 + k10 * k31 + k12 * k31 + k13 * k21 + k21 * k31;
    const a0 = k10 * k21 * k31;
    // l^3 - a2 l^2 + a1 l - a0 = 0; substitute l = x + a2/3 -> x^3 + px + q = 0 (three real roots).
    const pp = a1 - (a2 * a2) / 3;
    const q = (-2 * a2 * a2 * a2) / 27 + (a2 * a1) / 3 - a0;
    const m = 2 * Math.sqrt(-pp / 3);
    const theta = Math.acos(Math.min(1, Math.max(-1, (3 * q) / (pp * m)))) / 3;
    const third = a2 / 3;
    // theta is in [0, pi/3], so k = 0, 1, 2 give the roots in descending order.
    l0 = polish(polish(m * Math.cos(theta) + third, a2, a1, a0), a2, a1, a0);
    l1 = polish(polish(m * Math.cos(theta - (2 * Math.PI) / 3) + third, a2, a1, a0), a2, a1, a0);
    l2 = polish(polish(m * Math.cos(theta - (4 * Math.PI) / 3) + third, a2, a1, a0), a2, a1, a0);
  }
  // A_i = prod_p (k_p1 - l_i) / (V1 prod_{j != i} (l_j - l_i)), written out per model size.
  if (n === 1) {
    rates[offset] = l0;
    coefs[offset] = 1 / v1;
  } else if (n === 2) {
    rates[offset] = l0;
    rates[offset + 1] = l1;
    coefs[offset] = (k21 - l0) / (v1 * (l1 - l0));
    coefs[offset + 1] = (k21 - l1) / (v1 * (l0 - l1));
  } else {
    rates[offset] = l0;
    rates[offset + 1] = l1;
    rates[offset + 2] = l2;
    coefs[offset] = ((k21 - l0) * (k31 - l0)) / (v1 * (l1 - l0) * (l2 - l0));
    coefs[offset + 1] = ((k21 - l1) * (k31 - l1)) / (v1 * (l0 - l1) * (l2 - l1));
    coefs[offset + 2] = ((k21 - l2) * (k31 - l2)) / (v1 * (l0 - l2) * (l1 - l2));
  }
  return n;
}

/** Allocating convenience wrapper over `dispositionModesInto` (tests, one-off use). */
export function mammillaryModes(mc: MicroConstants): { rates: number[]; coefs: number[] } {
  const d: Disposition = {
    v1L: mc.v1L,
    clLPerMin: mc.k10PerMin * mc.v1L,
    peripherals: mc.peripherals.map((p) => ({
      qLPerMin: p.k1pPerMin * mc.v1L,
      vL: (p.k1pPerMin * mc.v1L) / p.kp1PerMin,
    })),
  };
  const rates = new Float64Array(3);
  const coefs = new Float64Array(3);
  const n = dispositionModesInto(d, rates, coefs, 0);
  return { rates: Array.from(rates.subarray(0, n)), coefs: Array.from(coefs.subarray(0, n)) };
}

/** Number of modes of a patient's model: parent compartments, effect site, metabolite compartments. */
export const modeCount = (p: IndividualParameters): number =>
  1 +
  p.parent.peripherals.length +
  (p.ke0PerMin === null ? 0 : 1) +
  (p.metabolite ? 1 + p.metabolite.peripherals.length : 0);

/** Allocates a model with arrays of the right size for these parameters (fill with `fillModalModel`). */
export function allocateModalModel(p: IndividualParameters): ModalModel {
  const m = modeCount(p);
  return {
    rates: new Float64Array(m),
    plasma: new Float64Array(m),
    effect: p.ke0PerMin === null ? null : new Float64Array(m),
    metabolite: p.metabolite ? new Float64Array(m) : null,
    parentClearanceLPerMin: 0,
  };
}

/**
 * Fills a preallocated model (same structure as `p`) without allocating.
 * @returns `pk.coincident-rates` when two rates coincide (closed-form convolution undefined).
 */
export function fillModalModel(p: IndividualParameters, out: ModalModel): Result<ModalModel> {
  const { rates, plasma, effect, metabolite } = out;
  plasma.fill(0);
  const n = dispositionModesInto(p.parent, rates, plasma, 0);
  const ke0 = p.ke0PerMin;
  let m = n;
  if (ke0 !== null) rates[m++] = ke0;
  const met = p.metabolite;
  const nm = met ? dispositionModesInto(met, metRates, metCoefs, 0) : 0;
  for (let k = 0; k < nm; k++) rates[m + k] = metRates[k] ?? 0;
  m += nm;

  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++) {
      const a = rates[i] ?? 0;
      const b = rates[j] ?? 0;
      if (Math.abs(a - b) <= COINCIDENT_RELATIVE_GAP * Math.max(a, b))
        return err({
          code: 'pk.coincident-rates',
          field: 'model',
          message: `Two model rate constants coincide (${a} and ${b} per min); the exact solution needs distinct rates. Choose another model or parameter draw.`,
        });
    }

  // mg/L per mg -> ng/mL per mg; the parent coefficients A_i (mg/L) are kept below for the convolutions.
  if (metabolite && met) {
    metabolite.fill(0);
    const offset = n + (ke0 === null ? 0 : 1);
    // Formation flux (mg/min) = fm * CL * Cp(t); each parent mode i convolved with each metabolite mode k.
    const flux = met.fractionFormed * p.parent.clLPerMin;
    for (let i = 0; i < n; i++)
      for (let k = 0; k < nm; k++) {
        const mu = metRates[k] ?? 0;
        const c =
          (flux * (plasma[i] ?? 0) * (metCoefs[k] ?? 0) * NG_PER_ML_PER_MG_PER_L) /
          (mu - (rates[i] ?? 0));
        metabolite[i] = (metabolite[i] ?? 0) + c;
        metabolite[offset + k] = (metabolite[offset + k] ?? 0) - c;
      }
  }
  for (let i = 0; i < n; i++) plasma[i] = (plasma[i] ?? 0) * NG_PER_ML_PER_MG_PER_L;
  if (effect && ke0 !== null) {
    effect.fill(0);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const c = ((plasma[i] ?? 0) * ke0) / (ke0 - (rates[i] ?? 0));
      effect[i] = c;
      sum += c;
    }
    effect[n] = -sum;
  }
  out.parentClearanceLPerMin = p.parent.clLPerMin;
  return ok(out);
}

/** Builds the modal model of one patient (allocating). */
export function buildModalModel(params: IndividualParameters): Result<ModalModel> {
  return fillModalModel(params, allocateModalModel(params));
}
