/**
 * The modal kernel: walks a compiled plan and writes plasma, effect-site and metabolite
 * concentrations (ng/mL) at every output time. Each mode j keeps one amplitude x_j (mg); between
 * events a constant rate R (mg/min) advances it exactly, x_j <- x_j e^(-r_j dt) + R (1 - e^(-r_j dt)) / r_j,
 * a bolus D adds D, and an output is sum_j c_j x_j. Regular output runs use precomputed step
 * factors and an unrolled loop for up to four modes (the common ketamine case). No closures and
 * no allocation per call when a workspace is reused (population simulation).
 * @see Shafer SL, Gregg KM 1992 (STANPUMP recurrences)
 */
import type { CompiledPlan } from './dosing-plan.ts';
import type { ModalModel } from './modes.ts';

/** Where concentrations go: index = offset + output index (one array type keeps the loops monomorphic). */
export type Sink = Float64Array;

/** Output buffers; null where the model has no such output. */
export interface ConcentrationSinks {
  readonly plasma: Sink;
  readonly effect: Sink | null;
  readonly metabolite: Sink | null;
  /** Index of output 0 in each sink (row start in a population matrix). */
  readonly offset: number;
}

/** Modes handled by the unrolled loop; larger models take the generic loop. */
const UNROLLED_MODES = 4;

/** Reusable scratch memory for `propagate` (sized for up to `modes` modes). */
export interface Workspace {
  readonly x: Float64Array;
  readonly e: Float64Array;
  readonly g: Float64Array;
  readonly p: Float64Array;
  readonly ce: Float64Array;
  readonly cm: Float64Array;
}

export function createWorkspace(modes: number): Workspace {
  const m = Math.max(UNROLLED_MODES, modes);
  return {
    x: new Float64Array(m),
    e: new Float64Array(m),
    g: new Float64Array(m),
    p: new Float64Array(m),
    ce: new Float64Array(m),
    cm: new Float64Array(m),
  };
}

/** Exact advance of the first m amplitudes over dt minutes at a constant rate (mg/min). */
function advance(x: Float64Array, rates: Float64Array, m: number, dt: number, rate: number): void {
  if (dt === 0) return;
  for (let j = 0; j < m; j++) {
    const r = rates[j] ?? 1;
    const e = Math.exp(-r * dt);
    x[j] = (x[j] ?? 0) * e + (rate * (1 - e)) / r;
  }
}

function dot(c: Float64Array, x: Float64Array, m: number): number {
  let s = 0;
  for (let j = 0; j < m; j++) s += (c[j] ?? 0) * (x[j] ?? 0);
  // Exact sums of exponentials can cancel to -1e-17 at t = 0 (effect site, metabolite); never report < 0.
  return s > 0 ? s : 0;
}

function emit(w: Workspace, m: number, sinks: ConcentrationSinks, k: number): void {
  const i = sinks.offset + k;
  sinks.plasma[i] = dot(w.p, w.x, m);
  if (sinks.effect) sinks.effect[i] = dot(w.ce, w.x, m);
  if (sinks.metabolite) sinks.metabolite[i] = dot(w.cm, w.x, m);
}

/** Fills step factors E_j = e^(-r_j h), G_j = (1 - E_j) / r_j and zero-padded coefficients. */
function prepare(w: Workspace, model: ModalModel, h: number): void {
  const m = model.rates.length;
  const { x, e, g, p, ce, cm } = w;
  const effect = model.effect;
  const metabolite = model.metabolite;
  // Plain loops: typed-array fill() is a builtin call that costs more than these few stores.
  for (let j = 0; j < x.length; j++) {
    const inModel = j < m;
    const r = inModel ? (model.rates[j] ?? 1) : 1;
    const ej = inModel ? Math.exp(-r * h) : 1;
    x[j] = 0;
    e[j] = ej;
    g[j] = inModel ? (1 - ej) / r : 0;
    p[j] = inModel ? (model.plasma[j] ?? 0) : 0;
    ce[j] = inModel && effect ? (effect[j] ?? 0) : 0;
    cm[j] = inModel && metabolite ? (metabolite[j] ?? 0) : 0;
  }
}

/** `count` regular steps at rate R for models with at most two modes, plasma only (2-compartment, no ke0). */
function runTwo(
  w: Workspace,
  rate: number,
  first: number,
  count: number,
  plasma: Sink,
  offset: number,
): void {
  const { e, g, p, x } = w;
  const e0 = e[0] ?? 1;
  const e1 = e[1] ?? 1;
  const g0 = (g[0] ?? 0) * rate;
  const g1 = (g[1] ?? 0) * rate;
  const p0 = p[0] ?? 0;
  const p1 = p[1] ?? 0;
  let x0 = x[0] ?? 0;
  let x1 = x[1] ?? 0;
  const start = offset + first;
  const end = start + count;
  for (let k = start; k < end; k++) {
    x0 = x0 * e0 + g0;
    x1 = x1 * e1 + g1;
    const cp = p0 * x0 + p1 * x1;
    plasma[k] = cp > 0 ? cp : 0;
  }
  x[0] = x0;
  x[1] = x1;
}

