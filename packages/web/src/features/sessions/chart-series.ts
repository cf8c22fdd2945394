/**
 * Turns the server's session chart into aligned columns for uPlot (one time axis, null where a
 * series has no value at that time) and the event markers (start, rate changes, pauses, adverse
 * events, rescue medication). Only rearranges what the server returned; no clinical math.
 */
import type { ChartData } from '@ketaflow/contract';

export interface Marker {
  /** Unix seconds. */
  readonly t: number;
  readonly kind: 'start' | 'rate-change' | 'pause' | 'resume' | 'stop' | 'adverse-event' | 'rescue';
  readonly label: string;
}

export const SERIES = [
  { key: 'systolicBpMmHg', label: 'Systolic BP (mmHg)', axis: 'vitals' },
  { key: 'diastolicBpMmHg', label: 'Diastolic BP (mmHg)', axis: 'vitals' },
  { key: 'heartRateBpm', label: 'Heart rate (/min)', axis: 'vitals' },
  { key: 'spo2Percent', label: 'SpO2 (%)', axis: 'vitals' },
  { key: 'sedation', label: 'Sedation score', axis: 'scores' },
  { key: 'painNrs', label: 'Pain NRS', axis: 'scores' },
  { key: 'predictedNgPerMl', label: 'Predicted plasma ketamine (ng/mL)', axis: 'concentration' },
] as const;

export type SeriesKey = (typeof SERIES)[number]['key'];

export interface AlignedChart {
  readonly times: readonly number[];
  readonly columns: Readonly<Record<SeriesKey, readonly (number | null)[]>>;
  readonly markers: readonly Marker[];
}

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
    } else if (entry.kind === 'sedation') put(t, 'sedation', p.score);
    else if (entry.kind === 'pain') put(t, 'painNrs', p.painNrs);
    else if (entry.kind === 'rate-change') {
      markers.push({ t, kind: 'rate-change', label: `Rate ${String(p.rateMgPerH)} mg/h` });
    } else if (entry.kind === 'adverse-event') {
      markers.push({ t, kind: 'adverse-event', label: `Adverse event: ${String(p.type)}` });
      if (Array.isArray(p.rescue)) {
        for (const r of p.rescue) {
          if (isRecord(r) && typeof r.givenAt === 'string') {
            markers.push({
              t: seconds(r.givenAt),
              kind: 'rescue',
              label: `Rescue: ${String(r.medication)}`,
            });
          }
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
  const columns = Object.fromEntries(
    SERIES.map((s) => [s.key, times.map((t) => points.get(t)?.[s.key] ?? null)]),
  ) as Record<SeriesKey, (number | null)[]>;
  markers.sort((a, b) => a.t - b.t);
  return { times, columns, markers };
}
