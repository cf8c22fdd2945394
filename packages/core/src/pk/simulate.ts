/**
 * Public PK simulation: `simulate(input)` takes the JSON shape the CLI `pk simulate` passes
 * through (model, patient, boluses, infusions, untilMin, stepMin), validates it and returns
 * plasma, effect-site and metabolite concentrations in ng/mL on the output grid, the model
 * id@version that produced them and every warning.
 */
import { err, ok, type Result, type Warning } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import { formatRef } from '../knowledge/types.ts';
import { compilePlan, validatePlan, type Bolus, type Infusion } from './dosing-plan.ts';
import { individualParameters } from './individual-parameters.ts';
import { resolvePkModel, type ModelSelector } from './model-catalog.ts';
import type { PkModel } from './model-types.ts';
import { buildModalModel } from './modes.ts';
import { seriesWithTimeAxis, type OutputMemory } from './output-memory.ts';
import { parsePatient, type PkPatient } from './patient.ts';
import { populationWarnings } from './population-warnings.ts';
import { propagate } from './propagate.ts';

export interface SimulateInput {
  readonly model: ModelSelector;
  readonly patient: PkPatient;
  readonly boluses: readonly Bolus[];
  readonly infusions: readonly Infusion[];
  /** Last output time, min. */
  readonly untilMin: number;
  /** Output spacing, min. */
  readonly stepMin: number;
}

/**
 * Series are Float64Arrays (views on one buffer): JSON callers convert them with `Array.from` (the
 * CLI does so for every typed array it prints). With an OutputMemory they are views into the
 * caller's memory: read them, never write them (the memory keeps the time axis for the next run).
 */
export interface SimulateOutput {
  readonly model: KnowledgeRef;
  readonly timesMin: Float64Array;
  /** Plasma (central compartment) concentration of the parent drug, ng/mL. */
  readonly plasmaNgPerMl: Float64Array;
  /** Effect-site concentration, ng/mL; null when the model has no ke0. */
  readonly effectNgPerMl: Float64Array | null;
  /** Metabolite concentration, ng/mL; null when the model has no metabolite. */
  readonly metaboliteNgPerMl: Float64Array | null;
  readonly warnings: Warning[];
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const invalid = (field: string, message: string): Result<never> =>
  err({ code: 'pk.input-invalid', field, message: `${field} ${message}` });

/** Warnings every simulation with this model and patient carries (population, metabolite approximation). */
export function modelWarnings(model: PkModel, patient: PkPatient, untilMin: number): Warning[] {
  const label = formatRef(model.ref);
  const out = populationWarnings(
    patient,
    model.data.validatedPopulation,
    model.data.adultUse,
    label,
  );
  const slope = model.data.metabolite?.clearanceTimeSlopePerH;
  if (slope !== undefined && slope > 0)
    out.push({
      code: 'pk.time-varying-clearance-neglected',
      field: 'model',
      message: `${label}: metabolite clearance rises ${(slope * 100).toFixed(2)} %/h in the source; it is held at its time-0 value, ${(slope * (untilMin / 60) * 100).toFixed(1)} % low by the end of this simulation.`,
    });
  if (model.data.effectSite?.basis === 'assumed')
    out.push({
      code: 'pk.ke0-assumed',
      field: 'model',
      message: `${label}: ke0 is not published for this model (${model.data.effectSite.source}); effect-site values are illustrative.`,
    });
  return out;
}

/**
 * Parses untrusted JSON into a SimulateInput: every field present with the right type. Values
 * are checked afterwards by the patient and plan validators.
 */
export function parseSimulateInput(v: unknown): Result<SimulateInput> {
  if (!isRecord(v)) return invalid('input', 'must be an object.');
  const m = v['model'];
  if (!isRecord(m) || typeof m['id'] !== 'string')
    return invalid('model.id', 'must be a model id string.');
  if (m['version'] !== undefined && typeof m['version'] !== 'string')
    return invalid('model.version', 'must be a version string when given.');
  const patient = parsePatient(v['patient']);
  if (!patient.ok) return patient;
  const list = <T>(key: string, fields: readonly string[]): Result<T[]> => {
    const arr = v[key] ?? [];
    if (!Array.isArray(arr)) return invalid(key, 'must be an array (may be empty).');
    for (let i = 0; i < arr.length; i++) {
      const item: unknown = arr[i];
      if (!isRecord(item))
        return invalid(`${key}.${i}`, `must be an object with ${fields.join(', ')}.`);
      for (const f of fields)
        if (typeof item[f] !== 'number') return invalid(`${key}.${i}.${f}`, 'must be a number.');
    }
    return ok(arr as T[]);
  };
  const boluses = list<Bolus>('boluses', ['atMin', 'doseMg']);
  if (!boluses.ok) return boluses;
  const infusions = list<Infusion>('infusions', ['startMin', 'durationMin', 'rateMgPerH']);
  if (!infusions.ok) return infusions;
  for (const key of ['untilMin', 'stepMin'] as const)
    if (typeof v[key] !== 'number') return invalid(key, 'must be a number of minutes.');
  const selector: ModelSelector =
    m['version'] === undefined ? { id: m['id'] } : { id: m['id'], version: m['version'] };
  return ok({
    model: selector,
    patient: patient.value,
    boluses: boluses.value,
    infusions: infusions.value,
    untilMin: v['untilMin'] as number,
    stepMin: v['stepMin'] as number,
  });
}

/**
 * Simulates one patient with the model's typical parameters.
 * Units: doses mg, rates mg/h, times min, concentrations ng/mL (mg/L x 1000).
 * An output at the time of a bolus includes the bolus.
 * @param memory optional reusable output memory: the series are then read-only views on it, valid
 *   until the next call with the same memory (see OutputMemory)
 */
export function simulate(untrusted: SimulateInput, memory?: OutputMemory): Result<SimulateOutput> {
  // Callers may pass JSON straight through (CLI, HTTP): check the shape before the values.
  const parsed = parseSimulateInput(untrusted);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const patient = ok(input.patient);
  const plan = { boluses: input.boluses, infusions: input.infusions };
  const grid = { untilMin: input.untilMin, stepMin: input.stepMin };
  const valid = validatePlan(plan, grid);
  if (!valid.ok) return valid;
  const resolved = resolvePkModel(input.model);
  if (!resolved.ok) return resolved;
  const { model } = resolved.value;
  const modal = buildModalModel(individualParameters(model.data, patient.value));
  if (!modal.ok) return modal;
  const compiled = compilePlan(plan, grid);
  const n = compiled.outputCount;
  // Views on one buffer (fresh, or the caller's reusable memory, which may already hold this time
  // axis); the kernel writes every element of the concentration series.
  const hasEffect = modal.value.effect !== null;
  const hasMetabolite = modal.value.metabolite !== null;
  const series = seriesWithTimeAxis(
    memory,
    2 + (hasEffect ? 1 : 0) + (hasMetabolite ? 1 : 0),
    grid,
  );
  const timesMin = series[0] ?? new Float64Array(n);
  const plasma = series[1] ?? new Float64Array(n);
  const effect = hasEffect ? (series[2] ?? null) : null;
  const metabolite = hasMetabolite ? (series[series.length - 1] ?? null) : null;
  propagate(modal.value, compiled, { plasma, effect, metabolite, offset: 0 });
  return ok({
    model: model.ref,
    timesMin,
    plasmaNgPerMl: plasma,
    effectNgPerMl: effect,
    metaboliteNgPerMl: metabolite,
    warnings: [...resolved.value.warnings, ...modelWarnings(model, patient.value, input.untilMin)],
  });
}
