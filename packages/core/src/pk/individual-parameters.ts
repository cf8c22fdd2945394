/**
 * Covariate evaluation: a model's structure plus a patient (and optional inter-individual
 * multipliers) gives that patient's volumes (L), clearances (L/min), ke0 (1/min) and the
 * micro-constants (1/min) the modal engine needs. All models are reduced to one canonical form
 * (V1, CL, Q2/V2, Q3/V3) so variability and metabolites are handled in one place.
 */
import type { IivParameter, PkModelData, PkStructure } from './model-types.ts';
import type { PkPatient } from './patient.ts';

const MIN_PER_H = 60;

/**
 * Mammillary disposition in canonical units. Fields are writable so that a virtual population
 * reuses one parameter object per patient (`applyVariability`) instead of allocating.
 */
export interface Disposition {
  v1L: number;
  clLPerMin: number;
  /** Peripheral compartments (0-2): intercompartmental clearance L/min and volume L. */
  readonly peripherals: readonly { qLPerMin: number; vL: number }[];
}

export interface IndividualParameters {
  readonly parent: Disposition;
  /** Plasma-effect-site equilibration rate constant, 1/min; null when the model has no effect site. */
  ke0PerMin: number | null;
  readonly metabolite: (Disposition & { readonly fractionFormed: number }) | null;
}

/** Multipliers exp(eta) per parameter; absent = 1. */
export type IivMultipliers = Partial<Record<IivParameter, number>>;

function disposition(s: PkStructure, weightKg: number): Disposition {
  if (s.form === 'micro-per-kg') {
    const v1L = s.v1LPerKg * weightKg;
    const peripherals: { qLPerMin: number; vL: number }[] = [];
    if (s.k12PerMin !== undefined && s.k21PerMin !== undefined)
      peripherals.push({ qLPerMin: s.k12PerMin * v1L, vL: (s.k12PerMin * v1L) / s.k21PerMin });
    if (s.k13PerMin !== undefined && s.k31PerMin !== undefined)
      peripherals.push({ qLPerMin: s.k13PerMin * v1L, vL: (s.k13PerMin * v1L) / s.k31PerMin });
    return { v1L, clLPerMin: s.k10PerMin * v1L, peripherals };
  }
  const size = weightKg / s.referenceWeightKg;
  const cl = size ** s.clearanceExponent / MIN_PER_H;
  const v = size ** s.volumeExponent;
  const peripherals: { qLPerMin: number; vL: number }[] = [];
  if (s.q2LPerH !== undefined && s.v2L !== undefined)
    peripherals.push({ qLPerMin: s.q2LPerH * cl, vL: s.v2L * v });
  if (s.q3LPerH !== undefined && s.v3L !== undefined)
    peripherals.push({ qLPerMin: s.q3LPerH * cl, vL: s.v3L * v });
  return { v1L: s.v1L * v, clLPerMin: s.clLPerH * cl, peripherals };
}

/** ke0 (1/min) from the effect-site spec: given directly or as ln 2 / equilibration half-time. */
export function typicalKe0PerMin(data: PkModelData): number | null {
  const e = data.effectSite;
  if (e === null) return null;
  return 'ke0PerMin' in e ? e.ke0PerMin : Math.LN2 / e.equilibrationHalfTimeMin;
}

/**
 * Individual parameters for one patient.
 * @param multipliers log-normal draws exp(eta) for population simulation; omit for the typical patient.
 */
export function individualParameters(
  data: PkModelData,
  patient: PkPatient,
  multipliers?: IivMultipliers,
): IndividualParameters {
  const ke0 = typicalKe0PerMin(data);
  const met = data.metabolite;
  const typical: IndividualParameters = {
    parent: disposition(data.structure, patient.weightKg),
    ke0PerMin: ke0,
    metabolite:
      met === null
        ? null
        : { ...disposition(met.structure, patient.weightKg), fractionFormed: met.fractionFormed },
  };
  // The typical patient (simulate, TCI) needs no copy: multiplying by 1 would change nothing.
  return multipliers === undefined ? typical : withVariability(typical, multipliers);
}

/**
 * Applies inter-individual multipliers to a patient's typical parameters (a population evaluates
 * the covariates once and only this per virtual patient).
 */
export function withVariability(
  typical: IndividualParameters,
  multipliers: IivMultipliers,
): IndividualParameters {
  const out = copyParameters(typical);
  applyVariability(typical, multipliers, out);
  return out;
}

const copyDisposition = (d: Disposition): Disposition => ({
  v1L: d.v1L,
  clLPerMin: d.clLPerMin,
  peripherals: d.peripherals.map((p) => ({ qLPerMin: p.qLPerMin, vL: p.vL })),
});

/** A deep copy with its own objects, to be overwritten by `applyVariability`. */
export function copyParameters(p: IndividualParameters): IndividualParameters {
  const met = p.metabolite;
  return {
    parent: copyDisposition(p.parent),
    ke0PerMin: p.ke0PerMin,
    metabolite:
      met === null ? null : { ...copyDisposition(met), fractionFormed: met.fractionFormed },
  };
}

/**
 * Writes typical x multipliers into `out` (a `copyParameters` of `typical`) without allocating.
 * Multipliers act on parent CL, V1, Q2, V2, Q3, V3, ke0 and metabolite CL, V1.
 */
export function applyVariability(
  typical: IndividualParameters,
  m: IivMultipliers,
  out: IndividualParameters,
): void {
  const t = typical.parent;
  const o = out.parent;
  o.v1L = t.v1L * (m.v1 ?? 1);
  o.clLPerMin = t.clLPerMin * (m.cl ?? 1);
  const t0 = t.peripherals[0];
  const o0 = o.peripherals[0];
  if (t0 && o0) {
    o0.qLPerMin = t0.qLPerMin * (m.q2 ?? 1);
    o0.vL = t0.vL * (m.v2 ?? 1);
  }
  const t1 = t.peripherals[1];
  const o1 = o.peripherals[1];
  if (t1 && o1) {
    o1.qLPerMin = t1.qLPerMin * (m.q3 ?? 1);
    o1.vL = t1.vL * (m.v3 ?? 1);
  }
  out.ke0PerMin = typical.ke0PerMin === null ? null : typical.ke0PerMin * (m.ke0 ?? 1);
  const tm = typical.metabolite;
  const om = out.metabolite;
  if (tm && om) {
    om.v1L = tm.v1L * (m.metaboliteV1 ?? 1);
    om.clLPerMin = tm.clLPerMin * (m.metaboliteCl ?? 1);
  }
}

/** Micro-constants of a disposition, 1/min: k10 and per peripheral compartment k1p, kp1. */
export interface MicroConstants {
  readonly v1L: number;
  readonly k10PerMin: number;
  readonly peripherals: readonly { readonly k1pPerMin: number; readonly kp1PerMin: number }[];
}

export const microConstants = (d: Disposition): MicroConstants => ({
  v1L: d.v1L,
  k10PerMin: d.clLPerMin / d.v1L,
  peripherals: d.peripherals.map((p) => ({
    k1pPerMin: p.qLPerMin / d.v1L,
    kp1PerMin: p.qLPerMin / p.vL,
  })),
});
