/**
 * The instrument model: items with their allowed answers, the scoring rule, severity bands,
 * item flags, subscores and IMMPACT change classes, as read from an `instruments` knowledge
 * file by `parseInstrument`.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import type { PainChangeThreshold, PgicChangeClass } from '../stats/immpact.ts';

export interface AnswerOption {
  readonly value: number;
  readonly label: string;
  readonly loinc?: string;
}

export interface InstrumentItem {
  readonly id: string;
  /** Short descriptor; the verbatim wording comes from the licensed form. */
  readonly label: string;
  /** Whole-number answer range, inclusive. */
  readonly min: number;
  readonly max: number;
  /** When present, one option per whole number from min to max. */
  readonly options?: readonly AnswerOption[];
  readonly loinc?: string;
}

export interface WeightedDomain {
  readonly id: string;
  readonly label: string;
  readonly items: readonly string[];
  /** Domain score = (sum × items / answered) ÷ divisor. */
  readonly divisor: number;
  /** Most unanswered items the domain may have and still be scored (re-weighted). */
  readonly maxMissing: number;
}

export type ScoringRule =
  | { readonly method: 'sum' }
  | { readonly method: 'mean' }
  | { readonly method: 'single' }
  | { readonly method: 'weighted-domains'; readonly domains: readonly WeightedDomain[] };

export interface ScoreBand {
  readonly code: string;
  readonly label: string;
  /** Inclusive whole-number limits. */
  readonly min: number;
  readonly max: number;
}

export interface ItemFlag {
  readonly code: string;
  readonly item: string;
  /** Raised when the item's answer is ≥ this value, whether or not the form is complete. */
  readonly atLeast: number;
  readonly message: string;
}

export interface Subscore {
  readonly id: string;
  readonly label: string;
  /** Summed; all must be answered. */
  readonly items: readonly string[];
}

export interface Instrument {
  readonly ref: KnowledgeRef;
  readonly title: string;
  readonly items: readonly InstrumentItem[];
  readonly scoring: ScoringRule;
  readonly scoreRange: { readonly min: number; readonly max: number };
  readonly bands: readonly ScoreBand[];
  readonly flags: readonly ItemFlag[];
  readonly subscores: readonly Subscore[];
  /** IMMPACT percent-reduction classes (pain intensity instruments). */
  readonly painChangeClasses: readonly PainChangeThreshold[];
  /** IMMPACT PGIC classes (global impression of change). */
  readonly pgicChangeClasses: readonly PgicChangeClass[];
  readonly totalLoinc?: string;
  /** Who answers: the patient (PRO) or the clinician (observer-rated). */
  readonly respondent: 'patient' | 'clinician';
  /** e.g. "past 7 days"; absent for point-in-time scales. */
  readonly recallPeriod?: string;
  /** Smallest change beyond measurement error, in score points, when cited. */
  readonly smallestRealDifference?: number;
}
