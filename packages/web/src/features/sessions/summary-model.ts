/**
 * The printed session summary's tables, read out of the server's chart: rate timeline, vitals,
 * scores, adverse events with rescue medication, and each alarm with its acknowledgements. Only
 * rearranges stored entries (no clinical math); a value the server did not store is shown as absent.
 */
import type { ChartData } from '@ketaflow/contract';
import { formatInstant } from '../../app/format.ts';
import { alarmText, sourceOf } from './observation-text.ts';
import { rescuesOf, rescueText } from './rescue-text.ts';

type Entry = ChartData['entries'][number];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : '';

export interface RateRow {
  readonly at: string;
  readonly mgPerH: string;
  readonly mlPerH: string;
  readonly why: string;
}

/** The ordered rate at start, then every charted rate change with its reason (time order). */
export function rateTimeline(
  chart: ChartData,
  order: { readonly rateMgPerH: number; readonly rateMlPerH: number },
): RateRow[] {
  const start = chart.transitions.find((t) => t.event === 'start');
  const rows: RateRow[] =
    start === undefined
      ? []
      : [
          {
            at: start.occurredAt,
            mgPerH: String(order.rateMgPerH),
            mlPerH: String(order.rateMlPerH),
            why: 'Started at the signed order rate',
          },
        ];
  for (const e of byTime(chart.entries, 'rate-change')) {
    const p = e.payload;
    const override = str(p.overrideReason);
    rows.push({
      at: e.occurredAt,
      mgPerH: str(p.rateMgPerH),
      mlPerH: str(p.rateMlPerH),
      why: override === '' ? str(p.reason) : `${str(p.reason)} (override: ${override})`,
    });
  }
  return rows;
}

function byTime(entries: readonly Entry[], kind: string): Entry[] {
  return entries
    .filter((e) => e.kind === kind)
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

/** Vitals rows: time and each vital by key (missing keys absent). */
export function vitalsRows(
  chart: ChartData,
): { readonly at: string; readonly values: Readonly<Record<string, number>> }[] {
  return byTime(chart.entries, 'vitals').map((e) => {
    const v = e.payload.vitals;
    const values: Record<string, number> = {};
    if (isRecord(v))
      for (const [k, x] of Object.entries(v)) if (typeof x === 'number') values[k] = x;
    return { at: e.occurredAt, values };
  });
}

/** Sedation, dissociation and pain scores in time order, each as a short text. */
export function scoreRows(chart: ChartData): { readonly at: string; readonly text: string }[] {
  return chart.entries
    .filter((e) => e.kind === 'sedation' || e.kind === 'pain' || e.kind === 'dissociation')
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
    .map((e) => {
      const p = e.payload;
      const text =
        e.kind === 'sedation'
          ? `Sedation ${str(p.scale).toUpperCase()} ${str(p.score)}`
          : e.kind === 'pain'
            ? `Pain NRS ${str(p.painNrs)}`
            : `Dissociation ${p.present === true ? 'present' : 'absent'}${str(p.description) === '' ? '' : `: ${str(p.description)}`}`;
      return { at: e.occurredAt, text };
    });
}

export interface AdverseEventRow {
  readonly at: string;
  readonly text: string;
  readonly rescue: readonly string[];
}

/** Adverse events with end time and rescue medication; times on the clinic's clock like the rest. */
export function adverseEvents(chart: ChartData, timeZone: string): AdverseEventRow[] {
  const at = (iso: unknown): string => formatInstant(str(iso), timeZone);
  return byTime(chart.entries, 'adverse-event').map((e) => {
    const p = e.payload;
    const ended = str(p.endedAt);
    return {
      at: e.occurredAt,
      text: `${str(p.type)} (${str(p.severity)})${ended === '' ? '' : `, ended ${at(ended)}`}: ${str(p.action)}${str(p.description) === '' ? '' : ` (${str(p.description)})`}`,
      rescue: rescuesOf(p).map((r) => `${rescueText(r)} at ${at(r.givenAt)}`),
    };
  });
}

export interface AlarmRow {
  readonly at: string;
  readonly text: string;
  /** Each acknowledgement: when and the action taken; empty while unacknowledged. */
  readonly acks: readonly { readonly at: string; readonly action: string }[];
}

/** Every alarm raised (an `alarm` entry's id is the alarm id) with its acknowledgements. */
export function alarmRows(chart: ChartData): AlarmRow[] {
  const acks = byTime(chart.entries, 'alarm-ack');
  return byTime(chart.entries, 'alarm').map((e) => {
    const p = e.payload;
    return {
      at: e.occurredAt,
      text: `${alarmText(p)} (rule ${str(p.ruleId)}${sourceOf(p)}): ${str(p.action)}`,
      acks: acks
        .filter((a) => a.payload.alarmId === e.id)
        .map((a) => ({ at: a.occurredAt, action: str(a.payload.action) })),
    };
  });
}
