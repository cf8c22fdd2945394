/**
 * Input and result types of the dose calculator and the rate-change check. Every raw number
 * carries its unit in its name; every result lists its inputs, the formula, each limit checked
 * with its knowledge source, and the knowledge ids@versions used (T-38, T-40).
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import type { Sex } from '../body/body-size-knowledge.ts';
import type { DoseBasis, WeightScalar } from './protocol.ts';

export interface PatientMeasures {
  /** Measured total body weight, kg (library hard range; at most the library's entry decimals). */
  readonly weightKg: number;
  /** Height, cm. */
  readonly heightCm: number;
  readonly sex: Sex;
}

/** The bag: a library concentration, or a custom one inside the library's hard range (ISMP). */
export interface ConcentrationChoice {
  readonly mgPerMl: number;
  readonly source: 'library' | 'custom';
}

/** Ketamine already given, mg: this session ⊆ today ⊆ this course. */
export interface GivenMg {
  readonly session: number;
  readonly day: number;
  readonly course: number;
}

/** Units an ordered dose may be written in; it must match the protocol's basis (mg/kg/h also accepts ug/kg/min). */
export type OrderedDoseUnit = 'mg/kg/h' | 'ug/kg/min' | 'mg/h';

export interface DoseInput {
  /** Protocol id and exact version. */
  readonly protocol: KnowledgeRef;
  readonly patient: PatientMeasures;
  readonly concentration: ConcentrationChoice;
  readonly alreadyGivenMg: GivenMg;
  /** The prescriber's dose; defaults to the protocol's typical dose. */
  readonly orderedDose?: { readonly value: number; readonly unit: OrderedDoseUnit };
  /** Infusion time for this order, whole minutes; defaults to the protocol's session duration. */
  readonly plannedDurationMin?: number;
  /** Reason for crossing a soft limit; required when the result needs one. */
  readonly overrideReason?: string;
}

export type FindingSeverity = 'blocked' | 'needs-override' | 'info';

/** Something the clinician must see: a crossed limit, a cap that reduced the rate, draft knowledge. */
export interface DoseFinding {
  /** Stable dotted code, e.g. `dose.above-hard-limit`. */
  readonly code: string;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly field?: string;
}

/** One limit the calculation checked, whether or not it was crossed. */
export interface LimitCheck {
  /** e.g. `dose.hardMax`, `caps.dayMaxMg`, `pump.maxRateMlPerH`. */
  readonly name: string;
  readonly limit: number;
  readonly actual: number;
  readonly unit: string;
  readonly outcome: 'within' | 'soft' | 'blocked' | 'capped';
  readonly source: KnowledgeRef;
}

export type DoseStatus = 'ok' | 'needs-override-reason' | 'blocked';

export interface DoseCalculation {
  /** `blocked` wins over `needs-override-reason`; `ok` means it may be given as shown. */
  readonly status: DoseStatus;
  readonly blocked: boolean;
  readonly needsOverrideReason: boolean;
  /** The accepted override reason (trimmed) when soft limits were crossed and a reason was given. */
  readonly overrideReason: string | null;
  readonly findings: readonly DoseFinding[];
  readonly limitsApplied: readonly LimitCheck[];
  readonly inputs: DoseInput | RateChangeInput;
  /** Protocol, drug library and (when a derived scalar was used) body-size knowledge. */
  readonly knowledge: readonly KnowledgeRef[];
  /** The weight the mg/kg/h dose multiplied (null for mg/h protocols). */
  readonly dosingWeight: {
    readonly weightKg: number;
    readonly scalar: WeightScalar;
    readonly formula: string;
  } | null;
  /** Dose in the protocol's basis: as ordered (after unit conversion) and as delivered after cap and pump rounding. */
  readonly dose: { readonly unit: DoseBasis; readonly ordered: number; readonly delivered: number };
  /** mg/h: from the order, after the hourly cap, and actually delivered at the rounded pump rate. */
  readonly rate: {
    readonly orderedMgPerH: number;
    readonly cappedMgPerH: number;
    readonly deliveredMgPerH: number;
  };
  /** mL/h: exact and rounded down to the pump's resolution (toward safety). */
  readonly pump: {
    readonly unroundedMlPerH: number;
    readonly roundedMlPerH: number;
    readonly rateDecimals: number;
  };
  readonly session: {
    readonly durationMin: number;
    readonly doseMg: number;
    readonly volumeMl: number;
  };
  /** Cumulative mg after this order runs for its duration. */
  readonly totalsAfterMg: GivenMg;
  /** The calculation step by step, with numbers and units. */
  readonly formula: readonly string[];
}

/** A new rate for a running infusion (charting), re-checked against every guardrail. */
export interface RateChangeInput {
  readonly protocol: KnowledgeRef;
  readonly patient: PatientMeasures;
  readonly concentration: ConcentrationChoice;
  readonly alreadyGivenMg: GivenMg;
  /** The new rate as entered: pump mL/h, mg/h, or (mg/kg/h protocols) mg/kg/h. */
  readonly newRate: { readonly value: number; readonly unit: 'mL/h' | 'mg/h' | 'mg/kg/h' };
  /** Minutes left in the session at the new rate (whole minutes; 0 once the planned time is over). */
  readonly remainingMin: number;
  readonly overrideReason?: string;
}