/** Step factors E_j and G_j R of up to four modes (unused modes: E = 1, G = 0), loaded into locals by the loops. */
interface Unrolled {
  e0: number;
  e1: number;
  e2: number;
  e3: number;
  g0: number;
  g1: number;
  g2: number;
  g3: number;
}

/** `count` regular steps at rate R, plasma only, up to 4 modes. */
function runPlasma(w: Workspace, s: Unrolled, start: number, end: number, plasma: Sink): void {
  const { e0, e1, e2, e3, g0, g1, g2, g3 } = s;
  const { p, x } = w;
  const p0 = p[0] ?? 0,
    p1 = p[1] ?? 0,
    p2 = p[2] ?? 0,
    p3 = p[3] ?? 0;
  let x0 = x[0] ?? 0,
    x1 = x[1] ?? 0,
    x2 = x[2] ?? 0,
    x3 = x[3] ?? 0;
  for (let k = start; k < end; k++) {
    x0 = x0 * e0 + g0;
    x1 = x1 * e1 + g1;
    x2 = x2 * e2 + g2;
    x3 = x3 * e3 + g3;
    const cp = p0 * x0 + p1 * x1 + p2 * x2 + p3 * x3;
    plasma[k] = cp > 0 ? cp : 0;
  }
  x[0] = x0;
  x[1] = x1;
  x[2] = x2;
  x[3] = x3;
}

/** `count` regular steps at rate R, plasma and effect site, up to 4 modes (the ketamine case). */
function runPlasmaEffect(
  w: Workspace,
  s: Unrolled,
  start: number,
  end: number,
  plasma: Sink,
  effect: Sink,
): void {
  const { e0, e1, e2, e3, g0, g1, g2, g3 } = s;
  const { p, ce, x } = w;
  const p0 = p[0] ?? 0,
    p1 = p[1] ?? 0,
    p2 = p[2] ?? 0,
    p3 = p[3] ?? 0;
  const q0 = ce[0] ?? 0,
    q1 = ce[1] ?? 0,
    q2 = ce[2] ?? 0,
    q3 = ce[3] ?? 0;
  let x0 = x[0] ?? 0,
    x1 = x[1] ?? 0,
    x2 = x[2] ?? 0,
    x3 = x[3] ?? 0;
  for (let k = start; k < end; k++) {
    x0 = x0 * e0 + g0;
    x1 = x1 * e1 + g1;
    x2 = x2 * e2 + g2;
    x3 = x3 * e3 + g3;
    const cp = p0 * x0 + p1 * x1 + p2 * x2 + p3 * x3;
    const cq = q0 * x0 + q1 * x1 + q2 * x2 + q3 * x3;
    plasma[k] = cp > 0 ? cp : 0;
    effect[k] = cq > 0 ? cq : 0;
  }
  x[0] = x0;
  x[1] = x1;
  x[2] = x2;
  x[3] = x3;
}

/** `count` regular steps at rate R, plasma, effect site and metabolite, up to 4 modes (S-ketamine). */
function runAll(
  w: Workspace,
  s: Unrolled,
  start: number,
  end: number,
  plasma: Sink,
  effect: Sink,
  metabolite: Sink,
): void {
  const { e0, e1, e2, e3, g0, g1, g2, g3 } = s;
  const { p, ce, cm, x } = w;
  const p0 = p[0] ?? 0,
    p1 = p[1] ?? 0,
    p2 = p[2] ?? 0,
    p3 = p[3] ?? 0;
  const q0 = ce[0] ?? 0,
    q1 = ce[1] ?? 0,
    q2 = ce[2] ?? 0,
    q3 = ce[3] ?? 0;
  const m0 = cm[0] ?? 0,
    m1 = cm[1] ?? 0,
    m2 = cm[2] ?? 0,
    m3 = cm[3] ?? 0;
  let x0 = x[0] ?? 0,
    x1 = x[1] ?? 0,
    x2 = x[2] ?? 0,
    x3 = x[3] ?? 0;
  for (let k = start; k < end; k++) {
    x0 = x0 * e0 + g0;
    x1 = x1 * e1 + g1;
    x2 = x2 * e2 + g2;
    x3 = x3 * e3 + g3;
    const cp = p0 * x0 + p1 * x1 + p2 * x2 + p3 * x3;
    const cq = q0 * x0 + q1 * x1 + q2 * x2 + q3 * x3;
    const cn = m0 * x0 + m1 * x1 + m2 * x2 + m3 * x3;
    plasma[k] = cp > 0 ? cp : 0;
    effect[k] = cq > 0 ? cq : 0;
    metabolite[k] = cn > 0 ? cn : 0;
  }
  x[0] = x0;
  x[1] = x1;
  x[2] = x2;
  x[3] = x3;
}

/**
 * `count` regular steps at rate R for up to four modes: one loop per combination of outputs, so
 * each loop has no branch but the clamp. Returns false when the combination has no unrolled loop.
 */
