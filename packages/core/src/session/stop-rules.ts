/**
 * Stop rules: a charted value that crosses a protocol threshold (e.g. systolic BP above 180 mmHg,
 * Mo 2020; clinical.md 3.1) raises an alarm naming the rule, the value, the threshold and the
 * required action. The alarm must be acknowledged with an action by the clinician (server).
 */
import { err, ok, type Result } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import { VITAL_FIELDS, type Observations, type VitalField } from './vital-signs.ts';

export type StopRuleComparison = 'above' | 'at-or-above' | 'below' | 'at-or-below';
/** Ordered from most to least severe. */
export const STOP_ACTIONS = ['stop', 'pause', 'notify'] as const;
export type StopAction = (typeof STOP_ACTIONS)[number];

/** One protocol stop rule. */
export interface StopRule {
  /** Stable id within the protocol, e.g. `sbp-high`. */
  readonly id: string;
  readonly field: VitalField;
  readonly comparison: StopRuleComparison;
  /** In the unit of `field`. */
  readonly threshold: number;
  readonly action: StopAction;
  /** The protocol id@version the rule belongs to. */
  readonly source: KnowledgeRef;
}

export interface StopRuleAlarm {
  readonly ruleId: string;
  readonly field: VitalField;
  readonly value: number;
  readonly comparison: StopRuleComparison;
  readonly threshold: number;
  readonly action: StopAction;
  readonly source: KnowledgeRef;
}

export interface StopRuleEvaluation {
  /** Alarms, most severe action first. */
  readonly alarms: readonly StopRuleAlarm[];
  /** The most severe action required, or `none`. */
  readonly requiredAction: StopAction | 'none';
  /** Rules whose field was not in this entry (e.g. EtCO2 not measured). */
  readonly notEvaluated: readonly string[];
}

const crosses = (value: number, comparison: StopRuleComparison, threshold: number): boolean => {
  switch (comparison) {
    case 'above':
      return value > threshold;
    case 'at-or-above':
      return value >= threshold;
    case 'below':
      return value < threshold;
    case 'at-or-below':
      return value <= threshold;
  }
};

/**
 * Evaluates every stop rule against one entry of (already validated) observations.
 * A rule with a non-finite threshold or an unknown field is refused (`stop-rule.invalid`):
 * a rule that could never fire must not pass silently.
 */
export function evaluateStopRules(
  observations: Observations,
  rules: readonly StopRule[],
): Result<StopRuleEvaluation> {
  const alarms: StopRuleAlarm[] = [];
  const notEvaluated: string[] = [];
  for (const [i, rule] of rules.entries()) {
    if (
      !Number.isFinite(rule.threshold) ||
      !(VITAL_FIELDS as readonly string[]).includes(rule.field)
    ) {
      return err({
        code: 'stop-rule.invalid',
        field: `stopRules[${i}]`,
        message: `Stop rule ${rule.id} needs a known field and a finite threshold; fix the protocol.`,
      });
    }
    const value = observations[rule.field];
    if (value === undefined) {
      notEvaluated.push(rule.id);
      continue;
    }
    if (crosses(value, rule.comparison, rule.threshold)) {
      alarms.push({
        ruleId: rule.id,
        field: rule.field,
        value,
        comparison: rule.comparison,
        threshold: rule.threshold,
        action: rule.action,
        source: rule.source,
      });
    }
  }
  alarms.sort((a, b) => STOP_ACTIONS.indexOf(a.action) - STOP_ACTIONS.indexOf(b.action));
  return ok({ alarms, requiredAction: alarms[0]?.action ?? 'none', notEvaluated });
}
