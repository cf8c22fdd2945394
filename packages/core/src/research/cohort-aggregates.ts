/**
 * Cohort analytics from aggregates: the counts and sums a database can compute close to the data
 * (GROUP BY, FILTER, percentile_cont) turned into the same CohortSummary as summarizeCohort, with
 * the Wilson intervals and the Kaplan–Meier estimate computed here. `aggregateCohortRows` is the
 * reference for those aggregates; the server's SQL is tested against it.
 */
import { err, ok, type Result } from '../result.ts';
import { kaplanMeier, type KaplanMeierResult, type TimeToEvent } from '../stats/kaplan-meier.ts';
import { wilsonInterval, type ProportionInterval } from '../stats/wilson.ts';
import type { CohortRow } from './cohort.ts';
import type {
  CohortSummary,
  MmeChangeSummary,
  ResponderRate,
  SummaryOptions,
} from './cohort-summary.ts';

export interface ClassCount {
  readonly kind: 'pain' | 'pgic';
  readonly code: string;
  /** Patients whose class is known. */
  readonly assessed: number;
  readonly responders: number;
}

/** Patients sharing one durable-relief time (days) and outcome (event or censored). */
export interface ReliefTimeGroup {
  readonly timeDays: number;
  readonly event: boolean;
  readonly count: number;
}

export interface CohortAggregates {
  readonly n: number;
  readonly classCounts: readonly ClassCount[];
  readonly reliefTimes: readonly ReliefTimeGroup[];
  readonly mmeChange: readonly MmeChangeSummary[];
  readonly adverseEvents: number;
  readonly sessions: number;
  readonly rapidOnsetResponses: number;
  readonly rapidOnsetAssessed: number;
}

const medianOf = (values: readonly number[]): number | null => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return null;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? null)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** The aggregates of already-filtered rows, computed in memory (reference for the SQL). */
export const aggregateCohortRows = (
  rows: readonly CohortRow[],
  options: SummaryOptions,
): CohortAggregates => {
  const classCounts = [
    ...options.painClasses.map((c) => ({ kind: 'pain' as const, code: c.code })),
    ...options.pgicClasses.map((c) => ({ kind: 'pgic' as const, code: c.code })),
  ].map((c) => {
    const known = rows
      .map((r) => (c.kind === 'pain' ? r.painClasses : r.pgicClasses))
      .filter((x): x is readonly string[] => x !== null);
    return {
      ...c,
      assessed: known.length,
      responders: known.filter((reached) => reached.includes(c.code)).length,
    };
  });
  const groups = new Map<string, ReliefTimeGroup>();
  for (const r of rows) {
    if (r.durableRelief === null) continue;
    const key = `${String(r.durableRelief.days)}:${String(r.durableRelief.event)}`;
    const g = groups.get(key);
    groups.set(key, {
      timeDays: r.durableRelief.days,
      event: r.durableRelief.event,
      count: (g?.count ?? 0) + 1,
    });
  }
  const mmeChange = options.mmeMilestoneMonths.map((months) => {
    const changes = rows.flatMap((r) =>
      r.mmeChanges.filter((m) => m.months === months).map((m) => m.changeMmePerDay),
    );
    return {
      months,
      n: changes.length,
      meanChangeMmePerDay:
        changes.length === 0 ? null : changes.reduce((s, x) => s + x, 0) / changes.length,
      medianChangeMmePerDay: medianOf(changes),
    };
  });
  return {
    n: rows.length,
    classCounts,
    reliefTimes: [...groups.values()].sort(
      (a, b) => a.timeDays - b.timeDays || Number(a.event) - Number(b.event),
    ),
    mmeChange,
    adverseEvents: rows.reduce((s, r) => s + r.adverseEvents, 0),
    sessions: rows.reduce((s, r) => s + r.sessions, 0),
    rapidOnsetResponses: rows.reduce((s, r) => s + r.rapidOnsetResponses, 0),
    rapidOnsetAssessed: rows.reduce((s, r) => s + r.rapidOnsetAssessed, 0),
  };
};

