/**
 * Clinic analytics (prescribers and researchers): one cohort, or two side by side ("who benefits
 * most"), chosen by filters; for each, summary tables (each downloadable as CSV) and the
 * Kaplan–Meier curve of durable relief with its confidence band and median. Aggregates only.
 */
import type {
  CohortBandsResponse,
  CohortCompareResponse,
  CohortFilter,
  CohortSummary,
  CohortSummaryResponse,
} from '@ketaflow/contract';
import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { useLoad } from '../../app/use-load.ts';
import { fieldMessages } from '../../api/problem.ts';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { num } from '../outcomes/display.ts';
import { LineChart, type LineSeries } from '../outcomes/line-chart.tsx';
import '../outcomes/outcomes.css';
import { refText } from '../outcomes/outcomes-view.ts';
import { cohortSummary, compareCohorts, getCohortBands } from './analytics-api.ts';
import {
  describeFilter,
  EMPTY_FILTER,
  filterFieldLabels,
  perListProblem,
  toCohortFilter,
  type FilterDraft,
} from './cohort-filter.ts';
import { CohortFilterFields } from './cohort-filter-form.tsx';
import { CohortTableView } from './cohort-table-view.tsx';
import { differenceTable, summaryTables } from './cohort-tables.ts';
import { kmAligned } from './km-series.ts';

type Result =
  | { readonly kind: 'one'; readonly filter: CohortFilter; readonly data: CohortSummaryResponse }
  | {
      readonly kind: 'two';
      readonly a: CohortFilter;
      readonly b: CohortFilter;
      readonly data: CohortCompareResponse;
    };

export function AnalyticsPage(): ReactNode {
  const { state } = useLoad((signal) => getCohortBands(signal), []);
  return (
    <Page title="Clinic analytics">
      {state.status === 'loading' ? <Loading what="the cohort filters" /> : null}
      {state.status === 'failed' ? <ErrorAlert problem={state.problem} /> : null}
      {state.status === 'ok' ? <Analytics bands={state.data} /> : null}
    </Page>
  );
}

function Analytics(props: { readonly bands: CohortBandsResponse }): ReactNode {
  const [a, setA] = useState<FilterDraft>(EMPTY_FILTER);
  const [b, setB] = useState<FilterDraft>(EMPTY_FILTER);
  const [comparing, setComparing] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const submit = useSubmit();
  const problem = perListProblem(submit.problem);
  const fields = problem === null ? {} : fieldMessages(problem);
  const onSubmit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const fa = toCohortFilter(a);
    const fb = toCohortFilter(b);
    void submit.run(async () => {
      setResult(
        comparing
          ? { kind: 'two', a: fa, b: fb, data: await compareCohorts(fa, fb) }
          : { kind: 'one', filter: fa, data: await cohortSummary(fa) },
      );
    });
  };
  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        <p>
          <label>
            <input
              type="checkbox"
              checked={comparing}
              onChange={(e) => {
                setComparing(e.target.checked);
              }}
            />{' '}
            Compare two cohorts side by side
          </label>
        </p>
        <div className={comparing ? 'side-by-side' : undefined}>
          <CohortFilterFields
            scope={comparing ? 'a' : 'filter'}
            title={comparing ? 'Cohort A' : 'Cohort'}
            draft={a}
            onChange={setA}
            bands={props.bands}
            fields={fields}
          />
          {comparing ? (
            <CohortFilterFields
              scope="b"
              title="Cohort B"
              draft={b}
              onChange={setB}
              bands={props.bands}
              fields={fields}
            />
          ) : null}
        </div>
        <p className="muted">Bands: {refText(props.bands.bands)}</p>
        <ErrorAlert
          problem={problem}
          action="No result"
          labels={filterFieldLabels(
            comparing
              ? [
                  { scope: 'a', title: 'Cohort A' },
                  { scope: 'b', title: 'Cohort B' },
                ]
              : [{ scope: 'filter', title: 'Cohort' }],
          )}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            {comparing ? 'Compare cohorts' : 'Show cohort'}
          </button>
        </div>
      </form>
      {result === null ? null : <Results result={result} />}
    </>
  );
}

