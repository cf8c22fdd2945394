/**
 * The dosing plan (boluses and piecewise-constant infusions) and the output grid: validation
 * (errors name the field) and compilation into a short sorted event list. The kernel jumps
 * exactly from event to event and from output to output, so the solution is exact and the cost
 * is linear in the number of outputs plus events.
 */
import { err, ok, type Result } from '../result.ts';
import { mgPerHToMgPerMin } from './concentration.ts';

export interface Bolus {
  /** Time of the bolus, min from the start (>= 0). */
  readonly atMin: number;
  /** Dose, mg (> 0). */
  readonly doseMg: number;
}

export interface Infusion {
  /** Start, min from the start (>= 0). */
  readonly startMin: number;
  /** Duration, min (> 0). */
  readonly durationMin: number;
  /** Constant rate, mg/h (>= 0). Overlapping infusions add up. */
  readonly rateMgPerH: number;
}

export interface DosingPlan {
  readonly boluses: readonly Bolus[];
  readonly infusions: readonly Infusion[];
}

export interface OutputGrid {
  /** Last output time, min (> 0). */
  readonly untilMin: number;
  /** Output spacing, min (> 0); outputs at 0, step, 2 step, ... up to untilMin. */
  readonly stepMin: number;
}

/** Upper bound on output points per simulation (memory guard, not a clinical number). */
export const MAX_OUTPUT_POINTS = 2_000_000;

/** A compiled plan: events sorted by time, each with its bolus and the total rate after it. */
export interface CompiledPlan {
  readonly eventTimesMin: Float64Array;
  /** Bolus given at the event, mg (0 = none). */
  readonly eventBolusMg: Float64Array;
  /** Total infusion rate from this event to the next, mg/min. */
  readonly rateAfterMgPerMin: Float64Array;
  readonly stepMin: number;
  readonly outputCount: number;
}

const bad = (field: string, message: string): Result<never> =>
  err({ code: 'pk.plan-invalid', field, message: `${field} ${message}` });

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Validates the plan and the grid; every message names the field and the fix. */
export function validatePlan(plan: DosingPlan, grid: OutputGrid): Result<true> {
  if (!isFiniteNumber(grid.untilMin) || grid.untilMin <= 0)
    return bad('untilMin', 'must be a finite number of minutes greater than 0.');
  if (!isFiniteNumber(grid.stepMin) || grid.stepMin <= 0)
    return bad('stepMin', 'must be a finite number of minutes greater than 0.');
  if (grid.untilMin / grid.stepMin + 1 > MAX_OUTPUT_POINTS)
    return bad(
      'stepMin',
      `gives more than ${MAX_OUTPUT_POINTS} output points; use a larger step or a shorter untilMin.`,
    );
  for (let i = 0; i < plan.boluses.length; i++) {
    const b = plan.boluses[i];
    if (b === undefined) continue;
    if (!isFiniteNumber(b.atMin) || b.atMin < 0)
      return bad(`boluses.${i}.atMin`, 'must be a finite number of minutes of at least 0.');
    if (!isFiniteNumber(b.doseMg) || b.doseMg <= 0)
      return bad(`boluses.${i}.doseMg`, 'must be a finite dose in mg greater than 0.');
  }
  for (let i = 0; i < plan.infusions.length; i++) {
    const f = plan.infusions[i];
    if (f === undefined) continue;
    if (!isFiniteNumber(f.startMin) || f.startMin < 0)
      return bad(`infusions.${i}.startMin`, 'must be a finite number of minutes of at least 0.');
    if (!isFiniteNumber(f.durationMin) || f.durationMin <= 0)
      return bad(
        `infusions.${i}.durationMin`,
        'must be a finite number of minutes greater than 0.',
      );
    if (!isFiniteNumber(f.rateMgPerH) || f.rateMgPerH < 0)
      return bad(`infusions.${i}.rateMgPerH`, 'must be a finite rate in mg/h of at least 0.');
  }
  return ok(true);
}

/** Number of outputs: times 0, step, 2 step, ... <= untilMin (times are k * step, no drift). */
export const outputCount = (grid: OutputGrid): number =>
  Math.floor(grid.untilMin / grid.stepMin + 1e-9) + 1;

/** Output times in minutes. */
export function outputTimes(grid: OutputGrid): number[] {
  return Array.from(outputTimesInto(grid, new Float64Array(outputCount(grid))));
}

/** Writes the output times (min) into `out` (length `outputCount(grid)`) and returns it. */
export function outputTimesInto(grid: OutputGrid, out: Float64Array): Float64Array {
  const h = grid.stepMin;
  for (let k = 0; k < out.length; k++) out[k] = k * h;
  return out;
}

/** Compiles a validated plan (call `validatePlan` first). */
export function compilePlan(plan: DosingPlan, grid: OutputGrid): CompiledPlan {
  const times: number[] = [];
  for (const b of plan.boluses) times.push(b.atMin);
  for (const f of plan.infusions) times.push(f.startMin, f.startMin + f.durationMin);
  const unique = [...new Set(times)].sort((a, b) => a - b);
  const n = unique.length;
  const eventTimesMin = Float64Array.from(unique);
  const eventBolusMg = new Float64Array(n);
  const rateAfterMgPerMin = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const t = unique[e] ?? 0;
    let bolus = 0;
    for (const b of plan.boluses) if (b.atMin === t) bolus += b.doseMg;
    // Summed afresh per event (not accumulated deltas) so the rate returns to exactly 0 after the last stop.
    let rate = 0;
    for (const f of plan.infusions)
      if (f.startMin <= t && t < f.startMin + f.durationMin) rate += mgPerHToMgPerMin(f.rateMgPerH);
    eventBolusMg[e] = bolus;
    rateAfterMgPerMin[e] = rate;
  }
  return {
    eventTimesMin,
    eventBolusMg,
    rateAfterMgPerMin,
    stepMin: grid.stepMin,
    outputCount: outputCount(grid),
  };
}
