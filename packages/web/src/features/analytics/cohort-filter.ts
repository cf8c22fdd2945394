/**
 * The cohort filter as the form holds it (text and ticked boxes) and as the API takes it: empty
 * choices are left out (no restriction); everything else is sent as typed, and the server rejects
 * what it cannot use, naming the field.
 */
import type { CohortFilter } from '@ketaflow/contract';
import type { ApiProblem } from '../../api/problem.ts';

export type Sex = NonNullable<CohortFilter['sexes']>[number];

export interface FilterDraft {
  /** ICD-10-CM codes or prefixes separated by commas or spaces, e.g. `G90.5, M79.7`. */
  readonly conditions: string;
  /** `id@version` of the ticked protocols. */
  readonly protocols: readonly string[];
  readonly sessionDoseBands: readonly string[];
  readonly courseDoseBands: readonly string[];
  readonly sexes: readonly Sex[];
  readonly ageBands: readonly string[];
  readonly baselineMmeBands: readonly string[];
}

export const EMPTY_FILTER: FilterDraft = {
  conditions: '',
  protocols: [],
  sessionDoseBands: [],
  courseDoseBands: [],
  sexes: [],
  ageBands: [],
  baselineMmeBands: [],
};

/** What each filter list is called on screen, by its request field name. */
export const FILTER_LABELS = {
  conditionPrefixes: 'Condition (ICD-10-CM codes or prefixes)',
  protocols: 'Protocol (id@version)',
  sessionDoseBands: 'Dose per session',
  courseDoseBands: 'Dose per course',
  sexes: 'Sex',
  ageBands: 'Age',
  baselineMmeBands: 'Baseline opioid use',
} as const satisfies Record<keyof CohortFilter, string>;

/** Labels of the request fields of the cohorts on screen, e.g. `a.sexes` → `Cohort A: Sex`. */
export function filterFieldLabels(
  cohorts: readonly { readonly scope: string; readonly title: string }[],
): Record<string, string> {
  return Object.fromEntries(
    cohorts.flatMap(({ scope, title }) =>
      Object.entries(FILTER_LABELS).map(([field, label]) => [
        `${scope}.${field}`,
        `${title}: ${label}`,
      ]),
    ),
  );
}

const some = <T>(values: readonly T[]): T[] | undefined =>
  values.length === 0 ? undefined : [...values];

export function toCohortFilter(draft: FilterDraft): CohortFilter {
  const conditions = draft.conditions.split(/[\s,]+/).filter((c) => c !== '');
  const protocols = draft.protocols.map((p) => {
    const at = p.lastIndexOf('@');
    return { id: p.slice(0, at), version: p.slice(at + 1) };
  });
  const filter = {
    conditionPrefixes: some(conditions),
    protocols: some(protocols),
    sessionDoseBands: some(draft.sessionDoseBands),
    courseDoseBands: some(draft.courseDoseBands),
    sexes: some(draft.sexes),
    ageBands: some(draft.ageBands),
    baselineMmeBands: some(draft.baselineMmeBands),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

/** One line describing a filter, for table captions and CSV file names' readers. */
export function describeFilter(filter: CohortFilter): string {
  const parts = [
    filter.conditionPrefixes && `condition ${filter.conditionPrefixes.join(' or ')}`,
    filter.protocols &&
      `protocol ${filter.protocols.map((p) => `${p.id}@${p.version}`).join(' or ')}`,
    filter.sessionDoseBands && `session dose ${filter.sessionDoseBands.join(' or ')} mg/kg`,
    filter.courseDoseBands && `course dose ${filter.courseDoseBands.join(' or ')} mg/kg`,
    filter.sexes && `sex ${filter.sexes.join(' or ')}`,
    filter.ageBands && `age ${filter.ageBands.join(' or ')} years`,
    filter.baselineMmeBands && `baseline ${filter.baselineMmeBands.join(' or ')} MME/day`,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? 'all patients' : parts.join('; ');
}

/**
 * The server names a bad list entry by its position (`body.filter.conditionPrefixes.1`); the form
 * has one input per list, so messages are keyed by the list (`body.filter.conditionPrefixes`).
 */
export function perListProblem(problem: ApiProblem | null): ApiProblem | null {
  if (problem === null) return null;
  const list = (field: string) => field.replace(/(\.\d+)+$/, '');
  return {
    ...problem,
    field: problem.field === undefined ? undefined : list(problem.field),
    errors: problem.errors.map((e) => ({ ...e, field: list(e.field) })),
  };
}
