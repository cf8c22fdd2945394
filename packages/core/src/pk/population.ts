/**
 * Population simulation: virtual patients drawn with log-normal inter-individual variability
 * (the model's published %CV, omega = sqrt(ln(1 + CV^2)), correlations by Cholesky factor) from a
 * seeded generator passed in. Returns percentile bands per output time and the probability that a
 * patient's concentration stays inside a target range over a window.
 */
import { err, ok, type Result, type Warning } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import {
  compilePlan,
  outputTimes,
  validatePlan,
  type Bolus,
  type Infusion,
} from './dosing-plan.ts';
import {
  applyVariability,
  copyParameters,
  individualParameters,
  type IivMultipliers,
} from './individual-parameters.ts';
import { resolvePkModel, type ModelSelector } from './model-catalog.ts';
import type { IivParameter, PkModelData } from './model-types.ts';
import { allocateModalModel, fillModalModel, type ModalModel } from './modes.ts';
import { seriesMemory, type OutputMemory } from './output-memory.ts';
import type { PkPatient } from './patient.ts';
import { percentilesInPlace } from './percentiles.ts';
import { createWorkspace, propagate, type Workspace } from './propagate.ts';
import type { Rng } from './random.ts';
import { modelWarnings, parseSimulateInput } from './simulate.ts';

/** Largest virtual population per call (memory guard, not a clinical number). */
export const MAX_VIRTUAL_PATIENTS = 100_000;
const DEFAULT_PERCENTILES = [5, 50, 95] as const;

export interface TargetRange {
  readonly output: 'plasma' | 'effect';
  readonly lowNgPerMl: number;
  readonly highNgPerMl: number;
  /** Window of output times checked, min (inclusive). */
  readonly fromMin: number;
  readonly toMin: number;
}

export interface PopulationInput {
  readonly model: ModelSelector;
  /** The typical patient whose covariates every virtual patient shares. */
  readonly patient: PkPatient;
  readonly boluses: readonly Bolus[];
  readonly infusions: readonly Infusion[];
  readonly untilMin: number;
  readonly stepMin: number;
  /** Number of virtual patients, 1..MAX_VIRTUAL_PATIENTS. */
  readonly patients: number;
  /** Ascending percentiles in [0, 100]; default 5, 50, 95. */
  readonly percentiles?: readonly number[];
  readonly targetRange?: TargetRange;
}

export interface Band {
  readonly percentile: number;
  readonly plasmaNgPerMl: number[];
  readonly effectNgPerMl: number[] | null;
  readonly metaboliteNgPerMl: number[] | null;
}

export interface PopulationOutput {
  readonly model: KnowledgeRef;
  readonly patients: number;
  readonly timesMin: number[];
  readonly bands: Band[];
  /** Fraction of virtual patients inside the target range over the whole window; null without a range. */
  readonly probabilityInRange: number | null;
  readonly warnings: Warning[];
}

/** Concentration matrices, row-major [patient][time]. */
export interface PopulationMatrix {
  readonly outputs: number;
  readonly plasma: Float64Array;
  readonly effect: Float64Array | null;
  readonly metabolite: Float64Array | null;
}

/** Untrusted JSON may carry anything; a boolean check that does not narrow typed arrays to any[]. */
const isList = (v: unknown): boolean => Array.isArray(v);

const bad = (field: string, message: string): Result<never> =>
  err({ code: 'pk.population-invalid', field, message: `${field} ${message}` });

/** Draws exp(eta) multipliers: eta = L z with L the Cholesky factor of the omega matrix. */
export function iivSampler(data: PkModelData): Result<(rng: Rng) => IivMultipliers> {
  const params: IivParameter[] = data.iiv.map((s) => s.parameter);
  const omega = data.iiv.map((s) => Math.sqrt(Math.log(1 + (s.cvPercent / 100) ** 2)));
  const d = params.length;
  if (d === 0)
    return err({
      code: 'pk.no-iiv',
      field: 'model',
      message:
        'This model publishes no inter-individual variability, so it cannot drive a population simulation; choose a model with IIV.',
    });
  const cov = omega.map((wi, i) => omega.map((wj, j) => (i === j ? wi * wi : 0)));
  for (const c of data.correlations) {
    const i = params.indexOf(c.a);
    const j = params.indexOf(c.b);
    if (i < 0 || j < 0)
      return bad('model', `correlation ${c.a}-${c.b} names a parameter without IIV.`);
    const v = c.r * (omega[i] ?? 0) * (omega[j] ?? 0);
    (cov[i] ?? [])[j] = v;
    (cov[j] ?? [])[i] = v;
  }
  const l = cov.map(() => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = cov[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) s -= (l[i]?.[k] ?? 0) * (l[j]?.[k] ?? 0);
      if (i === j) {
        if (s <= 0) return bad('model', 'IIV covariance matrix is not positive definite.');
        (l[i] ?? [])[i] = Math.sqrt(s);
      } else (l[i] ?? [])[j] = s / (l[j]?.[j] ?? 1);
    }
  const z = new Array<number>(d).fill(0);
  // One multipliers object, overwritten per draw (callers use it before the next draw).
  const m: IivMultipliers = {};
  return ok((rng: Rng) => {
    for (let i = 0; i < d; i++) z[i] = rng.nextNormal();
    for (let i = 0; i < d; i++) {
      let eta = 0;
      for (let k = 0; k <= i; k++) eta += (l[i]?.[k] ?? 0) * (z[k] ?? 0);
      const p = params[i];
      if (p !== undefined) m[p] = Math.exp(eta);
    }
    return m;
  });
}

