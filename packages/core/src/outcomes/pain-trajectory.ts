/**
 * The pain trajectory of one patient: every diary NRS reading placed against the baseline, with
 * its day relative to the first infusion, for the outcome chart.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { ok, type Result } from '../result.ts';
import { daysBetween, parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import type { OutcomeRules } from './outcome-rules.ts';
import {
  baselinePain,
  parseNrsReadings,
  percentChange,
  type NrsReadingInput,
  type PainAverage,
} from './pain-readings.ts';

export interface TrajectoryPoint {
  readonly date: CalendarDate;
  /** Day 0 = first infusion; negative before it. */
  readonly dayFromFirstInfusion: number;
  readonly nrs: number;
  /** NRS points relative to baseline (negative = less pain); null when the baseline is unknown. */
  readonly changeFromBaseline: number | null;
  /** Percent relative to baseline; null when the baseline is unknown or 0. */
  readonly percentChangeFromBaseline: number | null;
}

export interface PainTrajectory {
  readonly baseline: PainAverage;
  /** Diary readings in date order. */
  readonly points: readonly TrajectoryPoint[];
  readonly rules: KnowledgeRef;
}

/** Builds the trajectory of diary NRS readings against the baseline before `firstInfusionDate`. */
export const painTrajectory = (
  inputs: readonly NrsReadingInput[],
  firstInfusionDate: string,
  rules: OutcomeRules,
): Result<PainTrajectory> => {
  const first = parseCalendarDate(firstInfusionDate, 'firstInfusionDate');
  if (!first.ok) return first;
  const readings = parseNrsReadings(inputs);
  if (!readings.ok) return readings;
  const baseline = baselinePain(readings.value, first.value, rules);
  const reference = baseline.status === 'known' ? baseline.meanNrs : null;
  const points = readings.value
    .filter((r) => r.context === 'diary')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((r) => ({
      date: r.date,
      dayFromFirstInfusion: daysBetween(first.value, r.date),
      nrs: r.nrs,
      changeFromBaseline: reference === null ? null : r.nrs - reference,
      percentChangeFromBaseline: reference === null ? null : percentChange(r.nrs, reference),
    }));
  return ok({ baseline, points, rules: rules.ref });
};