const invalid = (field: string, message: string): Result<never> =>
  err({ code: 'cohort.invalid-aggregate', field, message });

const count = (value: number): boolean => Number.isInteger(value) && value >= 0;

const rate = (
  successes: number,
  trials: number,
  level: number,
): Result<ProportionInterval | null> =>
  trials === 0 ? ok(null) : wilsonInterval(successes, trials, level);

/**
 * The cohort summary from aggregates. Rejects counts that cannot be right (negative, responders
 * above assessed, a class of the options missing) naming the field.
 */
export const summarizeAggregates = (
  agg: CohortAggregates,
  options: SummaryOptions,
): Result<CohortSummary> => {
  const level = options.confidenceLevel ?? 0.95;
  for (const [key, value] of [
    ['n', agg.n],
    ['adverseEvents', agg.adverseEvents],
    ['sessions', agg.sessions],
    ['rapidOnsetResponses', agg.rapidOnsetResponses],
    ['rapidOnsetAssessed', agg.rapidOnsetAssessed],
  ] as const) {
    if (!count(value)) return invalid(key, `${key} must be a whole number ≥ 0.`);
  }
  const responderRates: ResponderRate[] = [];
  const classes = [
    ...options.painClasses.map((c) => ({ kind: 'pain' as const, code: c.code, label: c.label })),
    ...options.pgicClasses.map((c) => ({ kind: 'pgic' as const, code: c.code, label: c.label })),
  ];
  for (const c of classes) {
    const found = agg.classCounts.find((x) => x.kind === c.kind && x.code === c.code);
    if (found === undefined) {
      return invalid('classCounts', `classCounts has no ${c.kind} class ${c.code}.`);
    }
    if (!count(found.assessed) || !count(found.responders) || found.responders > found.assessed) {
      return invalid(
        'classCounts',
        `classCounts ${c.code}: responders must be a whole number from 0 to assessed.`,
      );
    }
    const interval = rate(found.responders, found.assessed, level);
    if (!interval.ok) return interval;
    responderRates.push({
      ...c,
      assessed: found.assessed,
      responders: found.responders,
      interval: interval.value,
    });
  }
  const times: TimeToEvent[] = [];
  for (const g of agg.reliefTimes) {
    if (!count(g.count) || !Number.isFinite(g.timeDays) || g.timeDays < 0) {
      return invalid('reliefTimes', 'reliefTimes need whole counts and times ≥ 0 days.');
    }
    for (let i = 0; i < g.count; i += 1) times.push({ timeDays: g.timeDays, event: g.event });
  }
  let durableRelief: KaplanMeierResult | null = null;
  if (times.length > 0) {
    const km = kaplanMeier(times, {
      confidenceLevel: level,
      ...(options.kaplanMeierBand === undefined ? {} : { band: options.kaplanMeierBand }),
    });
    if (!km.ok) return km;
    durableRelief = km.value;
  }
  if (agg.rapidOnsetResponses > agg.rapidOnsetAssessed) {
    return invalid(
      'rapidOnsetResponses',
      'rapidOnsetResponses must not exceed rapidOnsetAssessed.',
    );
  }
  const mmeChange = options.mmeMilestoneMonths.map(
    (months) =>
      agg.mmeChange.find((m) => m.months === months) ?? {
        months,
        n: 0,
        meanChangeMmePerDay: null,
        medianChangeMmePerDay: null,
      },
  );
  const rapid = rate(agg.rapidOnsetResponses, agg.rapidOnsetAssessed, level);
  if (!rapid.ok) return rapid;
  return ok({
    n: agg.n,
    responderRates,
    durableRelief,
    mmeChange,
    adverseEvents: {
      events: agg.adverseEvents,
      sessions: agg.sessions,
      per100Sessions: agg.sessions === 0 ? null : (100 * agg.adverseEvents) / agg.sessions,
    },
    rapidOnset: {
      responses: agg.rapidOnsetResponses,
      assessed: agg.rapidOnsetAssessed,
      interval: rapid.value,
    },
  });
};
