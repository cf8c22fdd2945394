/**
 * Pattern escalation of count discrepancies (safety-security.md T-45): several small
 * discrepancies in a short window count as a possible significant loss (88 FR 40707), even when
 * each was resolved on its own. Thresholds come from the discrepancy-escalation knowledge file.
 */
import { err, ok, type Result } from '../result.ts';
import { parseEnvelope } from '../knowledge/envelope.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import type { Discrepancy } from './ledger-book.ts';
import type { LedgerState } from './ledger-state.ts';
import ruleJson from '../../knowledge/charting/discrepancy-escalation@0.1.0.json' with { type: 'json' };

export interface DiscrepancyEscalationRule {
  readonly source: KnowledgeRef;
  /** Discrepancies within the window that escalate, ≥ 2. */
  readonly minDiscrepancies: number;
  /** Window length, days ≥ 1. */
  readonly windowDays: number;
}

export interface DiscrepancyPattern {
  readonly escalate: boolean;
  /** Discrepancies whose count falls in the window, oldest first. */
  readonly inWindow: readonly Discrepancy[];
  readonly source: KnowledgeRef;
}

const DAY_MS = 86_400_000;

/** Parses the escalation rule file. */
export function parseDiscrepancyEscalationRule(raw: unknown): Result<DiscrepancyEscalationRule> {
  const env = parseEnvelope(raw);
  if (!env.ok) return env;
  const { minDiscrepancies: min, windowDays: days } = env.value.data;
  if (
    typeof min !== 'number' ||
    !Number.isSafeInteger(min) ||
    min < 2 ||
    typeof days !== 'number' ||
    !Number.isSafeInteger(days) ||
    days < 1
  ) {
    return err({
      code: 'knowledge.invalid-ledger-data',
      field: 'data',
      message: 'minDiscrepancies must be a whole number ≥ 2 and windowDays ≥ 1.',
    });
  }
  return ok({
    source: { id: env.value.id, version: env.value.version },
    minDiscrepancies: min,
    windowDays: days,
  });
}

const shipped = parseDiscrepancyEscalationRule(ruleJson);
if (!shipped.ok) throw new Error(`Shipped discrepancy rule is invalid: ${shipped.error.message}`);
/** Default rule: discrepancy-escalation@0.1.0 (draft; 3 in 30 days). */
export const defaultDiscrepancyEscalationRule: DiscrepancyEscalationRule = shipped.value;

/**
 * Finds the discrepancies whose count happened in the `windowDays` up to `asOf` (ISO 8601 UTC
 * instant) — at one location or, by default, clinic-wide — and whether they reach the threshold.
 * Counts that were reversed by a correction do not count.
 */
export function discrepancyPattern(
  state: LedgerState,
  asOf: string,
  rule: DiscrepancyEscalationRule = defaultDiscrepancyEscalationRule,
  location?: string,
): Result<DiscrepancyPattern> {
  const asOfMs = Date.parse(asOf);
  if (!/Z$/.test(asOf) || Number.isNaN(asOfMs)) {
    return err({
      code: 'ledger.invalid-field',
      field: 'asOf',
      message: 'asOf must be a UTC time like 2026-11-25T14:03:00Z.',
    });
  }
  const countedAt = new Map<string, number>();
  for (const e of state.entries)
    if (e.type === 'count') countedAt.set(e.id, Date.parse(e.occurredAt));
  const inWindow = [...state.discrepancies.values()]
    .filter(
      (d) =>
        !state.corrected.has(d.countEntryId) && (location === undefined || d.location === location),
    )
    .filter((d) => {
      const t = countedAt.get(d.countEntryId) ?? Number.NaN;
      return t <= asOfMs && t > asOfMs - rule.windowDays * DAY_MS;
    })
    .sort((a, b) => (countedAt.get(a.countEntryId) ?? 0) - (countedAt.get(b.countEntryId) ?? 0));
  return ok({ escalate: inWindow.length >= rule.minDiscrepancies, inWindow, source: rule.source });
}
