/**
 * Due and overdue charting prompts: each charted item (vitals, sedation, pain, dissociation) is
 * due one protocol monitoring interval after its last entry in the current phase (or after the
 * phase began) and overdue once a grace period has also passed. Each prompt names the knowledge
 * (protocol, grace policy) its times came from.
 */
import { err, ok, type Result } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';

export const CHARTING_ITEMS = ['vitals', 'sedation', 'pain', 'dissociation'] as const;
export type ChartingItem = (typeof CHARTING_ITEMS)[number];
/** The bedside assessments a protocol schedules besides the vitals. */
export const CHARTED_ASSESSMENTS = ['sedation', 'pain', 'dissociation'] as const;
export type ChartedAssessment = (typeof CHARTED_ASSESSMENTS)[number];

export interface ChartingSchedule {
  /** Start of the current phase (infusion start, recovery start), epoch ms. */
  readonly phaseStartedAtMs: number;
  /** Monitoring interval per item, minutes > 0, from the protocol. */
  readonly intervals: readonly { readonly item: ChartingItem; readonly intervalMin: number }[];
  /** Minutes after due before overdue (default from charting-prompts knowledge). */
  readonly overdueGraceMin: number;
  /** The protocol (and grace) knowledge the schedule came from. */
  readonly sources: readonly KnowledgeRef[];
}

/** Time of the last entry of each item, epoch ms; absent when none was charted yet. */
export type LastEntries = Readonly<Partial<Record<ChartingItem, number>>>;

export interface ChartingPrompt {
  readonly item: ChartingItem;
  readonly status: 'not-due' | 'due' | 'overdue';
  readonly dueAtMs: number;
  readonly overdueAtMs: number;
  /** Whole minutes past due (0 when not yet due). */
  readonly minutesPastDue: number;
  /** The knowledge the interval and grace came from (the schedule's sources). */
  readonly sources: readonly KnowledgeRef[];
}

const MIN_MS = 60_000;

/**
 * Computes one prompt per scheduled item at `nowMs`. An entry before the phase began (e.g.
 * baseline vitals before the start) does not count for the new phase. Errors: non-positive
 * interval, negative grace, or an entry time in the future (clocks disagree: fix the clock
 * rather than hide an overdue check).
 */
export function chartingDue(
  schedule: ChartingSchedule,
  lastEntries: LastEntries,
  nowMs: number,
): Result<readonly ChartingPrompt[]> {
  if (!(schedule.overdueGraceMin >= 0) || !Number.isFinite(schedule.overdueGraceMin)) {
    return err({
      code: 'charting.invalid-schedule',
      field: 'schedule.overdueGraceMin',
      message: 'The overdue grace must be 0 or more minutes.',
    });
  }
  const prompts: ChartingPrompt[] = [];
  for (const [i, { item, intervalMin }] of schedule.intervals.entries()) {
    if (!(intervalMin > 0) || !Number.isFinite(intervalMin)) {
      return err({
        code: 'charting.invalid-schedule',
        field: `schedule.intervals[${i}].intervalMin`,
        message: `The ${item} interval must be more than 0 minutes.`,
      });
    }
    const last = lastEntries[item];
    if (last !== undefined && last > nowMs) {
      return err({
        code: 'charting.entry-in-future',
        field: `lastEntries.${item}`,
        message: `The last ${item} entry is later than now; check the device clocks.`,
      });
    }
    const from =
      last !== undefined && last >= schedule.phaseStartedAtMs ? last : schedule.phaseStartedAtMs;
    const dueAtMs = from + intervalMin * MIN_MS;
    const overdueAtMs = dueAtMs + schedule.overdueGraceMin * MIN_MS;
    const status = nowMs >= overdueAtMs ? 'overdue' : nowMs >= dueAtMs ? 'due' : 'not-due';
    prompts.push({
      item,
      status,
      dueAtMs,
      overdueAtMs,
      minutesPastDue: Math.max(0, Math.floor((nowMs - dueAtMs) / MIN_MS)),
      sources: schedule.sources,
    });
  }
  return ok(prompts);
}
