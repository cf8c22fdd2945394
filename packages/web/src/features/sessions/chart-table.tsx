/**
 * The session's stored entries and transitions as a table, in time order (also the printed summary).
 * Every value carries its unit; times are on the clinic's clock.
 */
import type { ChartData } from '@ketaflow/contract';
import type { ReactNode } from 'react';
import { formatInstant } from '../../app/format.ts';
import { alarmText, sourceOf, withUnit } from './observation-text.ts';
import { rescuesOf, rescueText } from './rescue-text.ts';
import { VITAL_FIELDS } from './vitals.ts';

export function describe(
  kind: string,
  p: Readonly<Record<string, unknown>>,
  timeZone: string,
): string {
  const v = p.vitals;
  const at = (iso: unknown): string =>
    typeof iso === 'string' ? formatInstant(iso, timeZone) : '';
  switch (kind) {
    case 'vitals':
      return typeof v === 'object' && v !== null
        ? VITAL_FIELDS.filter((f) => f.key in v)
            .map((f) => `${f.short} ${withUnit(f.key, (v as Record<string, unknown>)[f.key])}`)
            .join(' · ')
        : '';
    case 'sedation':
      return `${String(p.scale).toUpperCase()} ${String(p.score)}`;
    case 'pain':
      return `NRS ${String(p.painNrs)}`;
    case 'dissociation':
      return `${p.present === true ? 'present' : 'absent'}${typeof p.description === 'string' ? `: ${p.description}` : ''}`;
    case 'note':
      return String(p.text);
    case 'rate-change':
      return `${String(p.rateMgPerH)} mg/h · ${String(p.rateMlPerH)} mL/h: ${String(p.reason)}`;
    case 'adverse-event': {
      const ended = typeof p.endedAt === 'string' ? `, ended ${at(p.endedAt)}` : '';
      const rescue = rescuesOf(p).map(
        (r) =>
          ` · Rescue: ${rescueText(r)}${typeof r.givenAt === 'string' ? ` at ${at(r.givenAt)}` : ''}`,
      );
      return `${String(p.type)} (${String(p.severity)})${ended}: ${String(p.action)}${rescue.join('')}`;
    }
    case 'alarm':
      return `${alarmText(p)} (rule ${String(p.ruleId)}${sourceOf(p)})`;
    case 'alarm-ack':
      return `acknowledged: ${String(p.action)}`;
    default:
      return '';
  }
}

export function ChartTable(props: {
  readonly chart: ChartData;
  readonly timeZone: string;
}): ReactNode {
  const rows = [
    ...props.chart.entries.map((e) => ({
      key: e.id,
      at: e.occurredAt,
      what: e.kind,
      detail: describe(e.kind, e.payload, props.timeZone),
    })),
    ...props.chart.transitions.map((t, i) => ({
      key: `t-${String(i)}`,
      at: t.occurredAt,
      what: 'state',
      detail: `${t.from} → ${t.to}`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <div className="table-wrap chart-table">
      <table>
        <caption className="visually-hidden">Charted entries and state changes</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Entry</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td className="num nowrap">{formatInstant(r.at, props.timeZone)}</td>
              <td>{r.what}</td>
              <td>{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
