/**
 * Rapid onset: for each infusion, the NRS change from just before to just after it, and whether
 * the reduction reaches the clinic's rapid-onset threshold (default-outcome-rules).
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import { parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import type { OutcomeRules } from './outcome-rules.ts';
import { atLeast } from './pain-readings.ts';

export interface SessionNrsInput {
  readonly sessionId: string;
  readonly date: string;
  /** NRS 0–10 recorded before the infusion; absent when not recorded. */
  readonly nrsBefore?: number;
  /** NRS 0–10 recorded after the infusion; absent when not recorded. */
  readonly nrsAfter?: number;
}

export type RapidOnsetStatus =
  /** Reduction ≥ threshold. */
  | 'response'
  /** Reduction below threshold (including no change or worse pain). */
  | 'no-response'
  /** A reading is missing. */
  | 'unknown'
  /** NRS before was 0: no reduction is possible. */
  | 'not-applicable';

export interface RapidOnsetResult {
  readonly sessionId: string;
  readonly date: CalendarDate;
  readonly nrsBefore: number | null;
  readonly nrsAfter: number | null;
  /** nrsAfter − nrsBefore in NRS points (negative = relief). */
  readonly changePoints: number | null;
  /** (nrsBefore − nrsAfter) / nrsBefore × 100. */
  readonly reductionPercent: number | null;
  readonly status: RapidOnsetStatus;
}

export interface RapidOnsetSummary {
  readonly sessions: readonly RapidOnsetResult[];
  readonly thresholdPercent: number;
  readonly rules: KnowledgeRef;
}

const checkNrs = (value: number | undefined, field: string): Result<number | null> => {
  if (value === undefined) return ok(null);
  if (!Number.isInteger(value) || value < 0 || value > 10) {
    return err({
      code: 'outcomes.nrs-out-of-range',
      field,
      message: `${field} must be a whole number from 0 to 10.`,
    });
  }
  return ok(value);
};

/** Rapid-onset result per session; a missing reading gives `unknown`, never a response or a failure. */
export const rapidOnset = (
  sessions: readonly SessionNrsInput[],
  rules: OutcomeRules,
): Result<RapidOnsetSummary> => {
  const threshold = rules.rapidOnsetMinimumReductionPercent;
  const out: RapidOnsetResult[] = [];
  for (const [index, s] of sessions.entries()) {
    const at = `sessions[${index}]`;
    const date = parseCalendarDate(s.date, `${at}.date`);
    if (!date.ok) return date;
    const before = checkNrs(s.nrsBefore, `${at}.nrsBefore`);
    if (!before.ok) return before;
    const after = checkNrs(s.nrsAfter, `${at}.nrsAfter`);
    if (!after.ok) return after;
    const b = before.value;
    const a = after.value;
    if (b === null || a === null) {
      out.push({
        sessionId: s.sessionId,
        date: date.value,
        nrsBefore: b,
        nrsAfter: a,
        changePoints: null,
        reductionPercent: null,
        status: 'unknown',
      });
      continue;
    }
    const reductionPercent = b === 0 ? null : ((b - a) / b) * 100;
    const status: RapidOnsetStatus =
      reductionPercent === null
        ? 'not-applicable'
        : atLeast(reductionPercent, threshold)
          ? 'response'
          : 'no-response';
    out.push({
      sessionId: s.sessionId,
      date: date.value,
      nrsBefore: b,
      nrsAfter: a,
      changePoints: a - b,
      reductionPercent,
      status,
    });
  }
  return ok({ sessions: out, thresholdPercent: threshold, rules: rules.ref });
};
