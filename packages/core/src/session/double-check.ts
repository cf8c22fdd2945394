/**
 * Independent double check of pump settings (ISMP IDC; safety-security.md T-37): a second
 * clinician re-enters the settings blind, and the software compares. The same person cannot be
 * both checkers, and any field that differs by more than the tolerance blocks the start.
 */
import { err, ok, type CoreError, type Result } from '../result.ts';
import { defaultDoubleCheckPolicy, type DoubleCheckPolicy } from './charting-knowledge.ts';

/** One clinician's blind entry of the pump settings. */
export interface DoubleCheckEntry {
  /** The authenticated user who made the entry. */
  readonly userId: string;
  /** Bag concentration, mg/mL, > 0. */
  readonly concentrationMgPerMl: number;
  /** Programmed pump rate, mL/h, > 0. */
  readonly rateMlPerH: number;
  /** Dosing weight, kg, > 0; compared when either entry carries it. */
  readonly weightKg?: number;
  /** Ordered dose rate, mg/h, > 0; compared when either entry carries it. */
  readonly doseRateMgPerH?: number;
}

const COMPARED = ['concentrationMgPerMl', 'rateMlPerH', 'weightKg', 'doseRateMgPerH'] as const;
type ComparedField = (typeof COMPARED)[number];

/** The comparison of one field. */
export interface FieldComparison {
  readonly field: ComparedField;
  readonly first: number;
  readonly second: number;
  /** |first − second| / max(first, second). */
  readonly relativeDifference: number;
  readonly agrees: boolean;
}

/** The outcome of an agreeing double check (stored with the session as evidence). */
export interface DoubleCheckComparison {
  readonly firstUserId: string;
  readonly secondUserId: string;
  readonly fields: readonly FieldComparison[];
  readonly policy: DoubleCheckPolicy;
}

/** A blocked double check; `comparison` is set when both entries were valid but disagreed. */
export interface DoubleCheckError extends CoreError {
  readonly comparison?: DoubleCheckComparison;
}

const positive = (v: number | undefined): boolean => v !== undefined && Number.isFinite(v) && v > 0;

/**
 * Compares two blind entries. Errors: `double-check.same-user` (one person cannot be both),
 * `double-check.invalid-value` (missing, zero, negative or non-finite), `double-check.field-missing`
 * (one entry carries weight or dose rate and the other does not), `double-check.disagreement`
 * (a field differs by more than `policy.maxRelativeDifference` — the protocol's or drug library's
 * tolerance, by default independent-double-check@0.1.0, 1 %; both entries are returned so the
 * screen can show them side by side only now, after both were submitted).
 */
export function compareDoubleCheck(
  first: DoubleCheckEntry,
  second: DoubleCheckEntry,
  policy: DoubleCheckPolicy = defaultDoubleCheckPolicy,
): Result<DoubleCheckComparison, DoubleCheckError> {
  for (const [label, entry] of [
    ['first', first],
    ['second', second],
  ] as const) {
    if (entry.userId.trim() === '') {
      return err({
        code: 'double-check.invalid-value',
        field: `${label}.userId`,
        message: `${label}.userId must name the authenticated clinician.`,
      });
    }
  }
  if (first.userId === second.userId) {
    return err({
      code: 'double-check.same-user',
      field: 'second.userId',
      message:
        'The independent double check must be made by a second clinician, not the one who made the first entry.',
    });
  }
  const fields: FieldComparison[] = [];
  for (const field of COMPARED) {
    const a = first[field];
    const b = second[field];
    if (a === undefined && b === undefined) continue;
    if (a === undefined || b === undefined) {
      const missing = a === undefined ? 'first' : 'second';
      return err({
        code: 'double-check.field-missing',
        field: `${missing}.${field}`,
        message: `${missing}.${field} is missing while the other entry has it; both clinicians must enter the same fields.`,
      });
    }
    for (const [label, v] of [
      ['first', a],
      ['second', b],
    ] as const) {
      if (!positive(v)) {
        return err({
          code: 'double-check.invalid-value',
          field: `${label}.${field}`,
          message: `${label}.${field} must be a number greater than 0.`,
        });
      }
    }
    const relativeDifference = Math.abs(a - b) / Math.max(a, b);
    fields.push({
      field,
      first: a,
      second: b,
      relativeDifference,
      agrees: Math.abs(a - b) <= policy.maxRelativeDifference * Math.max(a, b),
    });
  }
  const comparison: DoubleCheckComparison = {
    firstUserId: first.userId,
    secondUserId: second.userId,
    fields,
    policy,
  };
  const disagreeing = fields.filter((f) => !f.agrees);
  const [worst] = disagreeing;
  if (worst !== undefined) {
    const pct = (policy.maxRelativeDifference * 100).toString();
    return err({
      code: 'double-check.disagreement',
      field: `second.${worst.field}`,
      message: `The two entries disagree by more than ${pct} % on ${disagreeing.map((f) => f.field).join(', ')}; compare both entries, find the error and repeat the double check.`,
      comparison,
    });
  }
  return ok(comparison);
}
