/**
 * Cohort aggregation in SQL over `cohort_rows`: the filter (condition prefix, protocol id@version,
 * dose, age and baseline-MME bands from the knowledge file, sex) as a WHERE clause and one
 * statement returning core's CohortAggregates (class counts, durable-relief time groups, MME change
 * mean and median per milestone, sums). Core turns them into intervals and curves; the int test
 * checks these aggregates equal core's aggregateCohortRows on the same rows.
 */
import type {
  CohortBand,
  CohortBands,
  CohortAggregates,
  CohortFilter,
  SummaryOptions,
} from '@ketaflow/core';
import { sql, type SQL } from 'drizzle-orm';
import { DomainError } from '../http/errors.ts';

type BandColumn =
  'session_dose_mg_per_kg' | 'course_dose_mg_per_kg' | 'age_years' | 'baseline_mme_per_day';

/** A cohort filter as parsed by the contract or built by core (absent = every row). */
export type FilterInput = { readonly [K in keyof CohortFilter]?: CohortFilter[K] | undefined };

const BAND_FILTERS = [
  ['sessionDoseBands', 'sessionDoseMgPerKg', 'session_dose_mg_per_kg'],
  ['courseDoseBands', 'courseDoseMgPerKg', 'course_dose_mg_per_kg'],
  ['ageBands', 'ageYears', 'age_years'],
  ['baselineMmeBands', 'baselineMmePerDay', 'baseline_mme_per_day'],
] as const;

const bandPredicate = (column: BandColumn, band: CohortBand): SQL => {
  const col = sql.raw(column);
  return band.upper === null
    ? sql`(${col} >= ${band.lower})`
    : sql`(${col} >= ${band.lower} AND ${col} < ${band.upper})`;
};

/** The WHERE clause of a filter; an unknown band id is a 400 naming the field. */
export const cohortWhere = (
  clinicId: string,
  filter: FilterInput,
  bands: CohortBands,
  fieldPrefix: string,
): SQL => {
  const parts: SQL[] = [sql`clinic_id = ${clinicId}`];
  if (filter.conditionPrefixes !== undefined) {
    const any = filter.conditionPrefixes.map(
      (p) => sql`starts_with(upper(condition_code), ${p.toUpperCase()})`,
    );
    parts.push(sql`(${sql.join(any, sql` OR `)})`);
  }
  if (filter.protocols !== undefined) {
    const any = filter.protocols.map(
      (p) => sql`(protocol_id = ${p.id} AND protocol_version = ${p.version})`,
    );
    parts.push(sql`(${sql.join(any, sql` OR `)})`);
  }
  for (const [key, dimension, column] of BAND_FILTERS) {
    const ids = filter[key];
    if (ids === undefined) continue;
    const any = ids.map((id, i) => {
      const band = bands.bands[dimension].find((b) => b.id === id);
      if (band === undefined) {
        const known = bands.bands[dimension].map((b) => b.id).join(', ');
        throw new DomainError(
          'analytics.unknown-band',
          400,
          `${id} is not a ${dimension} band; use one of ${known}.`,
          `${fieldPrefix}.${key}[${String(i)}]`,
        );
      }
      return bandPredicate(column, band);
    });
    parts.push(sql`(${sql.join(any, sql` OR `)})`);
  }
  if (filter.sexes !== undefined) {
    const any = filter.sexes.map((s) => sql`sex = ${s}`);
    parts.push(sql`(${sql.join(any, sql` OR `)})`);
  }
  return sql.join(parts, sql` AND `);
};

/**
 * One statement, one snapshot: the aggregates of the filtered rows. Two passes over the rows (totals
 * with the MME milestones; durable-relief groups) and no materialised intermediate: the MME change
 * at milestone m is picked from the row's aligned arrays (months[i] pairs with changes[i]), so no
 * per-row unnest and one sort per milestone median.
 */
