/**
 * A DEA report printed from the ledger (T-46, T-47): the lot record, the patient record or the
 * initial/biennial inventory, rendered from the report's JSON endpoint, headed with what it is, the
 * clinic, what it covers, when it was generated and who printed it (report-print.ts), with the
 * server's statements and rows as they come. Print styles (floor.css, ledger-report.css) drop the
 * navigation and the buttons; the CSV download stays beside the Print button.
 */
import type { LedgerReport } from '@ketaflow/contract';
import { Fragment, type ReactNode } from 'react';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import '../sessions/floor.css';
import { getInventoryReport, getLotReport, getPatientReport } from './ledger-api.ts';
import './ledger-report.css';
import { cellText, reportFacts } from './report-print.ts';
import { reportCsvUrl, type ParsedReport, type ReportRequest } from './report-request.ts';

function load(r: ReportRequest, signal: AbortSignal): Promise<LedgerReport> {
  switch (r.kind) {
    case 'inventory':
      return getInventoryReport(r.date, r.basis, r.inventoryKind, signal);
    case 'lot':
      return getLotReport(r, signal);
    case 'patient':
      return getPatientReport(r.patientId, r.from, r.to, signal);
  }
}

const back = <Link to="/ledger">Back to the ledger</Link>;

export function LedgerReportPage(props: { readonly parsed: ParsedReport }): ReactNode {
  if (!props.parsed.ok) {
    return (
      <Page title="Report address incomplete">
        <p className="alert alert-error" role="alert">
          This report address is missing: {props.parsed.missing.join(', ')}. Choose the report again
          on the ledger page.
        </p>
        {back}
      </Page>
    );
  }
  return <LoadedReport request={props.parsed.request} />;
}

function LoadedReport(props: { readonly request: ReportRequest }): ReactNode {
  const { request } = props;
  const key = JSON.stringify(request);
  const { state } = useLoad((signal) => load(request, signal), [key]);
  if (state.status === 'loading') return <Loading what="the report" />;
  if (state.status === 'failed') {
    return (
      <Page title="Report not available">
        <ErrorAlert problem={state.problem} />
        {back}
      </Page>
    );
  }
  return <PrintedReport request={request} report={state.data} />;
}

function PrintedReport(props: {
  readonly request: ReportRequest;
  readonly report: LedgerReport;
}): ReactNode {
  const { info, clinic } = useReadySession();
  const { request, report } = props;
  const facts = reportFacts(request, report, {
    clinicName: clinic.name,
    timeZone: clinic.timeZone,
    user: info.user,
  });
  return (
    <Page
      title={report.title}
      actions={
        <>
          <Link to="/ledger" className="button">
            Back to the ledger
          </Link>
          <a className="button" href={reportCsvUrl(request)} download>
            Download CSV
          </a>
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              window.print();
            }}
          >
            Print
          </button>
        </>
      }
    >
      <section className="panel ledger-report" aria-labelledby="report-facts-heading">
        <h2 id="report-facts-heading">About this record</h2>
        <dl className="facts">
          {facts.map(([label, value]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
        <ul>
          {report.statements.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </section>
      <section className="panel ledger-report" aria-labelledby="report-rows-heading">
        <h2 id="report-rows-heading">Records ({report.rows.length})</h2>
        {report.rows.length === 0 ? (
          <p className="empty">No records in this report.</p>
        ) : (
          // Wide: it scrolls sideways on a narrow screen, so it must be reachable by keyboard.
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Report records">
            <table>
              <thead>
                <tr>
                  {report.columns.map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row, i) => (
                  <tr key={String(i)}>
                    {row.map((cell, j) => (
                      <td key={String(j)} className={typeof cell === 'number' ? 'num' : undefined}>
                        {cellText(cell)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}
