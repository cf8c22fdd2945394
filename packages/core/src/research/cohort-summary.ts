/**
 * What a cohort looks like: n, responder rates with Wilson intervals (one per IMMPACT pain and PGIC
 * class of the instruments), Kaplan–Meier durable relief (curve, bands and median), MME change at
 * each milestone, adverse events per 100 sessions and the rapid-onset rate.
 */
import { err, ok, type Result } from '../result.ts';
import type { PainChangeThreshold, PgicChangeClass } from '../stats/immpact.ts';
import { kaplanMeier, type BandMethod, type KaplanMeierResult } from '../stats/kaplan-meier.ts';
import { wilsonInterval, type ProportionInterval } from '../stats/wilson.ts';
import { checkCohortRows, type CohortRow } from './cohort.ts';

export interface ResponderRate {
  readonly kind: 'pain' | 'pgic';
  readonly code: string;
  readonly label: string;
  /** Patients whose class is known (the denominator). */
  readonly assessed: number;
  readonly responders: number;
  /** Null when nobody was assessed. */
  readonly interval: ProportionInterval | null;
}

export interface MmeChangeSummary {
  readonly months: number;
  /** Patients who reached the milestone. */
  readonly n: number;
  readonly meanChangeMmePerDay: number | null;
  readonly medianChangeMmePerDay: number | null;
}

export interface CohortSummary {
  readonly n: number;
  readonly responderRates: readonly ResponderRate[];
  /** Null when no patient has durable-relief data. */
  readonly durableRelief: KaplanMeierResult | null;
  readonly mmeChange: readonly MmeChangeSummary[];
  readonly adverseEvents: {
    readonly events: number;
    readonly sessions: number;
    readonly per100Sessions: number | null;
  };
  /**
   * Sessions with a rapid-onset response over sessions assessed. Sessions of one patient are not
   * independent, so the Wilson interval here is narrower than the truth; read it as descriptive.
   */
  readonly rapidOnset: {
    readonly responses: number;
    readonly assessed: number;
    readonly interval: ProportionInterval | null;
  };
}

export interface SummaryOptions {
  readonly painClasses: readonly PainChangeThreshold[];
  readonly pgicClasses: readonly PgicChangeClass[];
  /** MME milestones to report, e.g. [1, 3, 6]. */
  readonly mmeMilestoneMonths: readonly number[];
  /** Fraction in (0.5, 0.9999); default 0.95. */
  readonly confidenceLevel?: number;
  readonly kaplanMeierBand?: BandMethod;
}

const median = (values: readonly number[]): number | null => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return null;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? null)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const rate = (
  successes: number,
  trials: number,
  level: number,
): Result<ProportionInterval | null> =>
  trials === 0 ? ok(null) : wilsonInterval(successes, trials, level);

/** Summarises a (filtered) cohort. An empty cohort is valid: n = 0 and every rate null. */
export const summarizeCohort = (
  rows: readonly CohortRow[],
  options: SummaryOptions,
): Result<CohortSummary> => {
  const checked = checkCohortRows(rows);
  if (!checked.ok) return checked;
  if (options.mmeMilestoneMonths.some((m) => !Number.isInteger(m) || m < 1)) {
    return err({
      code: 'cohort.milestones',
      field: 'mmeMilestoneMonths',
      message: 'mmeMilestoneMonths must be whole months ≥ 1.',
    });
  }
  const level = options.confidenceLevel ?? 0.95;
  const responderRates: ResponderRate[] = [];
  const classes = [
    ...options.painClasses.map((c) => ({ kind: 'pain' as const, code: c.code, label: c.label })),
    ...options.pgicClasses.map((c) => ({ kind: 'pgic' as const, code: c.code, label: c.label })),
  ];
  for (const c of classes) {
    const known = rows
      .map((r) => (c.kind === 'pain' ? r.painClasses : r.pgicClasses))
      .filter((x): x is readonly string[] => x !== null);
    const responders = known.filter((reached) => reached.includes(c.code)).length;
    const interval = rate(responders, known.length, level);
    if (!interval.ok) return interval;
    responderRates.push({ ...c, assessed: known.length, responders, interval: interval.value });
  }

  const times = rows.flatMap((r) =>
    r.durableRelief === null
      ? []
      : [{ timeDays: r.durableRelief.days, event: r.durableRelief.event }],
  );
  let durableRelief: KaplanMeierResult | null = null;
  if (times.length > 0) {
    const km = kaplanMeier(times, {
      confidenceLevel: level,
      ...(options.kaplanMeierBand === undefined ? {} : { band: options.kaplanMeierBand }),
    });
    if (!km.ok) return km;
    durableRelief = km.value;
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
      medianChangeMmePerDay: median(changes),
    };
  });

  const events = rows.reduce((s, r) => s + r.adverseEvents, 0);
  const sessions = rows.reduce((s, r) => s + r.sessions, 0);
  const responses = rows.reduce((s, r) => s + r.rapidOnsetResponses, 0);
  const assessed = rows.reduce((s, r) => s + r.rapidOnsetAssessed, 0);
  const rapid = rate(responses, assessed, level);
  if (!rapid.ok) return rapid;
  return ok({
    n: rows.length,
    responderRates,
    durableRelief,
    mmeChange,
    adverseEvents: {
      events,
      sessions,
      per100Sessions: sessions === 0 ? null : (100 * events) / sessions,
    },
    rapidOnset: { responses, assessed, interval: rapid.value },
  });
};