/**
 * The per-patient setup of a population (PK-4): a function that draws one virtual patient's
 * multipliers, applies them to the typical patient's parameters and fills the modes. It reuses one
 * parameter object and one model object, so the returned model is overwritten by the next call.
 */
export function virtualPatientSetup(
  data: PkModelData,
  patient: PkPatient,
): Result<(rng: Rng) => Result<ModalModel>> {
  const sampler = iivSampler(data);
  if (!sampler.ok) return sampler;
  const draw = sampler.value;
  // Covariates are evaluated once; only the multipliers change per patient.
  const typical = individualParameters(data, patient);
  const individual = copyParameters(typical);
  const modal = allocateModalModel(typical);
  return ok((rng: Rng) => {
    applyVariability(typical, draw(rng), individual);
    return fillModalModel(individual, modal);
  });
}

/**
 * Simulates `patients` virtual patients into concentration matrices (the heavy part, benchmarked
 * on its own). Inputs must already be validated.
 */
export function simulatePopulationMatrix(
  data: PkModelData,
  patient: PkPatient,
  plan: { boluses: readonly Bolus[]; infusions: readonly Infusion[] },
  grid: { untilMin: number; stepMin: number },
  patients: number,
  rng: Rng,
  memory?: OutputMemory,
): Result<PopulationMatrix> {
  const next = virtualPatientSetup(data, patient);
  if (!next.ok) return next;
  const compiled = compilePlan(plan, grid);
  const t = compiled.outputCount;
  const hasEffect = data.effectSite !== null;
  const hasMetabolite = data.metabolite !== null;
  const series = seriesMemory(
    memory,
    1 + (hasEffect ? 1 : 0) + (hasMetabolite ? 1 : 0),
    patients * t,
  );
  const plasma = series[0] ?? new Float64Array(0);
  const effect = hasEffect ? (series[1] ?? null) : null;
  const metabolite = hasMetabolite ? (series[series.length - 1] ?? null) : null;
  let scratch: Workspace | null = null;
  for (let i = 0; i < patients; i++) {
    const modal = next.value(rng);
    if (!modal.ok) return modal;
    scratch ??= createWorkspace(modal.value.rates.length);
    propagate(modal.value, compiled, { plasma, effect, metabolite, offset: i * t }, scratch);
  }
  return ok({ outputs: t, plasma, effect, metabolite });
}

/** Time points transposed together: reads stay sequential along each patient's row. */
const TRANSPOSE_BLOCK = 16;

function bandsOf(
  matrix: Float64Array,
  patients: number,
  t: number,
  percentiles: readonly number[],
): number[][] {
  const out = percentiles.map(() => new Array<number>(t));
  const block = new Float64Array(TRANSPOSE_BLOCK * patients);
  for (let k0 = 0; k0 < t; k0 += TRANSPOSE_BLOCK) {
    const width = Math.min(TRANSPOSE_BLOCK, t - k0);
    for (let i = 0; i < patients; i++) {
      const row = i * t + k0;
      for (let b = 0; b < width; b++) block[b * patients + i] = matrix[row + b] ?? NaN;
    }
    for (let b = 0; b < width; b++) {
      const column = block.subarray(b * patients, (b + 1) * patients);
      const values = percentilesInPlace(column, percentiles);
      for (let p = 0; p < values.length; p++) (out[p] ?? [])[k0 + b] = values[p] ?? NaN;
    }
  }
  return out;
}

