/**
 * Evaluates a patient's recorded facts against an eligibility rule set: a decision (eligible /
 * needs-review / not-eligible) and a per-criterion trace (met / unmet / unknown, rationale,
 * citation). An unrecorded fact is unknown, never false: an unknown that could exclude or is
 * required makes the decision needs-review, never eligible.
 */
import type { Citation, KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import {
  evaluateCondition,
  factsOf,
  type FactValue,
  type PatientFacts,
  type TruthValue,
} from './condition.ts';
import {
  ICD10CM_CODE,
  type EligibilityRuleSet,
  type EvidenceGrade,
  type FactDefinition,
  type GroupEffect,
} from './rule-set.ts';

export type EligibilityDecision = 'eligible' | 'needs-review' | 'not-eligible';

/** What one criterion (or group) contributes to the decision. */
export type CriterionOutcome = 'pass' | 'needs-review' | 'not-eligible';

export interface CriterionTrace {
  readonly criterionId: string;
  readonly group: string;
  readonly label: string;
  /** Whether the criterion's condition holds (for a contraindication: whether it is present). */
  readonly status: TruthValue;
  /** For `any` groups (indications) the outcome is decided at group level; see `groups`. */
  readonly outcome: CriterionOutcome | 'see-group';
  readonly rationale: string;
  readonly missingFacts: readonly string[];
  /** The recorded value of every fact the criterion reads (null = not recorded). */
  readonly factsUsed: Readonly<Record<string, FactValue | null>>;
  readonly guidance?: string;
  readonly evidence?: EvidenceGrade;
  readonly citations: readonly Citation[];
}

export interface GroupTrace {
  readonly groupId: string;
  readonly label: string;
  readonly effect: GroupEffect;
  readonly status: TruthValue;
  readonly outcome: CriterionOutcome;
}

export interface EligibilityResult {
  readonly decision: EligibilityDecision;
  readonly ruleSet: KnowledgeRef;
  /** Ids of the criteria (or `any` groups) that set the decision; empty when eligible. */
  readonly decidedBy: readonly string[];
  /** Indications the patient meets, with their evidence grade (for stratified research). */
  readonly matchedIndications: readonly {
    readonly criterionId: string;
    readonly evidence?: EvidenceGrade;
  }[];
  readonly groups: readonly GroupTrace[];
  readonly trace: readonly CriterionTrace[];
}

const OUTCOME: Record<GroupEffect, Record<TruthValue, CriterionOutcome>> = {
  require: { met: 'pass', unmet: 'not-eligible', unknown: 'needs-review' },
  exclude: { met: 'not-eligible', unmet: 'pass', unknown: 'needs-review' },
  review: { met: 'needs-review', unmet: 'pass', unknown: 'needs-review' },
  'complete-before-infusion': { met: 'pass', unmet: 'needs-review', unknown: 'needs-review' },
};

function checkFact(def: FactDefinition, value: unknown, field: string): string | undefined {
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : `${field} must be true or false (or null when not recorded).`;
    case 'number':
      return typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= (def.min ?? 0) &&
        value <= (def.max ?? 0)
        ? undefined
        : `${field} must be a number from ${def.min} to ${def.max} ${def.unit}.`;
    case 'enum':
      return typeof value === 'string' && (def.values ?? []).includes(value)
        ? undefined
        : `${field} must be one of ${(def.values ?? []).join(', ')}.`;
    case 'enum-list':
      return Array.isArray(value) &&
        value.every((v) => typeof v === 'string' && (def.values ?? []).includes(v)) &&
        new Set(value).size === value.length
        ? undefined
        : `${field} must be a list without repeats of: ${(def.values ?? []).join(', ')}.`;
    case 'icd10cm-list': {
      if (!Array.isArray(value))
        return `${field} must be a list of ICD-10-CM codes such as "G90.511".`;
      const badCode = (value as unknown[]).find(
        (c) => typeof c !== 'string' || !ICD10CM_CODE.test(c),
      );
      return badCode === undefined
        ? undefined
        : `${field} holds ${JSON.stringify(badCode)}, which is not an ICD-10-CM code: write it upper case with the dot, e.g. "G90.511".`;
    }
  }
}

