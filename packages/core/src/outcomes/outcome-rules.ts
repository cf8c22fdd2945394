/**
 * The clinic-configurable rules behind per-patient outcomes (baseline and current pain windows,
 * rapid onset, durable relief, MME milestones), parsed from an `outcome-rules` knowledge file.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { ok, type Result } from '../result.ts';
import { readArray, readEach, readKnowledge, readNumber, readObject } from './read-fields.ts';
import defaultRulesJson from '../../knowledge/outcome-rules/default-outcome-rules@1.0.0.json' with { type: 'json' };

export interface PainWindowRule {
  /** Length of the averaging window in days (1–90). */
  readonly windowDays: number;
  /** Fewest diary readings for a usable mean (≥ 1). */
  readonly minimumReadings: number;
}

export interface OutcomeRules {
  readonly ref: KnowledgeRef;
  /** Window before the first infusion whose diary NRS readings form the baseline. */
  readonly baseline: PainWindowRule;
  /** Window ending on the assessment day whose diary NRS readings form the current pain. */
  readonly currentPain: PainWindowRule;
  /** A session is a rapid-onset response when NRS falls by at least this percentage (0–100]. */
  readonly rapidOnsetMinimumReductionPercent: number;
  /** Relief has ended when diary NRS ≥ this share × baseline NRS (0–1]. */
  readonly durableReliefReturnShare: number;
  /** Consecutive readings at or above the return level needed to confirm the end of relief. */
  readonly durableReliefConfirmReadings: number;
  /** Months after the first infusion at which MME change is reported (ascending). */
  readonly mmeMilestoneMonths: readonly number[];
}

const readWindow = (value: unknown, field: string): Result<PainWindowRule> => {
  const object = readObject(value, field);
  if (!object.ok) return object;
  const windowDays = readNumber(object.value['windowDays'], `${field}.windowDays`, {
    min: 1,
    max: 90,
    integer: true,
  });
  if (!windowDays.ok) return windowDays;
  const minimumReadings = readNumber(object.value['minimumReadings'], `${field}.minimumReadings`, {
    min: 1,
    max: windowDays.value + 1,
    integer: true,
  });
  if (!minimumReadings.ok) return minimumReadings;
  return ok({ windowDays: windowDays.value, minimumReadings: minimumReadings.value });
};

/** Parses and validates an `outcome-rules` knowledge file holding the per-patient rules. */
export const parseOutcomeRules = (json: unknown): Result<OutcomeRules> => {
  const knowledge = readKnowledge(json, 'outcome-rules');
  if (!knowledge.ok) return knowledge;
  const { ref, data } = knowledge.value;
  const baseline = readWindow(data['baseline'], 'data.baseline');
  if (!baseline.ok) return baseline;
  const currentPain = readWindow(data['currentPain'], 'data.currentPain');
  if (!currentPain.ok) return currentPain;
  const rapid = readObject(data['rapidOnset'], 'data.rapidOnset');
  if (!rapid.ok) return rapid;
  const rapidPercent = readNumber(
    rapid.value['minimumReductionPercent'],
    'data.rapidOnset.minimumReductionPercent',
    {
      min: 1,
      max: 100,
    },
  );
  if (!rapidPercent.ok) return rapidPercent;
  const durable = readObject(data['durableRelief'], 'data.durableRelief');
  if (!durable.ok) return durable;
  const share = readNumber(
    durable.value['returnAtOrAboveShareOfBaseline'],
    'data.durableRelief.returnAtOrAboveShareOfBaseline',
    {
      min: 0.01,
      max: 1,
    },
  );
  if (!share.ok) return share;
  const confirm = readNumber(
    durable.value['confirmReadings'],
    'data.durableRelief.confirmReadings',
    {
      min: 1,
      max: 14,
      integer: true,
    },
  );
  if (!confirm.ok) return confirm;
  const monthsList = readArray(data['mmeMilestoneMonths'], 'data.mmeMilestoneMonths');
  if (!monthsList.ok) return monthsList;
  const months = readEach(monthsList.value, 'data.mmeMilestoneMonths', (v, f) =>
    readNumber(v, f, { min: 1, max: 120, integer: true }),
  );
  if (!months.ok) return months;
  for (let i = 1; i < months.value.length; i += 1) {
    if ((months.value[i] ?? 0) <= (months.value[i - 1] ?? 0)) {
      return {
        ok: false,
        error: {
          code: 'knowledge.invalid-field',
          field: `data.mmeMilestoneMonths[${i}]`,
          message: 'data.mmeMilestoneMonths must be strictly ascending whole months.',
        },
      };
    }
  }
  return ok({
    ref,
    baseline: baseline.value,
    currentPain: currentPain.value,
    rapidOnsetMinimumReductionPercent: rapidPercent.value,
    durableReliefReturnShare: share.value,
    durableReliefConfirmReadings: confirm.value,
    mmeMilestoneMonths: months.value,
  });
};

/** The shipped default rules (draft: clinic choices, see the file's notes). */
export const defaultOutcomeRules = (): Result<OutcomeRules> => parseOutcomeRules(defaultRulesJson);