function runUnrolled(
  w: Workspace,
  rate: number,
  first: number,
  count: number,
  sinks: ConcentrationSinks,
): boolean {
  const { e, g } = w;
  const s: Unrolled = {
    e0: e[0] ?? 1,
    e1: e[1] ?? 1,
    e2: e[2] ?? 1,
    e3: e[3] ?? 1,
    g0: (g[0] ?? 0) * rate,
    g1: (g[1] ?? 0) * rate,
    g2: (g[2] ?? 0) * rate,
    g3: (g[3] ?? 0) * rate,
  };
  const start = sinks.offset + first;
  const end = start + count;
  const { plasma, effect, metabolite } = sinks;
  if (effect === null && metabolite === null) runPlasma(w, s, start, end, plasma);
  else if (effect !== null && metabolite === null)
    runPlasmaEffect(w, s, start, end, plasma, effect);
  else if (effect !== null && metabolite !== null)
    runAll(w, s, start, end, plasma, effect, metabolite);
  else return false;
  return true;
}

function runGeneric(
  w: Workspace,
  m: number,
  rate: number,
  first: number,
  count: number,
  sinks: ConcentrationSinks,
): void {
  const { x, e, g } = w;
  for (let k = first; k < first + count; k++) {
    for (let j = 0; j < m; j++) x[j] = (x[j] ?? 0) * (e[j] ?? 1) + rate * (g[j] ?? 0);
    emit(w, m, sinks, k);
  }
}

/**
 * Walk state: time of the amplitudes (min), next output index, current rate (mg/min), and whether
 * the amplitudes sit at the previous output's time (then the next output is one regular step away
 * and needs no exponential).
 */
interface Cursor {
  t: number;
  k: number;
  rate: number;
  onGrid: boolean;
}

/** One regular step of length h with the precomputed factors (no exponential). */
function step(w: Workspace, m: number, rate: number): void {
  const { x, e, g } = w;
  for (let j = 0; j < m; j++) x[j] = (x[j] ?? 0) * (e[j] ?? 1) + rate * (g[j] ?? 0);
}

/** `count` regular steps emitting outputs first..first+count-1, by the fastest loop that fits. */
function run(
  w: Workspace,
  m: number,
  rate: number,
  first: number,
  count: number,
  sinks: ConcentrationSinks,
): void {
  if (m <= 2 && sinks.effect === null && sinks.metabolite === null)
    runTwo(w, rate, first, count, sinks.plasma, sinks.offset);
  else if (m > UNROLLED_MODES || !runUnrolled(w, rate, first, count, sinks))
    runGeneric(w, m, rate, first, count, sinks);
}

/** Emits every output with index <= last from the cursor's time and rate. */
function emitThrough(
  c: Cursor,
  last: number,
  model: ModalModel,
  h: number,
  w: Workspace,
  sinks: ConcentrationSinks,
): void {
  if (last < c.k) return;
  const m = model.rates.length;
  if (!c.onGrid) {
    // Off the grid (after an event between outputs): one exact jump to the next output.
    advance(w.x, model.rates, m, c.k * h - c.t, c.rate);
    emit(w, m, sinks, c.k);
    c.k++;
  }
  if (last >= c.k) run(w, m, c.rate, c.k, last - c.k + 1, sinks);
  c.k = last + 1;
  c.t = last * h;
  c.onGrid = true;
}

/**
 * Simulates one patient over a compiled plan into the sinks (outputs at sinks.offset ...).
 * An output at the time of a bolus includes that bolus. Exponentials are computed once per call
 * for the grid step and once per off-grid event; every other step uses the precomputed factors.
 * @param workspace reuse across calls to avoid allocation; created when omitted
 */
export function propagate(
  model: ModalModel,
  plan: CompiledPlan,
  sinks: ConcentrationSinks,
  workspace: Workspace = createWorkspace(model.rates.length),
): void {
  const m = model.rates.length;
  const h = plan.stepMin;
  const total = plan.outputCount;
  const w = workspace;
  prepare(w, model, h);
  const c: Cursor = { t: 0, k: 0, rate: 0, onGrid: false };
  const end = (total - 1) * h;
  for (let ev = 0; ev < plan.eventTimesMin.length; ev++) {
    const te = plan.eventTimesMin[ev] ?? 0;
    if (te > end) break;
    // Last output strictly before te.
    let last = Math.floor(te / h);
    while (last * h >= te) last--;
    while ((last + 1) * h < te) last++;
    emitThrough(c, Math.min(last, total - 1), model, h, w, sinks);
    // An event on the next output time is one regular step away; any other is an exact jump.
    if (c.onGrid && te === c.k * h) step(w, m, c.rate);
    else advance(w.x, model.rates, m, te - c.t, c.rate);
    c.t = te;
    c.onGrid = false;
    const bolus = plan.eventBolusMg[ev] ?? 0;
    if (bolus !== 0) for (let j = 0; j < m; j++) w.x[j] = (w.x[j] ?? 0) + bolus;
    c.rate = plan.rateAfterMgPerMin[ev] ?? 0;
    if (c.k < total && c.k * h === te) {
      emit(w, m, sinks, c.k);
      c.k++;
      c.onGrid = true;
    }
  }
  emitThrough(c, total - 1, model, h, w, sinks);
}