/**
 * Runs a virtual population and summarises it.
 * @param rng seeded generator (see createRng); the same seed gives the same result.
 * @param memory optional reusable matrix memory (see OutputMemory); results never depend on it
 */
export function simulatePopulation(
  input: PopulationInput,
  rng: Rng,
  memory?: OutputMemory,
): Result<PopulationOutput> {
  // Shape of the shared fields (model, patient, boluses, infusions, grid) as for `simulate`.
  const shape = parseSimulateInput(input);
  if (!shape.ok) return shape;
  const patient = ok(shape.value.patient);
  const plan = { boluses: shape.value.boluses, infusions: shape.value.infusions };
  const grid = { untilMin: input.untilMin, stepMin: input.stepMin };
  const valid = validatePlan(plan, grid);
  if (!valid.ok) return valid;
  if (
    !Number.isInteger(input.patients) ||
    input.patients < 1 ||
    input.patients > MAX_VIRTUAL_PATIENTS
  )
    return bad('patients', `must be a whole number from 1 to ${MAX_VIRTUAL_PATIENTS}.`);
  const percentiles = input.percentiles ?? DEFAULT_PERCENTILES;
  if (!isList(percentiles)) return bad('percentiles', 'must be an array of numbers.');
  for (let i = 0; i < percentiles.length; i++) {
    const p = percentiles[i] ?? NaN;
    if (!Number.isFinite(p) || p < 0 || p > 100 || (i > 0 && p <= (percentiles[i - 1] ?? 0)))
      return bad(`percentiles.${i}`, 'must be ascending numbers from 0 to 100.');
  }
  const range = input.targetRange;
  if (range !== undefined && (typeof range !== 'object' || (range as unknown) === null))
    return bad(
      'targetRange',
      'must be an object with output, lowNgPerMl, highNgPerMl, fromMin and toMin.',
    );
  if (range) {
    const output: unknown = range.output;
    if (output !== 'plasma' && output !== 'effect')
      return bad('targetRange.output', 'must be "plasma" or "effect".');
    if (
      !(range.lowNgPerMl >= 0) ||
      !(range.highNgPerMl > range.lowNgPerMl) ||
      !Number.isFinite(range.highNgPerMl)
    )
      return bad(
        'targetRange.highNgPerMl',
        'must be a finite concentration above lowNgPerMl (itself >= 0).',
      );
    if (!(range.fromMin >= 0) || !(range.toMin >= range.fromMin) || !Number.isFinite(range.toMin))
      return bad('targetRange.toMin', 'must be a finite time at or after fromMin (itself >= 0).');
  }
  const resolved = resolvePkModel(input.model);
  if (!resolved.ok) return resolved;
  const { model } = resolved.value;
  if (range?.output === 'effect' && model.data.effectSite === null)
    return bad('targetRange.output', `cannot be "effect": ${model.ref.id} has no effect site.`);
  const matrix = simulatePopulationMatrix(
    model.data,
    patient.value,
    plan,
    grid,
    input.patients,
    rng,
    memory,
  );
  if (!matrix.ok) return matrix;
  const m = matrix.value;
  const n = input.patients;
  const t = m.outputs;
  const plasmaBands = bandsOf(m.plasma, n, t, percentiles);
  const effectBands = m.effect ? bandsOf(m.effect, n, t, percentiles) : null;
  const metaboliteBands = m.metabolite ? bandsOf(m.metabolite, n, t, percentiles) : null;

  let probabilityInRange: number | null = null;
  if (range) {
    const times = outputTimes(grid);
    const series = range.output === 'plasma' ? m.plasma : (m.effect ?? m.plasma);
    let inside = 0;
    for (let i = 0; i < n; i++) {
      let ok = true;
      for (let k = 0; k < t && ok; k++) {
        const time = times[k] ?? NaN;
        if (time < range.fromMin || time > range.toMin) continue;
        const c = series[i * t + k] ?? NaN;
        ok = c >= range.lowNgPerMl && c <= range.highNgPerMl;
      }
      if (ok) inside++;
    }
    probabilityInRange = inside / n;
  }
  return ok({
    model: model.ref,
    patients: n,
    timesMin: outputTimes(grid),
    bands: percentiles.map((p, i) => ({
      percentile: p,
      plasmaNgPerMl: plasmaBands[i] ?? [],
      effectNgPerMl: effectBands ? (effectBands[i] ?? []) : null,
      metaboliteNgPerMl: metaboliteBands ? (metaboliteBands[i] ?? []) : null,
    })),
    probabilityInRange,
    warnings: [...resolved.value.warnings, ...modelWarnings(model, patient.value, input.untilMin)],
  });
}
