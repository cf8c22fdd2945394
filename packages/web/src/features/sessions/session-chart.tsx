/**
 * The session chart: vitals and scores on a shared time axis with core's predicted plasma
 * concentration (from the server) on its own axis, and vertical markers for start, rate changes,
 * pauses, adverse events and rescue medication. The table beside it carries the same data as text,
 * so nothing is only visible as a picture.
 */
import type { ChartData } from '@ketaflow/contract';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './floor.css';
import { alignChart, SERIES, type Marker } from './chart-series.ts';

/** uPlot's Axis.Side.Right (a const enum, not importable under isolatedModules). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the enum's documented value
const RIGHT = 1 as uPlot.Axis.Side;
const MARKER_COLORS: Readonly<Record<Marker['kind'], string>> = {
  start: '#2e7d32',
  'rate-change': '#1f6feb',
  pause: '#e0a800',
  resume: '#2e7d32',
  stop: '#b3261e',
  'adverse-event': '#b3261e',
  rescue: '#6a1b9a',
};

export function SessionChart(props: {
  readonly chart: ChartData;
  readonly timeZone: string;
}): ReactNode {
  const host = useRef<HTMLDivElement>(null);
  const aligned = useMemo(() => alignChart(props.chart), [props.chart]);
  useEffect(() => {
    const element = host.current;
    if (element === null || aligned.times.length === 0) return;
    const markers = aligned.markers;
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 320,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), props.timeZone),
        scales: { x: { time: true } },
        series: [
          {},
          ...SERIES.map((s) => ({
            label: s.label,
            scale: s.axis,
            stroke: s.color,
            width: s.axis === 'concentration' ? 2 : 1.5,
            ...(s.axis === 'concentration' ? { dash: [6, 4] } : {}),
            // Joined over `undefined` (nothing charted then), broken at `null` (chart-series.ts).
            spanGaps: false,
            points: { show: true, size: 5 },
          })),
        ],
        axes: [
          {},
          { scale: 'vitals', label: 'mmHg · /min · %' },
          { scale: 'scores', side: RIGHT, label: 'score', grid: { show: false } },
          { scale: 'concentration', side: RIGHT, label: 'ng/mL', grid: { show: false } },
        ],
        hooks: {
          draw: [
            (u) => {
              const ctx = u.ctx;
              ctx.save();
              for (const m of markers) {
                const x = Math.round(u.valToPos(m.t, 'x', true));
                ctx.strokeStyle = MARKER_COLORS[m.kind];
                ctx.lineWidth = 2;
                ctx.setLineDash(m.kind === 'rescue' ? [2, 2] : []);
                ctx.beginPath();
                ctx.moveTo(x, u.bbox.top);
                ctx.lineTo(x, u.bbox.top + u.bbox.height);
                ctx.stroke();
              }
              ctx.restore();
            },
          ],
        },
      },
      [
        aligned.times as number[],
        ...SERIES.map((s) => aligned.columns[s.key] as (number | null | undefined)[]),
      ],
      element,
    );
    return () => {
      plot.destroy();
    };
  }, [aligned, props.timeZone]);
  if (aligned.times.length === 0) return <p className="empty">Nothing charted yet.</p>;
  return (
    <figure className="session-chart">
      <div
        ref={host}
        role="img"
        aria-label="Vitals, scores and predicted concentration over time; the same values are in the table."
      />
      <figcaption>
        <ul className="marker-legend">
          {aligned.markers.map((m, i) => (
            <li key={`${String(m.t)}-${String(i)}`}>
              <span
                className="marker-swatch"
                style={{ background: MARKER_COLORS[m.kind] }}
                aria-hidden="true"
              />{' '}
              {new Date(m.t * 1000).toLocaleTimeString('en-GB', {
                timeZone: props.timeZone,
                hour: '2-digit',
                minute: '2-digit',
              })}{' '}
              {m.label}
            </li>
          ))}
        </ul>
        {props.chart.predicted.model === null ? (
          <p className="muted">No concentration prediction for this session.</p>
        ) : (
          <>
            <p className="muted">
              Predicted concentration: model {props.chart.predicted.model.id}@
              {props.chart.predicted.model.version}
              {props.chart.predicted.warnings.length === 0 ? '.' : ', with these cautions:'}
            </p>
            {props.chart.predicted.warnings.length === 0 ? null : (
              <ul className="muted" aria-label="Cautions of the prediction">
                {props.chart.predicted.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </figcaption>
    </figure>
  );
}
