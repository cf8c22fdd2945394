/**
 * The modal kernel: walks a compiled plan and writes plasma, effect-site and metabolite
 * concentrations (ng/mL) at every output time. Each mode j keeps one amplitude x_j (mg); between
 * events a constant rate R (mg/min) advances it exactly, x_j <- x_j e^(-r_j dt) + R (1 - e^(-r_j dt)) / r_j,
 * a bolus D adds D, and an output is sum_j c_j x_j. Regular output runs use precomputed step
 * factors and an unrolled loop for up to four modes (the common ketamine case).
 * @see Shafer SL, Gregg KM 1992 (STANPUMP recurrences)
 */
import type { CompiledPlan } from './dosing-plan.ts';
import type { ModalModel } from './modes.ts';

/** Output buffers, indexed like the output grid; null where the model has no such output. */
export interface ConcentrationSinks {
  readonly plasma: Float64Array;
  readonly effect: Float64Array | null;
  readonly metabolite: Float64Array | null;
}

/** Modes handled by the unrolled loop; larger models take the generic loop. */
const UNROLLED_MODES = 4;

const positive = (v: number): number => (v > 0 ? v : 0);

/** Exact advance of all amplitudes over dt minutes at a constant rate (mg/min). */
function advance(x: Float64Array, rates: Float64Array, dt: number, rate: number): void {
  if (dt === 0) return;
  for (let j = 0; j < x.length; j++) {
    const r = rates[j] ?? 1;
    const e = Math.exp(-r * dt);
    x[j] = (x[j] ?? 0) * e + (rate * (1 - e)) / r;
  }
}

function emit(x: Float64Array, model: ModalModel, sinks: ConcentrationSinks, k: number): void {
  const dot = (c: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < x.length; j++) s += (c[j] ?? 0) * (x[j] ?? 0);
    // Exact sums of exponentials can cancel to -1e-17 at t = 0 (effect site, metabolite); never report < 0.
    return positive(s);
  };
  sinks.plasma[k] = dot(model.plasma);
  if (sinks.effect && model.effect) sinks.effect[k] = dot(model.effect);
  if (sinks.metabolite && model.metabolite) sinks.metabolite[k] = dot(model.metabolite);
}

/** Per-model step factors for one output step: E_j = e^(-r_j h), G_j = (1 - E_j) / r_j, padded to 4. */
interface StepFactors {
  readonly e: Float64Array;
  readonly g: Float64Array;
  readonly p: Float64Array;
  readonly ce: Float64Array;
  readonly cm: Float64Array;
}

function stepFactors(model: ModalModel, h: number): StepFactors {
  const m = Math.max(UNROLLED_MODES, model.rates.length);
  const e = new Float64Array(m).fill(1);
  const g = new Float64Array(m);
  for (let j = 0; j < model.rates.length; j++) {
    const r = model.rates[j] ?? 1;
    const ej = Math.exp(-r * h);
    e[j] = ej;
    g[j] = (1 - ej) / r;
  }
  const pad = (c: Float64Array | null): Float64Array => {
    const out = new Float64Array(m);
    if (c) out.set(c);
    return out;
  };
  return { e, g, p: pad(model.plasma), ce: pad(model.effect), cm: pad(model.metabolite) };
}

