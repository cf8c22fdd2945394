/**
 * Conditions over named patient facts and their three-valued evaluation (met / unmet /
 * unknown, Kleene logic): a fact that was not recorded is unknown, never false, and an unknown
 * only stays unknown when the known facts cannot decide the condition on their own.
 */

/** The value types a fact can have (declared per fact in the rule set). */
export type FactType = 'boolean' | 'number' | 'enum' | 'enum-list' | 'icd10cm-list';

export type FactValue = boolean | number | string | readonly string[];

/** Facts keyed by name; null or absent = not recorded (unknown). */
export type PatientFacts = Readonly<Record<string, FactValue | null | undefined>>;

export type Condition =
  | { readonly fact: string; readonly op: 'is'; readonly value: boolean | string }
  | { readonly fact: string; readonly op: 'in'; readonly value: readonly string[] }
  | { readonly fact: string; readonly op: 'at-least'; readonly value: number }
  /** True when any recorded ICD-10-CM code starts with any listed prefix ("G90.5" → "G90.511"). */
  | { readonly fact: string; readonly op: 'has-code-prefix'; readonly value: readonly string[] }
  /** True when at least `count` of the listed values are present in the fact's list. */
  | {
      readonly fact: string;
      readonly op: 'count-of-at-least';
      readonly value: readonly string[];
      readonly count: number;
    }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

export type TruthValue = 'met' | 'unmet' | 'unknown';

export interface ConditionOutcome {
  readonly status: TruthValue;
  /** Facts whose absence left the outcome unknown (empty when decided). */
  readonly missingFacts: readonly string[];
}

const decided = (met: boolean): ConditionOutcome => ({
  status: met ? 'met' : 'unmet',
  missingFacts: [],
});

function leaf(
  c: Extract<Condition, { fact: string }>,
  value: FactValue | null | undefined,
): ConditionOutcome {
  if (value === null || value === undefined) return { status: 'unknown', missingFacts: [c.fact] };
  switch (c.op) {
    case 'is':
      return decided(value === c.value);
    case 'in':
      return decided(typeof value === 'string' && c.value.includes(value));
    case 'at-least':
      return decided(typeof value === 'number' && value >= c.value);
    case 'has-code-prefix': {
      const codes = asList(value) ?? [];
      return decided(codes.some((code) => c.value.some((p) => code.startsWith(p))));
    }
    case 'count-of-at-least': {
      const present = asList(value) ?? [];
      return decided(c.value.filter((v) => present.includes(v)).length >= c.count);
    }
  }
}

/** The fact as a list, or undefined; avoids Array.isArray, which would widen it to any[]. */
const asList = (value: FactValue): readonly string[] | undefined =>
  typeof value === 'object' ? value : undefined;

const unique = (lists: readonly (readonly string[])[]): string[] => [...new Set(lists.flat())];

/** Evaluates a condition with Kleene three-valued logic. */
export function evaluateCondition(c: Condition, facts: PatientFacts): ConditionOutcome {
  if ('fact' in c) return leaf(c, facts[c.fact]);
  if ('not' in c) {
    const inner = evaluateCondition(c.not, facts);
    if (inner.status === 'unknown') return inner;
    return decided(inner.status === 'unmet');
  }
  const parts = ('all' in c ? c.all : c.any).map((p) => evaluateCondition(p, facts));
  const decisive = 'all' in c ? 'unmet' : 'met';
  if (parts.some((p) => p.status === decisive)) return decided(decisive === 'met');
  const unknowns = parts.filter((p) => p.status === 'unknown');
  if (unknowns.length > 0) {
    return { status: 'unknown', missingFacts: unique(unknowns.map((u) => u.missingFacts)) };
  }
  return decided(decisive !== 'met');
}

/** Names of the facts a condition reads, in first-use order. */
export function factsOf(c: Condition): readonly string[] {
  if ('fact' in c) return [c.fact];
  if ('not' in c) return factsOf(c.not);
  return unique(('all' in c ? c.all : c.any).map(factsOf));
}
