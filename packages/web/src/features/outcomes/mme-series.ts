/**
 * Daily MME as the server computed it, arranged for display: uPlot columns (one point per day) and,
 * for the table beside the chart, runs of consecutive days with the same MME/day, factor table
 * and completeness (a long series reads as a few lines). No MME math here: values are core's.
 */
import type { MmeSeries } from '@ketaflow/contract';
import { dayToSeconds } from './pain-series.ts';

type MmeDay = MmeSeries['days'][number];

export interface MmeRun {
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly mmePerDay: number;
  /** Some day of the run had a medication the factor table cannot convert. */
  readonly incomplete: boolean;
  readonly factorTable: string;
}

const tableOf = (d: MmeDay): string => `${d.factorTable.id}@${d.factorTable.version}`;

/** Consecutive days with equal MME/day, completeness and factor table form one run. */
export function mmeRuns(days: readonly MmeDay[]): MmeRun[] {
  const runs: MmeRun[] = [];
  for (const d of days) {
    const last = runs.at(-1);
    if (
      last !== undefined &&
      last.mmePerDay === d.mmePerDay &&
      last.incomplete === d.incomplete &&
      last.factorTable === tableOf(d)
    ) {
      runs[runs.length - 1] = { ...last, to: d.date, days: last.days + 1 };
    } else {
      runs.push({
        from: d.date,
        to: d.date,
        days: 1,
        mmePerDay: d.mmePerDay,
        incomplete: d.incomplete,
        factorTable: tableOf(d),
      });
    }
  }
  return runs;
}

export function mmeChart(days: readonly MmeDay[]): {
  readonly times: readonly number[];
  readonly mme: readonly number[];
} {
  return { times: days.map((d) => dayToSeconds(d.date)), mme: days.map((d) => d.mmePerDay) };
}

/** The distinct factor tables of a series (normally one), as `id@version`. */
export const factorTables = (days: readonly MmeDay[]): string[] => [...new Set(days.map(tableOf))];
