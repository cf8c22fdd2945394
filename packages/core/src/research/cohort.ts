/**
 * The cohort row (one patient's course, as plain values the server can also produce in SQL) and
 * the cohort filter: condition, protocol id@version, dose bands per session and per course, sex,
 * age band and baseline MME band. These functions define the semantics the SQL is tested against.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import { bandOf, type CohortBands } from './cohort-bands.ts';
import type { ResearchSex } from './deidentify.ts';

export interface CohortRow {
  readonly patientId: string;
  /** ICD-10-CM code of the condition treated. */
  readonly conditionCode: string;
  readonly protocol: KnowledgeRef;
  readonly sex: ResearchSex;
  /** Whole years at the first infusion. */
  readonly ageYears: number;
  /** MME/day on the first infusion day; null when unknown. */
  readonly baselineMmePerDay: number | null;
  /** Sessions given in the course (≥ 1). */
  readonly sessions: number;
  /** Mean ketamine dose per session, mg/kg. */
  readonly sessionDoseMgPerKg: number;
  /** Total ketamine over the course, mg/kg. */
  readonly courseDoseMgPerKg: number;
  /** IMMPACT pain classes reached at the assessment (codes); null when unknown. */
  readonly painClasses: readonly string[] | null;
  /** PGIC classes reached by the latest answer (codes); null when unknown. */
  readonly pgicClasses: readonly string[] | null;
  /** Durable relief as time to event (days from the last infusion); null when unknown. */
  readonly durableRelief: { readonly days: number; readonly event: boolean } | null;
  /** MME/day change from baseline at each reached milestone month. */
  readonly mmeChanges: readonly { readonly months: number; readonly changeMmePerDay: number }[];
  readonly adverseEvents: number;
  /** Sessions classified response / (response + no-response) for rapid onset. */
  readonly rapidOnsetResponses: number;
  readonly rapidOnsetAssessed: number;
}

export interface CohortFilter {
  /** ICD-10-CM prefixes, e.g. ["G90.5"]; any match keeps the row. */
  readonly conditionPrefixes?: readonly string[];
  readonly protocols?: readonly KnowledgeRef[];
  readonly sessionDoseBands?: readonly string[];
  readonly courseDoseBands?: readonly string[];
  readonly sexes?: readonly ResearchSex[];
  readonly ageBands?: readonly string[];
  /** A row with unknown baseline MME is excluded when this is given. */
  readonly baselineMmeBands?: readonly string[];
}

const invalid = (field: string, message: string): Result<never> =>
  err({ code: 'cohort.invalid-row', field, message });

/** Rejects rows whose numbers cannot be right (negative counts, responses above assessed …). */
export const checkCohortRows = (rows: readonly CohortRow[]): Result<readonly CohortRow[]> => {
  for (const [i, r] of rows.entries()) {
    const at = `rows[${i}]`;
    if (!Number.isInteger(r.sessions) || r.sessions < 1)
      return invalid(`${at}.sessions`, `${at}.sessions must be a whole number ≥ 1.`);
    if (!Number.isInteger(r.adverseEvents) || r.adverseEvents < 0)
      return invalid(`${at}.adverseEvents`, `${at}.adverseEvents must be a whole number ≥ 0.`);
    if (
      !Number.isInteger(r.rapidOnsetAssessed) ||
      r.rapidOnsetAssessed < 0 ||
      r.rapidOnsetAssessed > r.sessions
    ) {
      return invalid(
        `${at}.rapidOnsetAssessed`,
        `${at}.rapidOnsetAssessed must be a whole number from 0 to sessions.`,
      );
    }
    if (
      !Number.isInteger(r.rapidOnsetResponses) ||
      r.rapidOnsetResponses < 0 ||
      r.rapidOnsetResponses > r.rapidOnsetAssessed
    ) {
      return invalid(
        `${at}.rapidOnsetResponses`,
        `${at}.rapidOnsetResponses must be a whole number from 0 to rapidOnsetAssessed.`,
      );
    }
    for (const [key, value] of [
      ['ageYears', r.ageYears],
      ['sessionDoseMgPerKg', r.sessionDoseMgPerKg],
      ['courseDoseMgPerKg', r.courseDoseMgPerKg],
    ] as const) {
      if (!Number.isFinite(value) || value < 0)
        return invalid(`${at}.${key}`, `${at}.${key} must be a finite number ≥ 0.`);
    }
    if (
      r.baselineMmePerDay !== null &&
      (!Number.isFinite(r.baselineMmePerDay) || r.baselineMmePerDay < 0)
    ) {
      return invalid(`${at}.baselineMmePerDay`, `${at}.baselineMmePerDay must be ≥ 0 or null.`);
    }
    if (
      r.durableRelief !== null &&
      (!Number.isFinite(r.durableRelief.days) || r.durableRelief.days < 0)
    ) {
      return invalid(`${at}.durableRelief.days`, `${at}.durableRelief.days must be ≥ 0.`);
    }
  }
  return ok(rows);
};

const inList = <T>(list: readonly T[] | undefined, value: T | null): boolean =>
  list === undefined || (value !== null && list.includes(value));

/** Rows matching every given criterion (absent criteria match all). */
export const filterCohort = (
  rows: readonly CohortRow[],
  filter: CohortFilter,
  bands: CohortBands,
): CohortRow[] =>
  rows.filter(
    (r) =>
      (filter.conditionPrefixes === undefined ||
        filter.conditionPrefixes.some((p) =>
          r.conditionCode.toUpperCase().startsWith(p.toUpperCase()),
        )) &&
      (filter.protocols === undefined ||
        filter.protocols.some((p) => p.id === r.protocol.id && p.version === r.protocol.version)) &&
      inList(
        filter.sessionDoseBands,
        bandOf(r.sessionDoseMgPerKg, bands.bands.sessionDoseMgPerKg),
      ) &&
      inList(filter.courseDoseBands, bandOf(r.courseDoseMgPerKg, bands.bands.courseDoseMgPerKg)) &&
      inList(filter.sexes, r.sex) &&
      inList(filter.ageBands, bandOf(r.ageYears, bands.bands.ageYears)) &&
      inList(
        filter.baselineMmeBands,
        r.baselineMmePerDay === null
          ? null
          : bandOf(r.baselineMmePerDay, bands.bands.baselineMmePerDay),
      ),
  );