function Results(props: { readonly result: Result }): ReactNode {
  const r = props.result;
  const cohorts =
    r.kind === 'one'
      ? [{ name: 'Cohort', filter: r.filter, summary: r.data.summary }]
      : [
          { name: 'Cohort A', filter: r.a, summary: r.data.a },
          { name: 'Cohort B', filter: r.b, summary: r.data.b },
        ];
  const k = r.data.knowledge;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <p className="muted">
        Computed with {refText(k.rules)}, {refText(k.painInstrument)}, {refText(k.pgicInstrument)},
        bands {refText(k.bands)}.
      </p>
      <DurableReliefChart cohorts={cohorts} />
      <div className={cohorts.length > 1 ? 'side-by-side' : undefined}>
        {cohorts.map((c) => (
          <div key={c.name}>
            <h3>
              {c.name} (n = {c.summary.n})
            </h3>
            <p>{describeFilter(c.filter)}</p>
            <MedianLine summary={c.summary} />
            {summaryTables(c.summary).map((t) => (
              <CohortTableView key={t.id} table={t} cohort={c.name} />
            ))}
          </div>
        ))}
      </div>
      {r.kind === 'two' ? (
        <CohortTableView table={differenceTable(r.data)} cohort="Cohorts A and B" />
      ) : null}
    </section>
  );
}

function MedianLine(props: { readonly summary: CohortSummary }): ReactNode {
  const km = props.summary.durableRelief;
  if (km === null) return <p className="muted">No durable-relief data in this cohort.</p>;
  return (
    <p>
      Median durable relief:{' '}
      {km.medianTimeDays === null
        ? 'not reached (more than half still have relief)'
        : `${num(km.medianTimeDays)} days`}
      {km.medianTimeDays === null
        ? ''
        : ` (${num(km.confidenceLevel * 100)} % CI ${num(km.medianLowerDays)}–${
            km.medianUpperDays === null ? 'not reached' : num(km.medianUpperDays)
          })`}
      ; {String(km.events)} events among {String(km.n)} patients; {km.band} band.
    </p>
  );
}

const CURVE_COLORS = ['#1f6feb', '#b3261e'];

function DurableReliefChart(props: {
  readonly cohorts: readonly { readonly name: string; readonly summary: CohortSummary }[];
}): ReactNode {
  const aligned = kmAligned(props.cohorts.map((c) => c.summary.durableRelief));
  const series: LineSeries[] = [];
  const ys: (readonly (number | null)[])[] = [];
  props.cohorts.forEach((c, i) => {
    const color = CURVE_COLORS[i] ?? '#000000';
    const curve = aligned.curves[i];
    if (curve === undefined) return;
    const base = series.length + 1;
    series.push(
      { label: `${c.name}: relief ongoing`, color, stepped: true },
      {
        label: `${c.name}: upper CI`,
        color,
        dash: [2, 3],
        stepped: true,
        bandTo: base + 2,
        bandFill: `${color}22`,
      },
      { label: `${c.name}: lower CI`, color, dash: [2, 3], stepped: true },
    );
    ys.push(curve.survival, curve.upper, curve.lower);
  });
  series.push({ label: 'Median (0.5)', color: '#555555', dash: [6, 4] });
  ys.push(aligned.days.map(() => 0.5));
  return (
    <figure>
      <LineChart
        label="Kaplan–Meier curves of durable relief (share whose pain has not returned) by days since the last infusion, with confidence bands; the same values are in the Kaplan–Meier tables."
        xKind="number"
        xLabel="Days since last infusion"
        yLabel="Relief ongoing (0–1)"
        yRange={[0, 1]}
        x={aligned.days}
        ys={ys}
        series={series}
      />
      <figcaption className="muted">
        Steps are core’s Kaplan–Meier estimates; shaded: confidence band; dashed grey: the median.
      </figcaption>
    </figure>
  );
}
