/**
 * IMMPACT clinically important change: percent reduction of pain intensity from baseline
 * against thresholds (≥ 30 % moderately important, ≥ 50 % substantial) and the PGIC answer
 * against its categories (much / very much improved). The thresholds and categories are data
 * from the NRS and PGIC instrument knowledge files; this module only applies them.
 */
import { err, ok, type Result } from '../result.ts';

/** A percent-reduction threshold, e.g. { code: 'immpact.substantial', atLeastPercentReduction: 50 }. */
export interface PainChangeThreshold {
  readonly code: string;
  readonly label: string;
  /** Percent of baseline, 0–100. */
  readonly atLeastPercentReduction: number;
}

/** A PGIC category: the answers that reach it (e.g. much or very much improved). */
export interface PgicChangeClass {
  readonly code: string;
  readonly label: string;
  readonly answers: readonly number[];
}

export interface PainChangeClassification {
  readonly baseline: number;
  readonly followUp: number;
  /** baseline − followUp, in score points (negative when pain increased). */
  readonly absoluteReduction: number;
  /** 100 × (baseline − followUp) / baseline; negative when pain increased. */
  readonly percentReduction: number;
  /** Codes of every threshold reached, strictest last (e.g. moderately important, substantial). */
  readonly reached: readonly string[];
}

/**
 * Classifies a change in pain intensity from baseline.
 *
 * @param baseline score before treatment, > 0 (percent change is undefined at 0)
 * @param followUp score after treatment, ≥ 0
 * @param thresholds from the NRS instrument file (`data.changeClasses`)
 * @see Dworkin RH et al. J Pain 2008;9:105–121 (IMMPACT). doi:10.1016/j.jpain.2007.09.005
 */
export function classifyPainChange(
  baseline: number,
  followUp: number,
  thresholds: readonly PainChangeThreshold[],
): Result<PainChangeClassification> {
  if (!Number.isFinite(baseline) || baseline < 0) {
    return err({
      code: 'stats.invalid-score',
      field: 'baseline',
      message: 'baseline must be a finite score ≥ 0.',
    });
  }
  if (baseline === 0) {
    return err({
      code: 'stats.baseline-zero',
      field: 'baseline',
      message:
        'baseline is 0, so a percent reduction is undefined; classify only patients with baseline pain above 0.',
    });
  }
  if (!Number.isFinite(followUp) || followUp < 0) {
    return err({
      code: 'stats.invalid-score',
      field: 'followUp',
      message: 'followUp must be a finite score ≥ 0.',
    });
  }
  const absoluteReduction = baseline - followUp;
  // Divide first so that huge finite scores cannot overflow to Infinity.
  const percentReduction = 100 * (absoluteReduction / baseline);
  // A relative tolerance of 1e-9 % keeps decimal inputs fair: 7 → 4.9 is exactly 30 %.
  const reached = [...thresholds]
    .sort((a, b) => a.atLeastPercentReduction - b.atLeastPercentReduction)
    .filter((t) => percentReduction >= t.atLeastPercentReduction - 1e-9)
    .map((t) => t.code);
  return ok({ baseline, followUp, absoluteReduction, percentReduction, reached });
}

/**
 * The PGIC categories an answer reaches (e.g. answer "much improved" reaches the moderately
 * important class but not the substantial one).
 *
 * @param answer the PGIC answer value as coded in the PGIC instrument file
 * @param classes from the PGIC instrument file (`data.changeClasses`)
 */
export function classifyPgic(
  answer: number,
  classes: readonly PgicChangeClass[],
): readonly string[] {
  return classes.filter((c) => c.answers.includes(answer)).map((c) => c.code);
}
