/**
 * Turns the server's session chart into aligned columns for uPlot (one time axis) and the event
 * markers (start, rate changes, pauses, adverse events, rescue medication). Only rearranges what the
 * server returned; no clinical math.
 *
 * In a column, `undefined` means "nothing charted for this series at that time" (the line joins over
 * it) and `null` an explicit gap (the line breaks): RASS and MOAA/S are different scales, so each has
 * its own series and each breaks where the other was charted — RASS −3 then MOAA/S 3 must never read
 * as one line from −3 to 3.
 */
import type { ChartData } from '@ketaflow/contract';
import { storedNumber } from './observation-text.ts';
import { rescuesOf, rescueText } from './rescue-text.ts';
import { SCORE_LABELS } from './score-labels.ts';

export interface Marker {
  /** Unix seconds. */
  readonly t: number;
  readonly kind: 'start' | 'rate-change' | 'pause' | 'resume' | 'stop' | 'adverse-event' | 'rescue';
  readonly label: string;
}

export const SERIES = [
  { key: 'systolicBpMmHg', label: 'Systolic BP (mmHg)', axis: 'vitals', color: '#b3261e' },
  { key: 'diastolicBpMmHg', label: 'Diastolic BP (mmHg)', axis: 'vitals', color: '#e07b39' },
  { key: 'heartRateBpm', label: 'Heart rate (/min)', axis: 'vitals', color: '#1f6feb' },
  { key: 'spo2Percent', label: 'SpO2 (%)', axis: 'vitals', color: '#2e7d32' },
  {
    key: 'respiratoryRatePerMin',
    label: 'Respiratory rate (/min)',
    axis: 'vitals',
    color: '#00838f',
  },
  { key: 'etco2MmHg', label: 'EtCO2 (mmHg)', axis: 'vitals', color: '#5d4037' },
  { key: 'rass', label: SCORE_LABELS.rass, axis: 'scores', color: '#6a1b9a' },
  { key: 'moaas', label: SCORE_LABELS.moaas, axis: 'scores', color: '#ad1457' },
  { key: 'painNrs', label: 'Pain NRS', axis: 'scores', color: '#8d6e63' },
  {
    key: 'predictedNgPerMl',
    label: 'Predicted plasma ketamine (ng/mL)',
    axis: 'concentration',
    color: '#000000',
  },
] as const;

export type SeriesKey = (typeof SERIES)[number]['key'];
/** A value, `undefined` (nothing at this time: joined over) or `null` (an explicit gap). */
export type Cell = number | null | undefined;

export interface AlignedChart {
  readonly times: readonly number[];
  readonly columns: Readonly<Record<SeriesKey, readonly Cell[]>>;
  readonly markers: readonly Marker[];
}

/** Each sedation scale breaks its line where the other one was charted. */
const OTHER_SCALE: Partial<Record<SeriesKey, SeriesKey>> = { rass: 'moaas', moaas: 'rass' };

const seconds = (iso: string): number => Date.parse(iso) / 1000;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function alignChart(chart: ChartData): AlignedChart {
  const points = new Map<number, Partial<Record<SeriesKey, number>>>();
  const put = (t: number, key: SeriesKey, value: unknown): void => {
    if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isFinite(t)) return;
    points.set(t, { ...points.get(t), [key]: value });
  };
  const markers: Marker[] = [];
  for (const entry of chart.entries) {
    const t = seconds(entry.occurredAt);
    const p = entry.payload;
    if (entry.kind === 'vitals' && isRecord(p.vitals)) {
      for (const s of SERIES) if (s.axis === 'vitals') put(t, s.key, p.vitals[s.key]);
    } else if (entry.kind === 'sedation') {
      if (p.scale === 'rass' || p.scale === 'moaas') put(t, p.scale, p.score);
    } else if (entry.kind === 'pain') put(t, 'painNrs', p.painNrs);
    else if (entry.kind === 'rate-change') {
      markers.push({ t, kind: 'rate-change', label: `Rate ${storedNumber(p.rateMgPerH)} mg/h` });
    } else if (entry.kind === 'adverse-event') {
      markers.push({ t, kind: 'adverse-event', label: `Adverse event: ${String(p.type)}` });
      for (const r of rescuesOf(p)) {
        if (typeof r.givenAt === 'string') {
          markers.push({
            t: seconds(r.givenAt),
            kind: 'rescue',
            label: `Rescue: ${rescueText(r)}`,
          });
        }
      }
    }
  }
  for (const point of chart.predicted.points)
    put(seconds(point.at), 'predictedNgPerMl', point.ngPerMl);
  for (const tr of chart.transitions) {
    const kind =
      tr.event === 'start' || tr.event === 'pause' || tr.event === 'resume' || tr.event === 'stop'
        ? tr.event
        : null;
    if (kind !== null) markers.push({ t: seconds(tr.occurredAt), kind, label: tr.event });
  }
  const times = [...points.keys()].sort((a, b) => a - b);
  const cell = (t: number, key: SeriesKey): Cell => {
    const point = points.get(t);
    const value = point?.[key];
    if (value !== undefined) return value;
    const other = OTHER_SCALE[key];
    return other !== undefined && point?.[other] !== undefined ? null : undefined;
  };
  const columns = Object.fromEntries(
    SERIES.map((s) => [s.key, times.map((t) => cell(t, s.key))]),
  ) as Record<SeriesKey, Cell[]>;
  markers.sort((a, b) => a.t - b.t);
  return { times, columns, markers };
}
