/**
 * Modal (exponential) decomposition of a linear mammillary model with effect site and metabolite.
 * A unit bolus (1 mg) into the central compartment gives, for every output, a sum of exponentials
 * over one shared set of rates r_j (1/min): C(t) = sum_j c_j e^(-r_j t), c_j in ng/mL per mg.
 * Eigenvalues come in closed form (quadratic; trigonometric cubic as in STANPUMP), the effect site
 * and the metabolite by exact convolution of exponentials.
 * @see Shafer SL, Gregg KM. J Pharmacokinet Biopharm 1992 (unit disposition functions)
 */
import { err, ok, type Result } from '../result.ts';
import { mgPerLToNgPerMl } from './concentration.ts';
import {
  microConstants,
  type IndividualParameters,
  type MicroConstants,
} from './individual-parameters.ts';

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
  readonly parentClearanceLPerMin: number;
}

/** Relative gap under which two rates count as coincident (convolution would lose all digits). */
const COINCIDENT_RELATIVE_GAP = 1e-9;

/** One Newton step on the characteristic polynomial, to polish a closed-form root. */
function polish(l: number, a2: number, a1: number, a0: number): number {
  const f = ((l - a2) * l + a1) * l - a0;
  const df = (3 * l - 2 * a2) * l + a1;
  return df === 0 ? l : l - f / df;
}

/**
 * Eigenvalues (descending) of a 1-3 compartment mammillary model and the unit-bolus plasma
 * coefficients A_i (mg/L per mg): A_i = prod_p (k_p1 - l_i) / (V1 prod_{j != i} (l_j - l_i)).
 */
export function mammillaryModes(mc: MicroConstants): { rates: number[]; coefs: number[] } {
  const k10 = mc.k10PerMin;
  const p = mc.peripherals;
  let rates: number[];
  if (p.length === 0) rates = [k10];
  else if (p.length === 1) {
    const k12 = p[0]?.k1pPerMin ?? 0;
    const k21 = p[0]?.kp1PerMin ?? 0;
    const s = k10 + k12 + k21;
    const big = (s + Math.sqrt(s * s - 4 * k10 * k21)) / 2;
    rates = [big, (k10 * k21) / big];
  } else {
    const k12 = p[0]?.k1pPerMin ?? 0;
    const k21 = p[0]?.kp1PerMin ?? 0;
    const k13 = p[1]?.k1pPerMin ?? 0;
    const k31 = p[1]?.kp1PerMin ?? 0;
    const a2 = k10 + k12 + k13 + k21 + k31;
    const a1 = k10 * k21 + k10 * k31 + k12 * k31 + k13 * k21 + k21 * k31;
    const a0 = k10 * k21 * k31;
    // l^3 - a2 l^2 + a1 l - a0 = 0; substitute l = x + a2/3 -> x^3 + px + q = 0 (three real roots).
    const pp = a1 - (a2 * a2) / 3;
    const q = (-2 * a2 * a2 * a2) / 27 + (a2 * a1) / 3 - a0;
    const m = 2 * Math.sqrt(-pp / 3);
    const arg = Math.min(1, Math.max(-1, (3 * q) / (pp * m)));
    const theta = Math.acos(arg) / 3;
    rates = [0, 1, 2]
      .map((k) => m * Math.cos(theta - (2 * Math.PI * k) / 3) + a2 / 3)
      .map((l) => polish(polish(l, a2, a1, a0), a2, a1, a0))
      .sort((x, y) => y - x);
  }
  const coefs = rates.map((l, i) => {
    let num = 1;
    for (const q of p) num *= q.kp1PerMin - l;
    let den = mc.v1L;
    rates.forEach((lj, j) => {
      if (j !== i) den *= lj - l;
    });
    return num / den;
  });
  return { rates, coefs };
}

/**
 * Builds the modal model of one patient.
 * @returns `pk.coincident-rates` when two rates coincide (closed-form convolution undefined).
 */
export function buildModalModel(params: IndividualParameters): Result<ModalModel> {
  const parentMc = microConstants(params.parent);
  const parent = mammillaryModes(parentMc);
  const rates = [...parent.rates];
  const n = rates.length;
  const ke0 = params.ke0PerMin;
  if (ke0 !== null) rates.push(ke0);
  const met =
    params.metabolite === null ? null : mammillaryModes(microConstants(params.metabolite));
  if (met) rates.push(...met.rates);

  for (let i = 0; i < rates.length; i++)
    for (let j = i + 1; j < rates.length; j++) {
      const a = rates[i] ?? 0;
      const b = rates[j] ?? 0;
      if (Math.abs(a - b) <= COINCIDENT_RELATIVE_GAP * Math.max(a, b))
        return err({
          code: 'pk.coincident-rates',
          field: 'model',
          message: `Two model rate constants coincide (${a} and ${b} per min); the exact solution needs distinct rates. Choose another model or parameter draw.`,
        });
    }

  const m = rates.length;
  const plasma = new Float64Array(m);
  parent.coefs.forEach((c, i) => (plasma[i] = mgPerLToNgPerMl(c)));

  let effect: Float64Array | null = null;
  if (ke0 !== null) {
    effect = new Float64Array(m);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const c = ((plasma[i] ?? 0) * ke0) / (ke0 - (rates[i] ?? 0));
      effect[i] = c;
      sum += c;
    }
    effect[n] = -sum;
  }

  let metabolite: Float64Array | null = null;
  if (met && params.metabolite) {
    metabolite = new Float64Array(m);
    const offset = n + (ke0 === null ? 0 : 1);
    // Formation flux (mg/min) = fm * CL * Cp(t); each parent mode i convolved with each metabolite mode k.
    const flux = params.metabolite.fractionFormed * params.parent.clLPerMin;
    for (let i = 0; i < n; i++)
      for (let k = 0; k < met.rates.length; k++) {
        const li = rates[i] ?? 0;
        const mu = met.rates[k] ?? 0;
        const c = (flux * (parent.coefs[i] ?? 0) * mgPerLToNgPerMl(met.coefs[k] ?? 0)) / (mu - li);
        metabolite[i] = (metabolite[i] ?? 0) + c;
        metabolite[offset + k] = (metabolite[offset + k] ?? 0) - c;
      }
  }
  return ok({
    rates: Float64Array.from(rates),
    plasma,
    effect,
    metabolite,
    parentClearanceLPerMin: params.parent.clLPerMin,
  });
}
