/**
 * Predicted long-lasting CRPS pain relief after a ketamine course (Dahan 2011): the plasma
 * concentration drives an effect compartment whose onset/offset half-time is days (10.9 d), and
 * relief is an Emax function of the effect-compartment concentration,
 * relief = Ce^n / (C50^n + Ce^n), expressed as a fraction of the maximal effect.
 * Assumptions (also in the model file notes): the plasma curve between supplied samples is
 * linear and zero after the last sample (ketamine falls within hours, the effect moves over days);
 * the Hill coefficient is assumed 1; the result describes the typical patient.
 * @see Dahan A et al. Eur J Pain 2011;15:258-267
 */
import { err, ok, type Result, type Warning } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import type { ModelSelector } from '../pk/model-catalog.ts';
import type { PkDrug } from '../pk/model-types.ts';
import { resolveReliefModel } from './pd-model.ts';

const MIN_PER_DAY = 1440;

export interface ReliefInput {
  readonly model: ModelSelector;
  /** Plasma concentration course, e.g. from `simulate`: times ascending from 0, min; values ng/mL. */
  readonly concentration: {
    readonly drug: PkDrug;
    readonly timesMin: readonly number[];
    readonly ngPerMl: readonly number[];
  };
  /** Last output day (> 0). */
  readonly untilDays: number;
  /** Output spacing, days (> 0). */
  readonly stepDays: number;
}

export interface ReliefOutput {
  readonly model: KnowledgeRef;
  readonly timesDays: number[];
  /** Effect-compartment concentration, ng/mL. */
  readonly effectNgPerMl: number[];
  /** Predicted relief as a fraction of the maximal effect, 0 to < 1. */
  readonly reliefFraction: number[];
  readonly warnings: Warning[];
}

/** Untrusted JSON may carry anything; a boolean check that does not narrow typed arrays to any[]. */
const isList = (v: unknown): boolean => Array.isArray(v);

const bad = (field: string, message: string): Result<never> =>
  err({ code: 'pd.input-invalid', field, message: `${field} ${message}` });

/**
 * Exact effect-compartment step over h min for a plasma concentration that is linear in time,
 * c(s) = a + b s: Ce(h) = Ce0 e^(-kh) + a (1 - e^(-kh)) + b (h - (1 - e^(-kh)) / k).
 */
function step(ce: number, a: number, b: number, h: number, k: number): number {
  const oneMinusE = -Math.expm1(-k * h);
  return ce * (1 - oneMinusE) + a * oneMinusE + b * (h - oneMinusE / k);
}

/** Predicts CRPS relief over days from a plasma concentration course. */
export function predictRelief(input: ReliefInput): Result<ReliefOutput> {
  const { timesMin, ngPerMl, drug } = input.concentration;
  if (
    !isList(timesMin) ||
    !isList(ngPerMl) ||
    timesMin.length === 0 ||
    timesMin.length !== ngPerMl.length
  )
    return bad(
      'concentration.timesMin',
      'and concentration.ngPerMl must be non-empty arrays of the same length.',
    );
  for (let i = 0; i < timesMin.length; i++) {
    const t = timesMin[i];
    const c = ngPerMl[i];
    if (
      typeof t !== 'number' ||
      !Number.isFinite(t) ||
      (i === 0 ? t !== 0 : t <= (timesMin[i - 1] ?? 0))
    )
      return bad(
        `concentration.timesMin.${i}`,
        i === 0 ? 'must be 0.' : 'must be later than the previous time.',
      );
    if (typeof c !== 'number' || !Number.isFinite(c) || c < 0)
      return bad(`concentration.ngPerMl.${i}`, 'must be a concentration in ng/mL of at least 0.');
  }
  if (
    typeof input.untilDays !== 'number' ||
    !Number.isFinite(input.untilDays) ||
    input.untilDays <= 0
  )
    return bad('untilDays', 'must be a number of days greater than 0.');
  if (
    typeof input.stepDays !== 'number' ||
    !Number.isFinite(input.stepDays) ||
    input.stepDays <= 0 ||
    input.untilDays / input.stepDays > 1_000_000
  )
    return bad(
      'stepDays',
      'must be a number of days greater than 0 giving at most 1,000,000 outputs.',
    );
  const resolved = resolveReliefModel(input.model);
  if (!resolved.ok) return resolved;
  const { model } = resolved.value;
  const warnings = [...resolved.value.warnings];
  if (drug !== model.data.drug)
    warnings.push({
      code: 'pd.drug-mismatch',
      field: 'concentration.drug',
      message: `${model.ref.id} was fitted to ${model.data.drug} concentrations; a ${drug} course gives an unvalidated prediction.`,
    });
  if (model.data.hillBasis === 'assumed')
    warnings.push({
      code: 'pd.hill-assumed',
      field: 'model',
      message: `The Hill coefficient ${model.data.hill} of ${model.ref.id} is assumed, not published.`,
    });

  const k = Math.LN2 / (model.data.effectHalfTimeDays * MIN_PER_DAY);
  const { c50NgPerMl: c50, hill } = model.data;
  const count = Math.floor(input.untilDays / input.stepDays + 1e-9) + 1;
  const timesDays = new Array<number>(count);
  const effect = new Array<number>(count);
  const relief = new Array<number>(count);
  let ce = 0;
  let t = 0;
  let seg = 0; // current sample segment [timesMin[seg], timesMin[seg+1]]
  const last = timesMin.length - 1;
  const valueAt = (i: number): number => ngPerMl[i] ?? 0;
  /** Advances Ce from t to target (min) across sample segments. */
  const advanceTo = (target: number): void => {
    while (t < target) {
      if (seg >= last) {
        ce = step(ce, 0, 0, target - t, k); // after the last sample the plasma concentration is 0
        t = target;
        return;
      }
      const t0 = timesMin[seg] ?? 0;
      const t1 = timesMin[seg + 1] ?? 0;
      const slope = (valueAt(seg + 1) - valueAt(seg)) / (t1 - t0);
      const end = Math.min(t1, target);
      ce = step(ce, valueAt(seg) + slope * (t - t0), slope, end - t, k);
      t = end;
      if (t >= t1) seg++;
    }
  };
  for (let i = 0; i < count; i++) {
    const day = i * input.stepDays;
    advanceTo(day * MIN_PER_DAY);
    const c = ce > 0 ? ce : 0;
    timesDays[i] = day;
    effect[i] = c;
    const ch = c ** hill;
    relief[i] = ch / (c50 ** hill + ch);
  }
  return ok({
    model: model.ref,
    timesDays,
    effectNgPerMl: effect,
    reliefFraction: relief,
    warnings,
  });
}
