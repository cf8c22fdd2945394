/**
 * Band edges for cohort analytics (dose per session and per course, age, baseline MME), parsed
 * from the `cohort-bands` knowledge file, and the band a value falls in. Band i covers
 * [edge i, edge i+1); the last band is open-ended; a value below the first edge has no band.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import { readArray, readEach, readKnowledge, readNumber } from '../outcomes/read-fields.ts';
import cohortBandsJson from '../../knowledge/outcome-rules/cohort-bands@1.0.0.json' with { type: 'json' };

export type BandDimension =
  'sessionDoseMgPerKg' | 'courseDoseMgPerKg' | 'ageYears' | 'baselineMmePerDay';

export const BAND_DIMENSIONS: readonly BandDimension[] = [
  'sessionDoseMgPerKg',
  'courseDoseMgPerKg',
  'ageYears',
  'baselineMmePerDay',
];

export interface CohortBand {
  /** `"0.5-1"` for [0.5, 1), `"2+"` for [2, ∞). */
  readonly id: string;
  readonly lower: number;
  /** Exclusive; null for the open-ended last band. */
  readonly upper: number | null;
}

export interface CohortBands {
  readonly ref: KnowledgeRef;
  readonly bands: Readonly<Record<BandDimension, readonly CohortBand[]>>;
}

const toBands = (edges: readonly number[]): CohortBand[] =>
  edges.map((lower, i) => {
    const upper = edges[i + 1] ?? null;
    return {
      id: upper === null ? `${String(lower)}+` : `${String(lower)}-${String(upper)}`,
      lower,
      upper,
    };
  });

/** Parses a `cohort-bands` file; each edge list must be non-empty and strictly ascending. */
export const parseCohortBands = (json: unknown): Result<CohortBands> => {
  const knowledge = readKnowledge(json, 'outcome-rules');
  if (!knowledge.ok) return knowledge;
  const bands: Partial<Record<BandDimension, readonly CohortBand[]>> = {};
  for (const dimension of BAND_DIMENSIONS) {
    const field = `data.${dimension}`;
    const list = readArray(knowledge.value.data[dimension], field);
    if (!list.ok) return list;
    const edges = readEach(list.value, field, (v, f) => readNumber(v, f, { min: 0, max: 100_000 }));
    if (!edges.ok) return edges;
    if (
      edges.value.length === 0 ||
      edges.value.some((e, i) => i > 0 && e <= (edges.value[i - 1] ?? e))
    ) {
      return err({
        code: 'knowledge.invalid-field',
        field,
        message: `${field} must list strictly ascending band edges.`,
      });
    }
    bands[dimension] = toBands(edges.value);
  }
  return ok({
    ref: knowledge.value.ref,
    bands: {
      sessionDoseMgPerKg: bands.sessionDoseMgPerKg ?? [],
      courseDoseMgPerKg: bands.courseDoseMgPerKg ?? [],
      ageYears: bands.ageYears ?? [],
      baselineMmePerDay: bands.baselineMmePerDay ?? [],
    },
  });
};

/** The shipped band edges (draft: reporting choices, see the file's notes). */
export const defaultCohortBands = (): Result<CohortBands> => parseCohortBands(cohortBandsJson);

/** The id of the band holding `value`, or null below the first edge or for a non-finite value. */
export const bandOf = (value: number, bands: readonly CohortBand[]): string | null => {
  if (!Number.isFinite(value)) return null;
  for (const band of bands) {
    if (value >= band.lower && (band.upper === null || value < band.upper)) return band.id;
  }
  return null;
};
