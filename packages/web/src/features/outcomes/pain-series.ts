/**
 * The pain trajectory as one row per day (daily diary NRS, NRS before and after an infusion given
 * that day, change from baseline) and the same rows as aligned uPlot columns with the baseline as a
 * flat line and the infusion days as markers. Only rearranges core's results; no clinical math.
 */
import type { OutcomesView } from './outcomes-view.ts';

export interface PainDay {
  readonly date: string;
  readonly diaryNrs: number | null;
  /** Diary NRS minus baseline (core's value); null without a diary reading or a baseline. */
  readonly changeFromBaseline: number | null;
  readonly infusion: boolean;
  readonly nrsBefore: number | null;
  readonly nrsAfter: number | null;
}

export interface PainChartData {
  /** Unix seconds of each day at 00:00 UTC (the axis shows calendar dates in UTC). */
  readonly times: readonly number[];
  readonly diary: readonly (number | null)[];
  readonly before: readonly (number | null)[];
  readonly after: readonly (number | null)[];
  readonly baseline: readonly (number | null)[];
  /** Unix seconds of the infusion days. */
  readonly infusions: readonly number[];
}

/** `2026-03-01` → Unix seconds at 00:00 UTC. */
export const dayToSeconds = (date: string): number => Date.parse(`${date}T00:00:00.000Z`) / 1000;

export function painDays(outcomes: OutcomesView): PainDay[] {
  const days = new Map<string, PainDay>();
  const empty = (date: string): PainDay => ({
    date,
    diaryNrs: null,
    changeFromBaseline: null,
    infusion: false,
    nrsBefore: null,
    nrsAfter: null,
  });
  for (const p of outcomes.trajectory.points) {
    days.set(p.date, {
      ...(days.get(p.date) ?? empty(p.date)),
      diaryNrs: p.nrs,
      changeFromBaseline: p.changeFromBaseline,
    });
  }
  for (const s of outcomes.rapidOnset.sessions) {
    days.set(s.date, {
      ...(days.get(s.date) ?? empty(s.date)),
      infusion: true,
      nrsBefore: s.nrsBefore,
      nrsAfter: s.nrsAfter,
    });
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function painChart(outcomes: OutcomesView): PainChartData {
  const days = painDays(outcomes);
  const baseline = outcomes.trajectory.baseline;
  const level = baseline.status === 'known' ? baseline.meanNrs : null;
  return {
    times: days.map((d) => dayToSeconds(d.date)),
    diary: days.map((d) => d.diaryNrs),
    before: days.map((d) => d.nrsBefore),
    after: days.map((d) => d.nrsAfter),
    baseline: days.map(() => level),
    infusions: days.filter((d) => d.infusion).map((d) => dayToSeconds(d.date)),
  };
}
