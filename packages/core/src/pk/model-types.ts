/**
 * Typed shape of a pharmacokinetic model knowledge file (`knowledge/pk-models/*.json`) after
 * parsing: structure (micro-constants per kg or allometric clearances and volumes), effect site,
 * metabolite, inter-individual variability and the population the model was built on.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';

export type PkDrug = 'racemic-ketamine' | 's-ketamine';

/** Opentiva-style micro-constants: V1 scales with total body weight, rate constants do not. */
export interface MicroPerKgStructure {
  readonly form: 'micro-per-kg';
  /** Central volume, L per kg of total body weight. */
  readonly v1LPerKg: number;
  readonly k10PerMin: number;
  readonly k12PerMin?: number;
  readonly k21PerMin?: number;
  readonly k13PerMin?: number;
  readonly k31PerMin?: number;
}

/** Clearances (L/h) and volumes (L) at a reference weight, scaled by (weight/ref)^exponent. */
export interface AllometricStructure {
  readonly form: 'allometric';
  readonly referenceWeightKg: number;
  readonly clearanceExponent: number;
  readonly volumeExponent: number;
  readonly clLPerH: number;
  readonly v1L: number;
  readonly q2LPerH?: number;
  readonly v2L?: number;
  readonly q3LPerH?: number;
  readonly v3L?: number;
}

export type PkStructure = MicroPerKgStructure | AllometricStructure;

export type Ke0Basis = 'published' | 'assumed';

export type EffectSiteSpec =
  | { readonly ke0PerMin: number; readonly basis: Ke0Basis; readonly source: string }
  | {
      readonly equilibrationHalfTimeMin: number;
      readonly basis: Ke0Basis;
      readonly source: string;
    };

export interface MetaboliteSpec {
  readonly name: string;
  /** Fraction of parent elimination that forms the metabolite (1 when volumes/clearances are apparent, V/Fm). */
  readonly fractionFormed: number;
  readonly structure: PkStructure;
  /** Published linear rise of metabolite clearance with time after first dose (1/h); the LTI engine neglects it and warns. */
  readonly clearanceTimeSlopePerH?: number;
}

/** Parameters that can carry log-normal inter-individual variability. */
export const IIV_PARAMETERS = [
  'cl',
  'v1',
  'q2',
  'v2',
  'q3',
  'v3',
  'ke0',
  'metaboliteCl',
  'metaboliteV1',
] as const;
export type IivParameter = (typeof IIV_PARAMETERS)[number];

export interface IivSpec {
  readonly parameter: IivParameter;
  /** Between-subject variability as coefficient of variation, %; omega = sqrt(ln(1 + CV^2)). */
  readonly cvPercent: number;
  readonly basis: string;
}

export interface IivCorrelation {
  readonly a: IivParameter;
  readonly b: IivParameter;
  /** Correlation of the two log-normal random effects, -1 < r < 1. */
  readonly r: number;
}

/** Either an observed range (min/max) or a summary (mean/sd); null = not known. */
export interface PopulationRange {
  readonly min?: number;
  readonly max?: number;
  readonly mean?: number;
  readonly sd?: number;
}

export interface ValidatedPopulation {
  readonly description: string;
  readonly n?: number;
  readonly ageYears: PopulationRange | null;
  readonly weightKg: PopulationRange | null;
}

export interface PkModelData {
  readonly drug: PkDrug;
  readonly sampling: 'arterial' | 'venous' | 'unknown';
  /** False for paediatric models: using them for adults always warns. */
  readonly adultUse: boolean;
  readonly structure: PkStructure;
  readonly effectSite: EffectSiteSpec | null;
  readonly metabolite: MetaboliteSpec | null;
  readonly iiv: readonly IivSpec[];
  readonly correlations: readonly IivCorrelation[];
  readonly validatedPopulation: ValidatedPopulation;
}

/** A parsed, validated PK model with the knowledge reference every result must carry. */
export interface PkModel {
  readonly ref: KnowledgeRef;
  readonly status: 'draft' | 'released' | 'retired';
  readonly title: string;
  readonly data: PkModelData;
}
