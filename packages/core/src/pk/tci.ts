/**
 * Target-controlled infusion: a pump-rate schedule with a fixed update interval (e.g. 10 s) that
 * brings the plasma or effect-site concentration to a target and holds it, never negative and
 * never above the pump's maximum rate.
 * - Plasma mode (Bailey & Shafer 1991; Jacobs 1990): each interval, the constant rate that makes
 *   the predicted plasma concentration equal the target at the end of the interval.
 * - Effect mode (Shafer & Gregg 1992): the largest rate whose effect-site curve touches the
 *   target without crossing it, min over tau of (C_T - B(tau)) / U(tau); once the effect site is
 *   within HANDOFF_FRACTION of the target, plasma mode holds it (as STANPUMP/stanpumpR do).
 * The algorithm descriptions are flagged U in the clinical reference (4.5): verify against the papers.
 * @see Shafer SL, Gregg KM. J Pharmacokinet Biopharm 1992;20:147-169
 */
import { err, ok, type Result, type Warning } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import { MIN_PER_HOUR } from './concentration.ts';
import { individualParameters } from './individual-parameters.ts';
import { resolvePkModel, type ModelSelector } from './model-catalog.ts';
import { buildModalModel, type ModalModel } from './modes.ts';
import { parsePatient, type PkPatient } from './patient.ts';
import { modelWarnings } from './simulate.ts';

/** Effect-site to plasma targeting hand-off band, fraction of target (stanpumpR; performance reference 2.1). */
const HANDOFF_FRACTION = 0.05;
/** The look-ahead for effect mode ends once the unit-pulse effect response has fallen below this fraction of its peak. */
const HORIZON_DECAY_FRACTION = 0.5;
/** Longest look-ahead, min (guards slow ke0 models). */
const MAX_HORIZON_MIN = 240;

export type TciTarget = 'plasma' | 'effect';

export interface TciInput {
  readonly model: ModelSelector;
  readonly patient: PkPatient;
  readonly target: TciTarget;
  /** Target steps; the first must start at 0. Concentration ng/mL (>= 0). */
  readonly targets: readonly { readonly atMin: number; readonly concentrationNgPerMl: number }[];
  /** Schedule length, min. */
  readonly untilMin: number;
  /** Pump update interval, s (e.g. 10). */
  readonly updateIntervalSec: number;
  /** Pump maximum rate, mg/h (> 0). */
  readonly pumpMaxRateMgPerH: number;
}

export interface TciOutput {
  readonly model: KnowledgeRef;
  readonly target: TciTarget;
  /** Start of each pump interval, min. */
  readonly startMin: number[];
  /** Pump rate for each interval, mg/h, in [0, pumpMaxRateMgPerH]. */
  readonly rateMgPerH: number[];
  /** Prediction times (interval boundaries, length = intervals + 1), min. */
  readonly timesMin: number[];
  readonly plasmaNgPerMl: number[];
  /** Null when the model has no effect site. */
  readonly effectNgPerMl: number[] | null;
  readonly totalDoseMg: number;
  readonly warnings: Warning[];
}

/** Untrusted JSON may carry anything; a boolean check that does not narrow typed arrays to any[]. */
const isList = (v: unknown): boolean => Array.isArray(v);

const bad = (field: string, message: string): Result<never> =>
  err({ code: 'pk.tci-invalid', field, message: `${field} ${message}` });

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Precomputed per-model, per-interval tables of the controller. */
interface Controller {
  readonly e: Float64Array;
  readonly g: Float64Array;
  /** Cp produced at the end of one interval by 1 mg/min, ng/mL. */
  readonly plasmaUnit: number;
  /** Effect-mode look-ahead: decay factors e^(-r_j tau_k), row-major [k][j], and unit-pulse responses U(tau_k). */
  readonly decay: Float64Array;
  readonly unitEffect: Float64Array;
  readonly horizonSteps: number;
}

function controller(model: ModalModel, dtMin: number): Controller {
  const m = model.rates.length;
  const e = new Float64Array(m);
  const g = new Float64Array(m);
  let plasmaUnit = 0;
  for (let j = 0; j < m; j++) {
    const r = model.rates[j] ?? 1;
    e[j] = Math.exp(-r * dtMin);
    g[j] = (1 - (e[j] ?? 0)) / r;
    plasmaUnit += (model.plasma[j] ?? 0) * (g[j] ?? 0);
  }
  const decayRows: number[] = [];
  const unit: number[] = [];
  const ce = model.effect;
  if (ce) {
    let peak = 0;
    const maxSteps = Math.ceil(MAX_HORIZON_MIN / dtMin);
    for (let k = 1; k <= maxSteps; k++) {
      const tau = k * dtMin;
      let u = 0;
      for (let j = 0; j < m; j++) {
        const r = model.rates[j] ?? 1;
        decayRows.push(Math.exp(-r * tau));
        u += (ce[j] ?? 0) * (g[j] ?? 0) * Math.exp(-r * (tau - dtMin));
      }
      unit.push(u);
      peak = Math.max(peak, u);
      if (k >= 2 && u < HORIZON_DECAY_FRACTION * peak) break;
    }
  }
  return {
    e,
    g,
    plasmaUnit,
    decay: Float64Array.from(decayRows),
    unitEffect: Float64Array.from(unit),
    horizonSteps: unit.length,
  };
}

/**
 * Computes a TCI schedule and its predicted concentrations (typical patient of the model).
 * Errors: `pk.tci-invalid` naming the field; `pk.tci-no-effect-site` for effect targeting with a model without ke0.
 */
