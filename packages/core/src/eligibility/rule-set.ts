/**
 * The eligibility rule set: a vocabulary of named patient facts, criterion groups with their
 * effect on the decision, and criteria written as conditions over those facts, parsed from an
 * `eligibility` knowledge file. The parser checks every condition against the vocabulary
 * (fact exists, operator fits its type, values allowed), so evaluation can trust the rules.
 */
import { parseEnvelope } from '../knowledge/envelope.ts';
import type { Citation, KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import type { Condition, FactType } from './condition.ts';

export interface FactDefinition {
  readonly name: string;
  readonly type: FactType;
  readonly description: string;
  /** Allowed values for enum and enum-list facts. */
  readonly values?: readonly string[];
  /** Inclusive range and unit for number facts. */
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
}

/**
 * How a group's result moves the decision:
 * - `require`: unmet → not eligible; unknown → needs review
 * - `exclude`: met → not eligible; unknown → needs review
 * - `review`: met or unknown → needs review
 * - `complete-before-infusion`: unmet or unknown → needs review (an action is outstanding)
 */
export type GroupEffect = 'require' | 'exclude' | 'review' | 'complete-before-infusion';

export interface CriterionGroup {
  readonly id: string;
  readonly label: string;
  /** `any`: the group is met when one criterion is (indications); `each`: every criterion counts. */
  readonly combine: 'any' | 'each';
  readonly effect: GroupEffect;
}

export interface EvidenceGrade {
  readonly grade: string;
  readonly certainty: string;
  readonly summary: string;
}

export interface Criterion {
  readonly id: string;
  readonly group: string;
  readonly label: string;
  readonly condition: Condition;
  readonly guidance?: string;
  readonly evidence?: EvidenceGrade;
  readonly citations: readonly Citation[];
}

export interface EligibilityRuleSet {
  readonly ref: KnowledgeRef;
  readonly facts: ReadonlyMap<string, FactDefinition>;
  readonly groups: readonly CriterionGroup[];
  readonly criteria: readonly Criterion[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isTextList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length > 0 && v.every(isText);
const FACT_TYPES: readonly FactType[] = ['boolean', 'number', 'enum', 'enum-list', 'icd10cm-list'];
const EFFECTS: readonly GroupEffect[] = [
  'require',
  'exclude',
  'review',
  'complete-before-infusion',
];

const bad = (field: string, message: string): Result<never> =>
  err({ code: 'knowledge.invalid-eligibility-rules', field, message });

function parseFact(v: unknown, f: string): Result<FactDefinition> {
  if (!isRecord(v) || !isText(v.name) || !isText(v.description)) {
    return bad(f, `${f} needs a name and a description.`);
  }
  if (!(FACT_TYPES as readonly unknown[]).includes(v.type)) {
    return bad(`${f}.type`, `${f}.type must be one of ${FACT_TYPES.join(', ')}.`);
  }
  const type = v.type as FactType;
  if (type === 'enum' || type === 'enum-list') {
    if (!isTextList(v.values))
      return bad(`${f}.values`, `${f}.values must list the allowed values.`);
    return ok({ name: v.name, type, description: v.description, values: v.values });
  }
  if (type === 'number') {
    if (
      typeof v.min !== 'number' ||
      typeof v.max !== 'number' ||
      v.min >= v.max ||
      !isText(v.unit)
    ) {
      return bad(f, `${f} (number) needs min < max and a unit.`);
    }
    return ok({
      name: v.name,
      type,
      description: v.description,
      min: v.min,
      max: v.max,
      unit: v.unit,
    });
  }
  return ok({ name: v.name, type, description: v.description });
}

function parseCondition(
  v: unknown,
  f: string,
  facts: ReadonlyMap<string, FactDefinition>,
): Result<Condition> {
  if (!isRecord(v)) return bad(f, `${f} must be an object.`);
  if ('all' in v || 'any' in v) {
    const key = 'all' in v ? 'all' : 'any';
    const parts = v[key];
    if (!Array.isArray(parts) || parts.length === 0)
      return bad(f, `${f}.${key} must be a non-empty list.`);
    const out: Condition[] = [];
    for (const [i, p] of parts.entries()) {
      const c = parseCondition(p, `${f}.${key}[${i}]`, facts);
      if (!c.ok) return c;
      out.push(c.value);
    }
    return ok(key === 'all' ? { all: out } : { any: out });
  }
  if ('not' in v) {
    const inner = parseCondition(v.not, `${f}.not`, facts);
    return inner.ok ? ok({ not: inner.value }) : inner;
  }
  const def = typeof v.fact === 'string' ? facts.get(v.fact) : undefined;
  if (def === undefined) return bad(`${f}.fact`, `${f}.fact must name a declared fact.`);
  const allowed = (x: unknown): boolean => typeof x === 'string' && (def.values ?? []).includes(x);
  const fact = def.name;
  switch (v.op) {
    case 'is':
      if (def.type === 'boolean' && typeof v.value === 'boolean')
        return ok({ fact, op: 'is', value: v.value });
      if (def.type === 'enum' && allowed(v.value))
        return ok({ fact, op: 'is', value: v.value as string });
      return bad(
        `${f}.value`,
        `${f}: "is" needs a boolean fact with true/false or an enum fact with an allowed value.`,
      );
    case 'in':
      if (
        def.type === 'enum' &&
        Array.isArray(v.value) &&
        v.value.length > 0 &&
        v.value.every(allowed)
      ) {
        return ok({ fact, op: 'in', value: v.value as string[] });
      }
      return bad(`${f}.value`, `${f}: "in" needs an enum fact and a list of its allowed values.`);
    case 'at-least':
      if (def.type === 'number' && typeof v.value === 'number' && Number.isFinite(v.value)) {
        return ok({ fact, op: 'at-least', value: v.value });
      }
      return bad(`${f}.value`, `${f}: "at-least" needs a number fact and a number.`);
    case 'has-code-prefix':
      if (
        def.type === 'icd10cm-list' &&
        isTextList(v.value) &&
        v.value.every((p) => ICD10CM_PREFIX.test(p))
      ) {
        return ok({ fact, op: 'has-code-prefix', value: v.value });
      }
      return bad(
        `${f}.value`,
        `${f}: "has-code-prefix" needs an ICD-10-CM list fact and code prefixes such as "G90.5".`,
      );
    case 'count-of-at-least':
      if (
        def.type === 'enum-list' &&
        Array.isArray(v.value) &&
        v.value.length > 0 &&
        v.value.every(allowed) &&
        typeof v.count === 'number' &&
        Number.isInteger(v.count) &&
        v.count >= 1 &&
        v.count <= v.value.length
      ) {
        return ok({ fact, op: 'count-of-at-least', value: v.value as string[], count: v.count });
      }
      return bad(
        `${f}.value`,
        `${f}: "count-of-at-least" needs an enum-list fact, allowed values and a whole count.`,
      );
    default:
      return bad(
        `${f}.op`,
        `${f}.op must be is, in, at-least, has-code-prefix or count-of-at-least.`,
      );
  }
}

/** A full ICD-10-CM code: letter, two characters, optional dot and 1–4 more (upper case). */
export const ICD10CM_CODE = /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;
const ICD10CM_PREFIX = /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{0,4})?$/;

function parseList<T>(
  raw: unknown,
  field: string,
  parse: (v: unknown, f: string) => Result<T>,
): Result<T[]> {
  if (!Array.isArray(raw) || raw.length === 0)
    return bad(field, `${field} must be a non-empty list.`);
  const out: T[] = [];
  for (const [i, v] of raw.entries()) {
    const p = parse(v, `${field}[${i}]`);
    if (!p.ok) return p;
    out.push(p.value);
  }
  return ok(out);
}

/** Parses an `eligibility` knowledge file into a checked rule set. */
export function parseEligibilityRuleSet(raw: unknown): Result<EligibilityRuleSet> {
  const env = parseEnvelope(raw);
  if (!env.ok) return env;
  const { id, version, kind, data } = env.value;
  if (kind !== 'eligibility') return bad('kind', 'kind must be "eligibility".');
  const factList = parseList(data.facts, 'data.facts', parseFact);
  if (!factList.ok) return factList;
  const facts = new Map(factList.value.map((d) => [d.name, d]));
  if (facts.size !== factList.value.length) return bad('data.facts', 'fact names must be unique.');
  const sources = data.sources;
  if (!isRecord(sources))
    return bad('data.sources', 'data.sources must map source keys to citations.');
  const groups = parseList(data.groups, 'data.groups', (v, f): Result<CriterionGroup> =>
    isRecord(v) &&
    isText(v.id) &&
    isText(v.label) &&
    (v.combine === 'any' || v.combine === 'each') &&
    (EFFECTS as readonly unknown[]).includes(v.effect)
      ? ok({ id: v.id, label: v.label, combine: v.combine, effect: v.effect as GroupEffect })
      : bad(f, `${f} needs id, label, combine (any|each) and effect (${EFFECTS.join('|')}).`),
  );
  if (!groups.ok) return groups;
  const groupIds = new Set(groups.value.map((g) => g.id));
  const criteria = parseList(data.criteria, 'data.criteria', (v, f): Result<Criterion> => {
    if (!isRecord(v) || !isText(v.id) || !isText(v.label))
      return bad(f, `${f} needs an id and a label.`);
    if (typeof v.group !== 'string' || !groupIds.has(v.group))
      return bad(`${f}.group`, `${f}.group must name a declared group.`);
    const condition = parseCondition(v.condition, `${f}.condition`, facts);
    if (!condition.ok) return condition;
    if (!isTextList(v.sources)) return bad(`${f}.sources`, `${f}.sources must list source keys.`);
    const citations: Citation[] = [];
    for (const key of v.sources) {
      const s = sources[key];
      if (!isRecord(s) || !isText(s.label) || !(isText(s.doi) || isText(s.url) || isText(s.pmid))) {
        return bad(
          `${f}.sources`,
          `${f}.sources: "${key}" must be a data.sources entry with a label and a doi, pmid or url.`,
        );
      }
      citations.push(s as unknown as Citation);
    }
    const ev = v.evidence;
    if (
      ev !== undefined &&
      !(isRecord(ev) && isText(ev.grade) && isText(ev.certainty) && isText(ev.summary))
    ) {
      return bad(`${f}.evidence`, `${f}.evidence needs grade, certainty and summary.`);
    }
    if (v.guidance !== undefined && !isText(v.guidance))
      return bad(`${f}.guidance`, `${f}.guidance must be text.`);
    return ok({
      id: v.id,
      group: v.group,
      label: v.label,
      condition: condition.value,
      citations,
      ...(typeof v.guidance === 'string' ? { guidance: v.guidance } : {}),
      ...(isRecord(ev) ? { evidence: ev as unknown as EvidenceGrade } : {}),
    });
  });
  if (!criteria.ok) return criteria;
  if (new Set(criteria.value.map((c) => c.id)).size !== criteria.value.length) {
    return bad('data.criteria', 'criterion ids must be unique.');
  }
  const empty = groups.value.find((g) => !criteria.value.some((c) => c.group === g.id));
  if (empty !== undefined) return bad('data.groups', `group "${empty.id}" has no criteria.`);
  return ok({ ref: { id, version }, facts, groups: groups.value, criteria: criteria.value });
}
