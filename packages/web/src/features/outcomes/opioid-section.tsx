/**
 * Opioid use over time on the outcome page: the medication list, daily MME as a chart with a table
 * of the same values (runs of equal MME/day), the factor table id@version, and the MME change from
 * the first infusion at 1, 3 and 6 months (when the first infusion is known).
 */
import type { MedicationLine, MmeSeries } from '@ketaflow/contract';
import type { ReactNode } from 'react';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { Loading } from '../../components/page.tsx';
import { num, signed } from './display.ts';
import { LineChart } from './line-chart.tsx';
import { factorTables, mmeChart, mmeRuns } from './mme-series.ts';
import { mmeRange, todayIn } from './mme-range.ts';
import { getMedications, getMme } from './outcomes-api.ts';
import { refText } from './outcomes-view.ts';
import { TableRegion } from './table-region.tsx';

export function OpioidSection(props: {
  readonly patientId: string;
  /** First infusion day when known (prescribers): the MME change is measured from it. */
  readonly firstInfusion: string | null;
  readonly today: string | null;
}): ReactNode {
  const { clinic } = useReadySession();
  const { patientId, firstInfusion } = props;
  const today = props.today ?? todayIn(clinic.timeZone, new Date());
  const { state } = useLoad(
    async (signal) => {
      const list = await getMedications(patientId, signal);
      const range = mmeRange(
        list.items.map((m) => m.startDate),
        firstInfusion,
        today,
      );
      const mme = await getMme(
        patientId,
        { ...range, baselineDate: firstInfusion ?? undefined },
        signal,
      );
      return { list: list.items, mme };
    },
    [patientId, firstInfusion, today],
  );
  return (
    <section aria-labelledby="opioid-heading">
      <h2 id="opioid-heading">Opioid use over time</h2>
      {state.status === 'loading' ? <Loading what="the medication list and MME" /> : null}
      {state.status === 'failed' ? <ErrorAlert problem={state.problem} /> : null}
      {state.status === 'ok' ? (
        <>
          <MedicationTable items={state.data.list} />
          <MmeChartAndTable mme={state.data.mme} />
          <MmeChange mme={state.data.mme} firstInfusion={firstInfusion} />
        </>
      ) : null}
    </section>
  );
}

function MedicationTable(props: { readonly items: readonly MedicationLine[] }): ReactNode {
  if (props.items.length === 0) return <p className="empty">No opioid on the medication list.</p>;
  return (
    <TableRegion label="Medication list">
      <table>
        <caption>Medication list</caption>
        <thead>
          <tr>
            <th scope="col">Drug</th>
            <th scope="col">Dose</th>
            <th scope="col">Times per day</th>
            <th scope="col">Start</th>
            <th scope="col">Stop</th>
            <th scope="col">MME/day</th>
            <th scope="col">Factor table</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((m) => (
            <tr key={m.medicationId}>
              <th scope="row">{m.drug}</th>
              <td className="num">
                {m.patchMcgPerH === null
                  ? `${num(m.doseMg, 1)} mg`
                  : `${num(m.patchMcgPerH)} mcg/h`}
              </td>
              <td className="num">{num(m.timesPerDay)}</td>
              <td className="num">{m.startDate}</td>
              <td className="num">{m.stopDate ?? 'ongoing'}</td>
              <td className="num">
                {m.mmePerDay === null ? 'not converted' : num(m.mmePerDay, 1)}
              </td>
              <td>{refText(m.factorTable)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function MmeChartAndTable(props: { readonly mme: MmeSeries }): ReactNode {
  const { days } = props.mme;
  const chart = mmeChart(days);
  const runs = mmeRuns(days);
  return (
    <>
      <h3>Daily MME</h3>
      <div className="chart-with-table">
        <LineChart
          label="Daily morphine milligram equivalents over time; the same values are in the table “MME/day by period”."
          xKind="date"
          xLabel="Date"
          yLabel="MME/day"
          x={chart.times}
          ys={[chart.mme]}
          series={[{ label: 'MME/day', color: '#6a1b9a', stepped: true }]}
        />
        <TableRegion label="MME/day by period">
          <table>
            <caption>MME/day by period</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">MME/day</th>
                <th scope="col">Complete</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.from}>
                  <td className="num nowrap">{r.from}</td>
                  <td className="num nowrap">{r.to}</td>
                  <td className="num">{num(r.mmePerDay, 1)}</td>
                  <td>{r.incomplete ? 'No: a drug could not be converted' : 'Yes'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </div>
      <p className="muted">
        Factor table: {factorTables(days).join(', ') || '—'} · rules {refText(props.mme.rules)}
      </p>
    </>
  );
}

function MmeChange(props: {
  readonly mme: MmeSeries;
  readonly firstInfusion: string | null;
}): ReactNode {
  const change = props.mme.change;
  if (change === null) {
    return (
      <p className="muted">
        {props.firstInfusion === null
          ? 'MME change is measured from the first infusion; none is known here.'
          : 'No MME change: no baseline MME on the first infusion day.'}
      </p>
    );
  }
  return (
    <TableRegion label="MME change from the first infusion">
      <table>
        <caption>
          MME change from the first infusion ({change.baseline.date}:{' '}
          {num(change.baseline.mmePerDay, 1)} MME/day; {refText(change.factorTable)})
        </caption>
        <thead>
          <tr>
            <th scope="col">Months</th>
            <th scope="col">Date</th>
            <th scope="col">MME/day</th>
            <th scope="col">Change (MME/day)</th>
            <th scope="col">Change (%)</th>
          </tr>
        </thead>
        <tbody>
          {change.milestones.map((m) => (
            <tr key={m.months}>
              <th scope="row" className="num">
                {m.months}
              </th>
              <td className="num">{m.date}</td>
              {m.status === 'reached' ? (
                <>
                  <td className="num">
                    {num(m.mmePerDay, 1)}
                    {m.incomplete ? ' (incomplete)' : ''}
                  </td>
                  <td className="num">{signed(m.changeMmePerDay, 1)}</td>
                  <td className="num">{signed(m.percentChange)}</td>
                </>
              ) : (
                <td colSpan={3}>Not yet reached</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
