/**
 * Discharge from recovery: the modified Aldrete score (Aldrete 1995; five items 0–2, total
 * 0–10) must reach the protocol's threshold, conventionally ≥ 9, optionally with minimum item
 * scores (a published variant requires ≥ 2 for respiration and SpO2; clinical.md 3.4 [D1, D2]).
 * The threshold is passed in from the protocol; the score itself is computed by scoring. The
 * rule's minimum observation time is evaluated by observation.ts.
 */
import { err, ok, type Result } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';

export const ALDRETE_ITEMS = [
  'activity',
  'respiration',
  'circulation',
  'consciousness',
  'oxygenSaturation',
] as const;
export type AldreteItem = (typeof ALDRETE_ITEMS)[number];

/** The protocol's discharge rule. */
export interface DischargeRule {
  readonly source: KnowledgeRef;
  /** Minimum modified Aldrete total, integer 0..10. */
  readonly minimumTotal: number;
  /** Minimum per item (each 0..2); when set, the assessment must carry item scores. */
  readonly minimumItems?: Readonly<Partial<Record<AldreteItem, number>>>;
  /** Minimum observation after the infusion ends, whole minutes ≥ 0 (checked by observation.ts). */
  readonly minObservationMin: number;
}

/** A recorded modified Aldrete assessment. */
export interface DischargeAssessment {
  /** Total 0..10. */
  readonly total: number;
  /** Item scores 0..2 each; their sum must equal `total`. */
  readonly items?: Readonly<Record<AldreteItem, number>>;
}

export interface DischargeEvaluation {
  readonly met: boolean;
  /** Why discharge is not yet allowed (empty when met). */
  readonly shortfalls: readonly string[];
  readonly source: KnowledgeRef;
}

const score = (v: number, max: number): boolean => Number.isInteger(v) && v >= 0 && v <= max;

/**
 * Validates the assessment and evaluates it against the rule. Errors are input errors
 * (`discharge.invalid-score`, `discharge.items-required`, `discharge.items-do-not-sum`); an
 * assessment below the threshold is not an error but `met: false` with the shortfalls.
 */
export function evaluateDischarge(
  assessment: DischargeAssessment,
  rule: DischargeRule,
): Result<DischargeEvaluation> {
  if (!score(assessment.total, 10)) {
    return err({
      code: 'discharge.invalid-score',
      field: 'assessment.total',
      message: 'The modified Aldrete total must be a whole number from 0 to 10.',
    });
  }
  if (!score(rule.minimumTotal, 10)) {
    return err({
      code: 'discharge.invalid-rule',
      field: 'rule.minimumTotal',
      message: 'The protocol discharge threshold must be a whole number from 0 to 10.',
    });
  }
  const { items } = assessment;
  if (items !== undefined) {
    for (const item of ALDRETE_ITEMS) {
      if (!score(items[item], 2)) {
        return err({
          code: 'discharge.invalid-score',
          field: `assessment.items.${item}`,
          message: `assessment.items.${item} must be 0, 1 or 2.`,
        });
      }
    }
    const sum = ALDRETE_ITEMS.reduce((s, item) => s + items[item], 0);
    if (sum !== assessment.total) {
      return err({
        code: 'discharge.items-do-not-sum',
        field: 'assessment.total',
        message: `The item scores add up to ${sum}, not the recorded total ${assessment.total}.`,
      });
    }
  }
  const shortfalls: string[] = [];
  if (assessment.total < rule.minimumTotal) {
    shortfalls.push(
      `Modified Aldrete ${assessment.total} is below the required ${rule.minimumTotal}.`,
    );
  }
  for (const item of ALDRETE_ITEMS) {
    const min = rule.minimumItems?.[item];
    if (min === undefined) continue;
    if (items === undefined) {
      return err({
        code: 'discharge.items-required',
        field: 'assessment.items',
        message: `The protocol requires item scores (minimum ${item} ${min}); record each item.`,
      });
    }
    if (items[item] < min)
      shortfalls.push(`${item} scored ${items[item]}, the protocol requires at least ${min}.`);
  }
  return ok({ met: shortfalls.length === 0, shortfalls, source: rule.source });
}
