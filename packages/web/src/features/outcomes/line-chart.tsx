/**
 * A uPlot line chart shared by the outcome and analytics screens: series on one x axis (calendar
 * dates or days), optional shaded bands between two series (confidence bands), stepped lines
 * (Kaplan–Meier) and vertical markers (infusion days). The picture has an accessible name and every
 * screen puts a table of the same values beside it, so nothing is only visible as a picture.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './outcomes.css';

export interface LineSeries {
  readonly label: string;
  readonly color: string;
  readonly dash?: readonly number[];
  readonly stepped?: boolean;
  /** Draw points only (readings that are not a continuous measure). */
  readonly pointsOnly?: boolean;
  /** Fill colour when this series is the upper edge of a band down to `bandTo` (1-based index). */
  readonly bandTo?: number;
  readonly bandFill?: string;
}

export interface LineChartProps {
  /** Accessible name of the picture; say where the same values are as text. */
  readonly label: string;
  /** `date`: x values are Unix seconds shown as UTC calendar dates; `number`: plain numbers. */
  readonly xKind: 'date' | 'number';
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: readonly number[];
  readonly ys: readonly (readonly (number | null)[])[];
  readonly series: readonly LineSeries[];
  readonly yRange?: readonly [number, number];
  readonly markers?: readonly number[];
  readonly markerColor?: string;
}

export function LineChart(props: LineChartProps): ReactNode {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (element === null || props.x.length === 0) return;
    const markers = props.markers ?? [];
    const markerColor = props.markerColor ?? '#6a1b9a';
    const range = props.yRange;
    // Kaplan–Meier: survival holds until the next event, so the line steps after each point.
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    const plot = new uPlot(
      {
        width: Math.max(300, element.clientWidth),
        height: 280,
        ...(props.xKind === 'date'
          ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') }
          : {}),
        scales: {
          x: { time: props.xKind === 'date' },
          ...(range === undefined ? {} : { y: { range: [range[0], range[1]] } }),
        },
        series: [
          { label: props.xLabel },
          ...props.series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            spanGaps: true,
            ...(s.dash === undefined ? {} : { dash: [...s.dash] }),
            ...(s.stepped === true && stepped !== undefined ? { paths: stepped } : {}),
            ...(s.pointsOnly === true
              ? { paths: () => null, points: { show: true, size: 8 } }
              : { points: { show: false } }),
          })),
        ],
        bands: props.series.flatMap((s, i) =>
          s.bandTo === undefined
            ? []
            : [{ series: [i + 1, s.bandTo] as [number, number], fill: s.bandFill ?? '#1f6feb22' }],
        ),
        axes: [{ label: props.xLabel }, { label: props.yLabel }],
        hooks: {
          draw: [
            (u) => {
              const ctx = u.ctx;
              ctx.save();
              ctx.strokeStyle = markerColor;
              ctx.lineWidth = 1;
              ctx.setLineDash([4, 3]);
              for (const t of markers) {
                const px = Math.round(u.valToPos(t, 'x', true));
                ctx.beginPath();
                ctx.moveTo(px, u.bbox.top);
                ctx.lineTo(px, u.bbox.top + u.bbox.height);
                ctx.stroke();
              }
              ctx.restore();
            },
          ],
        },
      },
      [props.x as number[], ...props.ys.map((y) => y as (number | null)[])],
      element,
    );
    return () => {
      plot.destroy();
    };
  }, [props]);
  if (props.x.length === 0) return <p className="empty">Nothing to chart yet.</p>;
  return <div className="line-chart" ref={host} role="img" aria-label={props.label} />;
}