/** `count` regular steps of h minutes at rate R, writing outputs first..first+count-1. Up to 4 modes. */
function runUnrolled(
  x: Float64Array,
  f: StepFactors,
  rate: number,
  first: number,
  count: number,
  sinks: ConcentrationSinks,
): void {
  const { e, g, p, ce, cm } = f;
  const e0 = e[0] ?? 1,
    e1 = e[1] ?? 1,
    e2 = e[2] ?? 1,
    e3 = e[3] ?? 1;
  const g0 = (g[0] ?? 0) * rate,
    g1 = (g[1] ?? 0) * rate,
    g2 = (g[2] ?? 0) * rate,
    g3 = (g[3] ?? 0) * rate;
  const p0 = p[0] ?? 0,
    p1 = p[1] ?? 0,
    p2 = p[2] ?? 0,
    p3 = p[3] ?? 0;
  let x0 = x[0] ?? 0,
    x1 = x[1] ?? 0,
    x2 = x[2] ?? 0,
    x3 = x[3] ?? 0;
  const plasma = sinks.plasma;
  const end = first + count;
  if (sinks.effect === null && sinks.metabolite === null) {
    for (let k = first; k < end; k++) {
      x0 = x0 * e0 + g0;
      x1 = x1 * e1 + g1;
      x2 = x2 * e2 + g2;
      x3 = x3 * e3 + g3;
      plasma[k] = positive(p0 * x0 + p1 * x1 + p2 * x2 + p3 * x3);
    }
  } else {
    const effect = sinks.effect ?? new Float64Array(0);
    const metabolite = sinks.metabolite ?? new Float64Array(0);
    const q0 = ce[0] ?? 0,
      q1 = ce[1] ?? 0,
      q2 = ce[2] ?? 0,
      q3 = ce[3] ?? 0;
    const m0 = cm[0] ?? 0,
      m1 = cm[1] ?? 0,
      m2 = cm[2] ?? 0,
      m3 = cm[3] ?? 0;
    const wantE = sinks.effect !== null,
      wantM = sinks.metabolite !== null;
    for (let k = first; k < end; k++) {
      x0 = x0 * e0 + g0;
      x1 = x1 * e1 + g1;
      x2 = x2 * e2 + g2;
      x3 = x3 * e3 + g3;
      plasma[k] = positive(p0 * x0 + p1 * x1 + p2 * x2 + p3 * x3);
      if (wantE) effect[k] = positive(q0 * x0 + q1 * x1 + q2 * x2 + q3 * x3);
      if (wantM) metabolite[k] = positive(m0 * x0 + m1 * x1 + m2 * x2 + m3 * x3);
    }
  }
  x[0] = x0;
  x[1] = x1;
  x[2] = x2;
  x[3] = x3;
}

function runGeneric(
  x: Float64Array,
  f: StepFactors,
  model: ModalModel,
  rate: number,
  first: number,
  count: number,
  sinks: ConcentrationSinks,
): void {
  for (let k = first; k < first + count; k++) {
    for (let j = 0; j < x.length; j++) x[j] = (x[j] ?? 0) * (f.e[j] ?? 1) + rate * (f.g[j] ?? 0);
    emit(x, model, sinks, k);
  }
}

/**
 * Simulates one patient over a compiled plan into the sinks (length = plan.outputCount).
 * An output at the time of a bolus includes that bolus.
 */
export function propagate(model: ModalModel, plan: CompiledPlan, sinks: ConcentrationSinks): void {
  const m = model.rates.length;
  const x = new Float64Array(Math.max(m, UNROLLED_MODES));
  const h = plan.stepMin;
  const total = plan.outputCount;
  const factors = stepFactors(model, h);
  const unrolled = m <= UNROLLED_MODES;
  const rates = model.rates;
  const state = m <= UNROLLED_MODES ? x.subarray(0, m) : x;
  let t = 0;
  let k = 0;
  let rate = 0;

  /** Emits every output with index <= last, from the current time and rate. */
  const emitThrough = (last: number): void => {
    if (last < k) return;
    advance(state, rates, k * h - t, rate);
    emit(state, model, sinks, k);
    t = k * h;
    k++;
    const count = last - k + 1;
    if (count > 0) {
      if (unrolled) runUnrolled(x, factors, rate, k, count, sinks);
      else runGeneric(x, factors, model, rate, k, count, sinks);
      k = last + 1;
      t = last * h;
    }
  };

  const end = (total - 1) * h;
  for (let ev = 0; ev < plan.eventTimesMin.length; ev++) {
    const te = plan.eventTimesMin[ev] ?? 0;
    if (te > end) break;
    // Last output strictly before te.
    let last = Math.floor(te / h);
    while (last * h >= te) last--;
    while ((last + 1) * h < te) last++;
    emitThrough(Math.min(last, total - 1));
    advance(state, rates, te - t, rate);
    t = te;
    const bolus = plan.eventBolusMg[ev] ?? 0;
    if (bolus !== 0) for (let j = 0; j < m; j++) state[j] = (state[j] ?? 0) + bolus;
    rate = plan.rateAfterMgPerMin[ev] ?? 0;
    if (k < total && k * h === te) {
      emit(state, model, sinks, k);
      k++;
    }
  }
  emitThrough(total - 1);
}
