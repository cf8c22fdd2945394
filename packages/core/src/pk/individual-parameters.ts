/**
 * Covariate evaluation: a model's structure plus a patient (and optional inter-individual
 * multipliers) gives that patient's volumes (L), clearances (L/min), ke0 (1/min) and the
 * micro-constants (1/min) the modal engine needs. All models are reduced to one canonical form
 * (V1, CL, Q2/V2, Q3/V3) so variability and metabolites are handled in one place.
 */
import type { IivParameter, PkModelData, PkStructure } from './model-types.ts';
import type { PkPatient } from './patient.ts';

const MIN_PER_H = 60;

/** Mammillary disposition in canonical units. */
export interface Disposition {
  readonly v1L: number;
  readonly clLPerMin: number;
  /** Peripheral compartments (0-2): intercompartmental clearance L/min and volume L. */
  readonly peripherals: readonly { readonly qLPerMin: number; readonly vL: number }[];
}

export interface IndividualParameters {
  readonly parent: Disposition;
  /** Plasma-effect-site equilibration rate constant, 1/min; null when the model has no effect site. */
  readonly ke0PerMin: number | null;
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

function scaled(d: Disposition, m: IivMultipliers, prefix: 'parent' | 'metabolite'): Disposition {
  if (prefix === 'metabolite')
    return {
      v1L: d.v1L * (m.metaboliteV1 ?? 1),
      clLPerMin: d.clLPerMin * (m.metaboliteCl ?? 1),
      peripherals: d.peripherals,
    };
  const p0 = d.peripherals[0];
  const p1 = d.peripherals[1];
  const peripherals: { qLPerMin: number; vL: number }[] = [];
  if (p0) peripherals.push({ qLPerMin: p0.qLPerMin * (m.q2 ?? 1), vL: p0.vL * (m.v2 ?? 1) });
  if (p1) peripherals.push({ qLPerMin: p1.qLPerMin * (m.q3 ?? 1), vL: p1.vL * (m.v3 ?? 1) });
  return { v1L: d.v1L * (m.v1 ?? 1), clLPerMin: d.clLPerMin * (m.cl ?? 1), peripherals };
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
  multipliers: IivMultipliers = {},
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
  return withVariability(typical, multipliers);
}

/**
 * Applies inter-individual multipliers to a patient's typical parameters (a population evaluates
 * the covariates once and only this per virtual patient).
 */
export function withVariability(
  typical: IndividualParameters,
  multipliers: IivMultipliers,
): IndividualParameters {
  const met = typical.metabolite;
  return {
    parent: scaled(typical.parent, multipliers, 'parent'),
    ke0PerMin: typical.ke0PerMin === null ? null : typical.ke0PerMin * (multipliers.ke0 ?? 1),
    metabolite:
      met === null
        ? null
        : { ...scaled(met, multipliers, 'metabolite'), fractionFormed: met.fractionFormed },
  };
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