export function targetControlledInfusion(input: TciInput): Result<TciOutput> {
  const patient = parsePatient(input.patient);
  if (!patient.ok) return patient;
  const target: unknown = input.target;
  if (target !== 'plasma' && target !== 'effect')
    return bad('target', 'must be "plasma" or "effect".');
  if (!finite(input.untilMin) || input.untilMin <= 0)
    return bad('untilMin', 'must be a number of minutes greater than 0.');
  if (!finite(input.updateIntervalSec) || input.updateIntervalSec <= 0)
    return bad('updateIntervalSec', 'must be a number of seconds greater than 0.');
  if (!finite(input.pumpMaxRateMgPerH) || input.pumpMaxRateMgPerH <= 0)
    return bad('pumpMaxRateMgPerH', 'must be a rate in mg/h greater than 0.');
  const targets: readonly TciInput['targets'][number][] = input.targets;
  if (!isList(targets) || targets.length === 0)
    return bad('targets', 'needs at least one target starting at 0 min.');
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    const previous = i === 0 ? -Infinity : (targets[i - 1]?.atMin ?? 0);
    if (!t || !finite(t.atMin) || t.atMin < 0 || t.atMin <= previous || (i === 0 && t.atMin !== 0))
      return bad(
        `targets.${i}.atMin`,
        i === 0 ? 'must be 0.' : 'must be later than the previous target.',
      );
    if (!finite(t.concentrationNgPerMl) || t.concentrationNgPerMl < 0)
      return bad(
        `targets.${i}.concentrationNgPerMl`,
        'must be a concentration in ng/mL of at least 0.',
      );
  }
  const intervals = Math.ceil((input.untilMin * 60) / input.updateIntervalSec - 1e-9);
  if (intervals > 1_000_000)
    return bad(
      'updateIntervalSec',
      'gives more than 1,000,000 pump updates; use a longer interval.',
    );

  const resolved = resolvePkModel(input.model);
  if (!resolved.ok) return resolved;
  const { model } = resolved.value;
  const built = buildModalModel(individualParameters(model.data, patient.value));
  if (!built.ok) return built;
  const modal = built.value;
  if (input.target === 'effect' && modal.effect === null)
    return err({
      code: 'pk.tci-no-effect-site',
      field: 'target',
      message: `target "effect" needs a model with ke0; ${model.ref.id} has none. Use target "plasma" or another model.`,
    });

  const dt = input.updateIntervalSec / 60;
  const c = controller(modal, dt);
  const m = modal.rates.length;
  const p = modal.plasma;
  const ce = modal.effect;
  const x = new Float64Array(m);
  const maxRate = input.pumpMaxRateMgPerH / MIN_PER_HOUR;
  const startMin = new Array<number>(intervals);
  const rateMgPerH = new Array<number>(intervals);
  const timesMin = new Array<number>(intervals + 1);
  const plasma = new Array<number>(intervals + 1);
  const effect = ce ? new Array<number>(intervals + 1) : null;
  timesMin[0] = 0;
  plasma[0] = 0;
  if (effect) effect[0] = 0;
  let targetIndex = 0;
  let total = 0;
  let currentCe = 0;

  for (let i = 0; i < intervals; i++) {
    const t0 = i * dt;
    while ((targets[targetIndex + 1]?.atMin ?? Infinity) <= t0 + 1e-12) targetIndex++;
    const ct = targets[targetIndex]?.concentrationNgPerMl ?? 0;
    let rate: number;
    if (input.target === 'effect' && ce && Math.abs(currentCe - ct) > HANDOFF_FRACTION * ct) {
      rate = Infinity;
      for (let k = 0; k < c.horizonSteps; k++) {
        const u = c.unitEffect[k] ?? 0;
        if (u <= 0) continue;
        let b = 0;
        const row = k * m;
        for (let j = 0; j < m; j++) b += (ce[j] ?? 0) * (x[j] ?? 0) * (c.decay[row + j] ?? 0);
        const r = (ct - b) / u;
        if (r < rate) rate = r;
      }
    } else {
      let off = 0;
      for (let j = 0; j < m; j++) off += (p[j] ?? 0) * (x[j] ?? 0) * (c.e[j] ?? 0);
      rate = (ct - off) / c.plasmaUnit;
    }
    // Never negative (a pump cannot withdraw drug), never above the pump's maximum.
    rate = rate > maxRate ? maxRate : rate > 0 ? rate : 0;
    let cp = 0;
    let cEff = 0;
    for (let j = 0; j < m; j++) {
      const xj = (x[j] ?? 0) * (c.e[j] ?? 0) + rate * (c.g[j] ?? 0);
      x[j] = xj;
      cp += (p[j] ?? 0) * xj;
      if (ce) cEff += (ce[j] ?? 0) * xj;
    }
    currentCe = cEff > 0 ? cEff : 0;
    total += rate * dt;
    startMin[i] = t0;
    rateMgPerH[i] = rate * MIN_PER_HOUR;
    timesMin[i + 1] = (i + 1) * dt;
    plasma[i + 1] = cp > 0 ? cp : 0;
    if (effect) effect[i + 1] = currentCe;
  }
  return ok({
    model: model.ref,
    target: input.target,
    startMin,
    rateMgPerH,
    timesMin,
    plasmaNgPerMl: plasma,
    effectNgPerMl: effect,
    totalDoseMg: total,
    warnings: [...resolved.value.warnings, ...modelWarnings(model, patient.value, input.untilMin)],
  });
}
