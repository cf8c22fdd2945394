/**
 * The researcher's de-identified export: runs it on request (HIPAA Safe Harbor, consenting patients
 * only, computed by the server with core) and offers every file for download — README, data
 * dictionary, CSV tables and FHIR R4 NDJSON. Nothing identifying is shown or kept in the page.
 */
import type { ResearchExport } from '@ketaflow/contract';
import { useState, type ReactNode } from 'react';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { Page } from '../../components/page.tsx';
import { downloadText } from '../analytics/csv.ts';
import { refText } from '../outcomes/outcomes-view.ts';
import '../outcomes/outcomes.css';
import { exportFiles, recordCount, type ExportFile } from './export-files.ts';
import { runResearchExport } from './research-api.ts';

const GROUPS: readonly { readonly group: ExportFile['group']; readonly title: string }[] = [
  { group: 'documentation', title: 'Documentation' },
  { group: 'csv', title: 'CSV tables' },
  { group: 'fhir', title: 'FHIR R4 NDJSON' },
];

const records = (n: number): string => `${String(n)} ${n === 1 ? 'record' : 'records'}`;

export function ResearchExportPage(): ReactNode {
  const submit = useSubmit();
  const [result, setResult] = useState<ResearchExport | null>(null);
  const files = result === null ? [] : exportFiles(result);
  return (
    <Page title="Research export">
      <p>
        A de-identified export (HIPAA Safe Harbor) of the patients who gave research consent and had
        at least one infusion: identifiers removed, dates as days from each patient’s first
        infusion, ages over 89 grouped, ZIP codes cut to 3 digits, no free text.
      </p>
      <ErrorAlert problem={submit.problem} action="No export" />
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={submit.busy}
          onClick={() => {
            void submit.run(async () => {
              setResult(await runResearchExport());
            });
          }}
        >
          {result === null ? 'Run the export' : 'Run the export again'}
        </button>
      </div>
      <StatusMessage
        message={
          result === null
            ? null
            : `Export ready: ${String(result.patients)} patients, ${String(files.length)} files (${refText(result.rules)}).`
        }
      />
      {GROUPS.map(({ group, title }) => {
        const inGroup = files.filter((f) => f.group === group);
        if (inGroup.length === 0) return null;
        return (
          <section key={group} aria-labelledby={`files-${group}`}>
            <h2 id={`files-${group}`}>{title}</h2>
            <ul className="file-list">
              {inGroup.map((f) => (
                <li key={f.name}>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      downloadText(f.name, f.text, f.type);
                    }}
                  >
                    Download {f.name}
                  </button>{' '}
                  <span className="muted">
                    {group === 'documentation' ? '' : records(recordCount(f))}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Page>
  );
}