export const cohortAggregateQuery = (where: SQL, options: SummaryOptions): SQL => {
  const classes = [
    ...options.painClasses.map((c) => ({ column: 'pain_classes', code: c.code })),
    ...options.pgicClasses.map((c) => ({ column: 'pgic_classes', code: c.code })),
  ].map(
    ({ column, code }) =>
      sql`json_build_array(count(*) FILTER (WHERE ${sql.raw(column)} IS NOT NULL), count(*) FILTER (WHERE ${code} = ANY(${sql.raw(column)})))`,
  );
  const milestones = options.mmeMilestoneMonths.map((m, i) => ({
    months: m,
    alias: sql.raw(`m${String(i)}`),
  }));
  const picks = milestones.map(
    ({ months, alias }) =>
      sql`mme_change_mme_per_day[array_position(mme_change_months, ${months}::int)] AS ${alias}`,
  );
  const mme = milestones.map(
    ({ months, alias }) =>
      sql`json_build_array(${months}::int, count(${alias}), avg(${alias}), percentile_cont(0.5) WITHIN GROUP (ORDER BY ${alias}))`,
  );
  return sql`WITH c AS NOT MATERIALIZED (
      SELECT pain_classes, pgic_classes, relief_days, relief_event, sessions, adverse_events,
             rapid_onset_responses, rapid_onset_assessed, ${sql.join(picks, sql`, `)}
      FROM cohort_rows WHERE ${where})
    SELECT
      (SELECT json_build_object(
         'n', count(*),
         'sessions', coalesce(sum(sessions), 0),
         'adverseEvents', coalesce(sum(adverse_events), 0),
         'rapidOnsetResponses', coalesce(sum(rapid_onset_responses), 0),
         'rapidOnsetAssessed', coalesce(sum(rapid_onset_assessed), 0),
         'classes', json_build_array(${sql.join(classes, sql`, `)}),
         'mme', json_build_array(${sql.join(mme, sql`, `)}))
       FROM c) AS totals,
      (SELECT coalesce(json_agg(json_build_array(relief_days, relief_event, k) ORDER BY relief_days, relief_event), '[]'::json)
       FROM (SELECT relief_days, relief_event, count(*) AS k FROM c
             WHERE relief_days IS NOT NULL GROUP BY relief_days, relief_event) g) AS relief`;
};

interface AggregateRow {
  readonly totals: {
    readonly n: number;
    readonly sessions: number;
    readonly adverseEvents: number;
    readonly rapidOnsetResponses: number;
    readonly rapidOnsetAssessed: number;
    readonly classes: readonly (readonly [number, number])[];
    /** Per milestone, in options order: months, n, mean and median (null when n = 0). */
    readonly mme: readonly (readonly [number, number, number | null, number | null])[];
  };
  readonly relief: readonly (readonly [number, boolean, number])[];
}

/** Maps the statement's single row to core's CohortAggregates (class order = options order). */
export const toAggregates = (row: unknown, options: SummaryOptions): CohortAggregates => {
  const r = row as AggregateRow;
  const classCodes = [
    ...options.painClasses.map((c) => ({ kind: 'pain' as const, code: c.code })),
    ...options.pgicClasses.map((c) => ({ kind: 'pgic' as const, code: c.code })),
  ];
  return {
    n: r.totals.n,
    classCounts: classCodes.map((c, i) => ({
      ...c,
      assessed: r.totals.classes[i]?.[0] ?? 0,
      responders: r.totals.classes[i]?.[1] ?? 0,
    })),
    reliefTimes: r.relief.map(([timeDays, event, count]) => ({ timeDays, event, count })),
    mmeChange: options.mmeMilestoneMonths.map((months, i) => {
      const [, n, mean, median] = r.totals.mme[i] ?? [months, 0, null, null];
      return { months, n, meanChangeMmePerDay: mean, medianChangeMmePerDay: median };
    }),
    adverseEvents: r.totals.adverseEvents,
    sessions: r.totals.sessions,
    rapidOnsetResponses: r.totals.rapidOnsetResponses,
    rapidOnsetAssessed: r.totals.rapidOnsetAssessed,
  };
};
