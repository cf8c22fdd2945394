/**
 * The parts of a patient's outcome page computed by core: summary (responder status, days since the
 * last infusion, durable relief), pain trajectory chart with its table, rapid onset per session,
 * the booster suggestion (never scheduled) and cumulative exposure with monitoring reminders. Each
 * part names the knowledge id@version it was computed with.
 */
import type { ReactNode } from 'react';
import { Link } from '../../components/link.tsx';
import { answerLabel, changeClassLabel, num, signed } from './display.ts';
import { LineChart } from './line-chart.tsx';
import { refText, type OutcomesView } from './outcomes-view.ts';
import { painChart, painDays } from './pain-series.ts';
import { TableRegion } from './table-region.tsx';

type Average = OutcomesView['trajectory']['baseline'];

function average(a: Average): string {
  const window = `${a.windowStart} to ${a.windowEnd}`;
  return a.status === 'known'
    ? `NRS ${num(a.meanNrs, 1)} (mean of ${String(a.readingCount)} readings, ${window})`
    : `Unknown: ${String(a.readingCount)} of ${String(a.minimumReadings)} readings needed (${window})`;
}

const REASONS: Readonly<Record<string, string>> = {
  'no-baseline': 'no baseline pain (too few diary readings before the first infusion)',
  'baseline-zero': 'baseline pain is 0',
  'no-current-pain': 'too few recent diary readings',
  'no-answer': 'no PGIC answer yet',
  'no-follow-up-readings': 'no diary readings after the last infusion',
};
const reason = (code: string): string => `Unknown: ${REASONS[code] ?? code}`;

export function OutcomeSummary(props: { readonly outcomes: OutcomesView }): ReactNode {
  const o = props.outcomes;
  const r = o.responder;
  const relief = o.durableRelief.relief;
  return (
    <section className="panel" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary on {o.today}</h2>
      <dl className="facts">
        <dt>First infusion</dt>
        <dd className="num">{o.firstInfusion}</dd>
        <dt>Last infusion</dt>
        <dd className="num">{o.lastInfusion}</dd>
        <dt>Days since the last infusion</dt>
        <dd className="num">{o.daysSinceLastInfusion}</dd>
        <dt>Baseline pain</dt>
        <dd>{average(o.trajectory.baseline)}</dd>
        <dt>Current pain</dt>
        <dd>{average(r.current)}</dd>
        <dt>Pain responder (≥ 30 %, ≥ 50 %)</dt>
        <dd>
          {r.pain.status === 'unknown'
            ? reason(r.pain.reason)
            : `${num(r.pain.percentReduction)} % reduction: ${
                r.pain.reached.length === 0
                  ? 'no responder threshold reached'
                  : r.pain.reached.map((c) => changeClassLabel(r.painInstrument, c)).join('; ')
              }`}
        </dd>
        <dt>PGIC</dt>
        <dd>
          {r.pgic.status === 'unknown'
            ? reason(r.pgic.reason)
            : `${answerLabel(r.pgicInstrument, r.pgic.answer)} on ${r.pgic.date}: ${
                r.pgic.reached.length === 0
                  ? 'no responder class reached'
                  : r.pgic.reached.map((c) => changeClassLabel(r.pgicInstrument, c)).join('; ')
              }`}
        </dd>
        <dt>Durable relief</dt>
        <dd>
          {relief.status === 'unknown'
            ? reason(relief.reason)
            : relief.status === 'returned'
              ? `Pain returned after ${String(relief.days)} days (on ${relief.returnedOn})`
              : `Not returned: ${String(relief.days)} days so far (last reading ${relief.censoredOn})`}
          {relief.status !== 'unknown' && !relief.reliefAchieved
            ? '; pain never fell below the return level'
            : ''}
          {o.durableRelief.returnLevelNrs === null
            ? null
            : ` · return level NRS ${num(o.durableRelief.returnLevelNrs, 1)}`}
        </dd>
        <dt>Computed with</dt>
        <dd>
          {refText(r.rules)} · {refText(r.painInstrument)} · {refText(r.pgicInstrument)}
        </dd>
      </dl>
    </section>
  );
}

