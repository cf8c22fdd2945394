/**
 * The booster suggestion rule: tells the prescriber when a booster infusion may be worth
 * considering (relief was achieved, has since ended, and enough days have passed). A suggestion
 * only: nothing here schedules anything. The rule's numbers are clinic choices in a knowledge file.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { ok, type Result } from '../result.ts';
import type { DurableRelief } from './durable-relief.ts';
import { readBoolean, readKnowledge, readNumber } from './read-fields.ts';
import boosterRuleJson from '../../knowledge/outcome-rules/booster-suggestion@1.0.0.json' with { type: 'json' };

export interface BoosterRule {
  readonly ref: KnowledgeRef;
  /** Suggest only to patients whose pain fell below the return level after the course. */
  readonly requireReliefAchieved: boolean;
  /** Fewest whole days since the last infusion before a booster is suggested (0–365). */
  readonly minimumDaysSinceLastInfusion: number;
}

/** Parses a booster rule (`outcome-rules` kind, e.g. booster-suggestion@1.0.0). */
export const parseBoosterRule = (json: unknown): Result<BoosterRule> => {
  const knowledge = readKnowledge(json, 'outcome-rules');
  if (!knowledge.ok) return knowledge;
  const { ref, data } = knowledge.value;
  const require = readBoolean(data['requireReliefAchieved'], 'data.requireReliefAchieved');
  if (!require.ok) return require;
  const minimum = readNumber(
    data['minimumDaysSinceLastInfusion'],
    'data.minimumDaysSinceLastInfusion',
    {
      min: 0,
      max: 365,
      integer: true,
    },
  );
  if (!minimum.ok) return minimum;
  return ok({
    ref,
    requireReliefAchieved: require.value,
    minimumDaysSinceLastInfusion: minimum.value,
  });
};

/** The shipped default rule (draft: a clinic choice, see the file's notes). */
export const defaultBoosterRule = (): Result<BoosterRule> => parseBoosterRule(boosterRuleJson);

export type CriterionState = 'met' | 'unmet' | 'unknown';

export interface BoosterCriterion {
  readonly id: 'relief-achieved' | 'relief-ended' | 'minimum-interval';
  readonly state: CriterionState;
  readonly detail: string;
}

export interface BoosterSuggestion {
  /** True only when every criterion is met; unknown never counts as met. */
  readonly suggest: boolean;
  readonly criteria: readonly BoosterCriterion[];
  readonly rule: KnowledgeRef;
}

/**
 * Evaluates the booster rule for one patient.
 * @param relief durable relief after the last course (durableRelief)
 * @param daysSinceLast whole days since the last infusion, or null when none was given
 */
export const suggestBooster = (
  relief: DurableRelief,
  daysSinceLast: number | null,
  rule: BoosterRule,
): BoosterSuggestion => {
  const criteria: BoosterCriterion[] = [];
  if (rule.requireReliefAchieved) {
    criteria.push(
      relief.status === 'unknown'
        ? {
            id: 'relief-achieved',
            state: 'unknown',
            detail: `Relief cannot be assessed (${relief.reason}).`,
          }
        : relief.reliefAchieved
          ? {
              id: 'relief-achieved',
              state: 'met',
              detail: 'Pain fell below the return level after the course.',
            }
          : {
              id: 'relief-achieved',
              state: 'unmet',
              detail: 'Pain never fell below the return level after the course.',
            },
    );
  }
  criteria.push(
    relief.status === 'returned'
      ? {
          id: 'relief-ended',
          state: 'met',
          detail: `Pain returned ${relief.days} days after the last infusion (${relief.returnedOn}).`,
        }
      : relief.status === 'censored'
        ? {
            id: 'relief-ended',
            state: 'unmet',
            detail: `Relief continues as of ${relief.censoredOn}.`,
          }
        : {
            id: 'relief-ended',
            state: 'unknown',
            detail: `Relief cannot be assessed (${relief.reason}).`,
          },
  );
  const minimum = rule.minimumDaysSinceLastInfusion;
  criteria.push(
    daysSinceLast === null
      ? { id: 'minimum-interval', state: 'unknown', detail: 'No infusion has been given.' }
      : daysSinceLast >= minimum
        ? {
            id: 'minimum-interval',
            state: 'met',
            detail: `${daysSinceLast} days since the last infusion (at least ${minimum}).`,
          }
        : {
            id: 'minimum-interval',
            state: 'unmet',
            detail: `${daysSinceLast} days since the last infusion (fewer than ${minimum}).`,
          },
  );
  return { suggest: criteria.every((c) => c.state === 'met'), criteria, rule: rule.ref };
};