/** Rejects facts the rule set does not know and values of the wrong type; never repairs them. */
function validateFacts(ruleSet: EligibilityRuleSet, facts: PatientFacts): Result<PatientFacts> {
  for (const [name, value] of Object.entries(facts)) {
    const def = ruleSet.facts.get(name);
    if (def === undefined) {
      return err({
        code: 'eligibility.unknown-fact',
        field: `facts.${name}`,
        message: `facts.${name} is not a fact of ${ruleSet.ref.id}; known facts: ${[...ruleSet.facts.keys()].join(', ')}.`,
      });
    }
    if (value === null || value === undefined) continue;
    const problem = checkFact(def, value, `facts.${name}`);
    if (problem !== undefined)
      return err({ code: 'eligibility.invalid-fact', field: `facts.${name}`, message: problem });
  }
  return ok(facts);
}

function rationale(label: string, status: TruthValue, missing: readonly string[]): string {
  switch (status) {
    case 'met':
      return `${label}: yes, from the recorded facts.`;
    case 'unmet':
      return `${label}: no, from the recorded facts.`;
    case 'unknown':
      return `${label}: unknown; record ${missing.join(', ')} to decide.`;
  }
}

/** An `any` group is met when one criterion is met, unmet when all are unmet. */
function anyStatus(statuses: readonly TruthValue[]): TruthValue {
  if (statuses.includes('met')) return 'met';
  return statuses.includes('unknown') ? 'unknown' : 'unmet';
}

/**
 * Evaluates recorded patient facts against a rule set.
 *
 * @param facts named facts as declared in the rule set (`data.facts`); null/absent = unknown
 * @param ruleSet a parsed `eligibility` knowledge file
 * @returns decision, per-group and per-criterion trace, matched indications, rule set id@version
 */
export function evaluateEligibility(
  facts: PatientFacts,
  ruleSet: EligibilityRuleSet,
): Result<EligibilityResult> {
  const valid = validateFacts(ruleSet, facts);
  if (!valid.ok) return valid;
  const trace: CriterionTrace[] = [];
  const groups: GroupTrace[] = [];
  const decidedBy: Record<CriterionOutcome, string[]> = {
    pass: [],
    'needs-review': [],
    'not-eligible': [],
  };
  for (const group of ruleSet.groups) {
    const statuses: TruthValue[] = [];
    for (const c of ruleSet.criteria.filter((x) => x.group === group.id)) {
      const { status, missingFacts } = evaluateCondition(c.condition, facts);
      statuses.push(status);
      const outcome = group.combine === 'any' ? 'see-group' : OUTCOME[group.effect][status];
      if (outcome !== 'see-group') decidedBy[outcome].push(c.id);
      trace.push({
        criterionId: c.id,
        group: group.id,
        label: c.label,
        status,
        outcome,
        rationale: rationale(c.label, status, missingFacts),
        missingFacts,
        factsUsed: Object.fromEntries(factsOf(c.condition).map((n) => [n, facts[n] ?? null])),
        citations: c.citations,
        ...(c.guidance === undefined ? {} : { guidance: c.guidance }),
        ...(c.evidence === undefined ? {} : { evidence: c.evidence }),
      });
    }
    const status = group.combine === 'any' ? anyStatus(statuses) : worst(statuses, group.effect);
    const outcome = OUTCOME[group.effect][status];
    if (group.combine === 'any') decidedBy[outcome].push(group.id);
    groups.push({ groupId: group.id, label: group.label, effect: group.effect, status, outcome });
  }
  const decision: EligibilityDecision =
    decidedBy['not-eligible'].length > 0
      ? 'not-eligible'
      : decidedBy['needs-review'].length > 0
        ? 'needs-review'
        : 'eligible';
  const anyGroups = new Set(
    ruleSet.groups.filter((g) => g.combine === 'any' && g.effect === 'require').map((g) => g.id),
  );
  return ok({
    decision,
    ruleSet: ruleSet.ref,
    decidedBy: decision === 'eligible' ? [] : decidedBy[decision],
    matchedIndications: trace
      .filter((t) => anyGroups.has(t.group) && t.status === 'met')
      .map((t) => ({
        criterionId: t.criterionId,
        ...(t.evidence === undefined ? {} : { evidence: t.evidence }),
      })),
    groups,
    trace,
  });
}

/** The group status of an `each` group, reported as the status that drives its effect. */
function worst(statuses: readonly TruthValue[], effect: GroupEffect): TruthValue {
  const bad: TruthValue = effect === 'exclude' || effect === 'review' ? 'met' : 'unmet';
  if (statuses.includes(bad)) return bad;
  if (statuses.includes('unknown')) return 'unknown';
  return bad === 'met' ? 'unmet' : 'met';
}