export function PainTrajectory(props: { readonly outcomes: OutcomesView }): ReactNode {
  const o = props.outcomes;
  const days = painDays(o);
  const chart = painChart(o);
  return (
    <section aria-labelledby="pain-heading">
      <h2 id="pain-heading">Pain trajectory against baseline</h2>
      <div className="chart-with-table">
        <LineChart
          label="Pain NRS by day: daily diary, before and after each infusion, and the baseline; the same values are in the table “Pain by day”."
          xKind="date"
          xLabel="Date"
          yLabel="NRS 0–10"
          yRange={[0, 10]}
          x={chart.times}
          ys={[chart.diary, chart.before, chart.after, chart.baseline]}
          series={[
            { label: 'Daily diary NRS', color: '#1f6feb' },
            { label: 'NRS before infusion', color: '#b3261e', pointsOnly: true },
            { label: 'NRS after infusion', color: '#2e7d32', pointsOnly: true },
            { label: 'Baseline (mean NRS)', color: '#555555', dash: [6, 4] },
          ]}
          markers={chart.infusions}
        />
        <TableRegion label="Pain by day">
          <table>
            <caption>Pain by day</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Diary NRS</th>
                <th scope="col">Change from baseline (NRS points)</th>
                <th scope="col">Infusion: NRS before → after</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <th scope="row" className="num nowrap">
                    {d.date}
                  </th>
                  <td className="num">{num(d.diaryNrs)}</td>
                  <td className="num">{signed(d.changeFromBaseline, 1)}</td>
                  <td className="num">
                    {d.infusion ? `${num(d.nrsBefore)} → ${num(d.nrsAfter)}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </div>
      <p className="muted">
        Dashed vertical lines mark infusion days. Baseline and change: {refText(o.trajectory.rules)}
        .
      </p>
    </section>
  );
}

const ONSET: Readonly<Record<OutcomesView['rapidOnset']['sessions'][number]['status'], string>> = {
  response: 'Rapid onset',
  'no-response': 'No rapid onset',
  unknown: 'Unknown (a reading is missing)',
  'not-applicable': 'Not applicable (NRS before was 0)',
};

export function RapidOnsetTable(props: { readonly outcomes: OutcomesView }): ReactNode {
  const r = props.outcomes.rapidOnset;
  return (
    <section aria-labelledby="onset-heading">
      <h2 id="onset-heading">Rapid onset per session</h2>
      <TableRegion label="Rapid onset per session">
        <table>
          <caption>
            NRS before → after each infusion; rapid onset = reduction of at least{' '}
            {num(r.thresholdPercent)} % ({refText(r.rules)})
          </caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">NRS before</th>
              <th scope="col">NRS after</th>
              <th scope="col">Change (NRS points)</th>
              <th scope="col">Reduction (%)</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {r.sessions.map((s) => (
              <tr key={s.sessionId}>
                <th scope="row" className="num nowrap">
                  <Link to={`/sessions/${s.sessionId}`}>{s.date}</Link>
                </th>
                <td className="num">{num(s.nrsBefore)}</td>
                <td className="num">{num(s.nrsAfter)}</td>
                <td className="num">{signed(s.changePoints)}</td>
                <td className="num">{num(s.reductionPercent)}</td>
                <td>{ONSET[s.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

const STATE: Readonly<Record<'met' | 'unmet' | 'unknown', string>> = {
  met: 'Met',
  unmet: 'Not met',
  unknown: 'Unknown',
};

export function BoosterSuggestion(props: { readonly outcomes: OutcomesView }): ReactNode {
  const b = props.outcomes.booster;
  return (
    <section className="panel suggestion" aria-labelledby="booster-heading">
      <h2 id="booster-heading">Booster: suggestion — not scheduled</h2>
      <p>
        {b.suggest
          ? 'The clinic’s booster rule suggests considering a booster infusion.'
          : 'The clinic’s booster rule does not suggest a booster now.'}{' '}
        Ketaflow never schedules a booster; the prescriber decides.
      </p>
      <ul>
        {b.criteria.map((c) => (
          <li key={c.id}>
            <strong>{STATE[c.state]}:</strong> {c.detail}
          </li>
        ))}
      </ul>
      <p className="muted">Rule: {refText(b.rule)}</p>
    </section>
  );
}

export function ExposureAndMonitoring(props: { readonly outcomes: OutcomesView }): ReactNode {
  const { exposure, monitoring } = props.outcomes;
  return (
    <section aria-labelledby="exposure-heading">
      <h2 id="exposure-heading">Cumulative ketamine exposure</h2>
      <dl className="facts">
        <dt>Sessions</dt>
        <dd className="num">{exposure.sessions}</dd>
        <dt>Total ketamine</dt>
        <dd className="num">{num(exposure.totalMg, 1)} mg</dd>
        <dt>Total per kg (sum of session mg/kg)</dt>
        <dd className="num">{num(exposure.totalMgPerKg, 2)} mg/kg</dd>
      </dl>
      <TableRegion label="Monitoring reminders">
        <table>
          <caption>Monitoring reminders for repeated use ({refText(monitoring.plan)})</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Due</th>
              <th scope="col">Sessions since last check</th>
              <th scope="col">Due every (sessions)</th>
              <th scope="col">Last checked</th>
            </tr>
          </thead>
          <tbody>
            {monitoring.reminders.map((m) => (
              <tr key={m.ruleId}>
                <th scope="row">{m.title}</th>
                <td>{m.due ? <strong>Due</strong> : 'Not yet'}</td>
                <td className="num">{m.sessionsSinceLastCheck}</td>
                <td className="num">{m.everySessions}</td>
                <td className="num">{m.lastCheckedOn ?? 'Never recorded'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p className="muted">
        Checks are not yet recorded in Ketaflow, so every reminder counts all sessions given.
      </p>
    </section>
  );
}
