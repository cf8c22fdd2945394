/**
 * Count discrepancies (T-45) for the administrator: each with what was expected and counted, its
 * status, the DEA deadlines of a theft or significant loss, the DEA reports filed on it (on the
 * clinic clock, with reference and who filed), while open the form that resolves it with a
 * classification (none chosen) and a required note, and, while it may take a DEA report not yet
 * on record, the form that records one as filed (dea-filings.ts).
 */
import { useState, type ReactNode } from 'react';
import type { LedgerIncidentList } from '@ketaflow/contract';
import type { z } from 'zod';
import { useReadySession } from '../../app/session.tsx';
import { chooseOption, SelectField, TextArea, TextField } from '../../components/field.tsx';
import {
  asDeaReport,
  DEA_REPORT_LABELS,
  deaReportBody,
  filingText,
  reportsToFile,
  type DeaReport,
  type FilingInput,
} from './dea-filings.ts';
import {
  asClassification,
  classificationLabel,
  classificationOptions,
  type DiscrepancyClass,
} from './discrepancy-classes.ts';
import { countKindText } from './count-entry.ts';
import { Frame, useEntryForm } from './ledger-forms.tsx';

type Incident = z.infer<typeof LedgerIncidentList>['items'][number];

export function Incidents(props: {
  readonly incidents: z.infer<typeof LedgerIncidentList>;
  readonly locationName: (id: string) => string;
  readonly onRecorded: () => void;
}): ReactNode {
  const { items, pattern } = props.incidents;
  const { clinic } = useReadySession();
  return (
    <section className="panel" aria-labelledby="incidents-heading">
      <h2 id="incidents-heading">Count discrepancies</h2>
      {pattern.escalate ? (
        <p className="alert alert-error">
          {pattern.discrepanciesInWindow} discrepancies in the review window: treat as a possible
          significant loss (rule {pattern.source.id}@{pattern.source.version}).
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="empty">No discrepancies.</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.countEntryId}>
              {i.countedAt.slice(0, 10)} · {i.ndc} lot {i.lot} at {props.locationName(i.locationId)}{' '}
              ({countKindText(i.countKind)} by {i.countedBy.name}): expected {i.expectedContainers},
              counted {i.countedContainers} · {i.status}
              {i.resolution === null
                ? ''
                : ` (${classificationLabel(i.resolution.classification)}: ${i.resolution.note})`}
              {i.deadlines === null
                ? ''
                : ` · DEA written notice due ${i.deadlines.writtenNoticeDueOn}, Form 106 due ${i.deadlines.form106DueOn}`}
              {i.filings.length === 0 ? null : (
                <ul aria-label={`DEA reports filed on lot ${i.lot}`}>
                  {i.filings.map((f) => (
                    <li key={f.entryId}>{filingText(f, clinic.timeZone)}</li>
                  ))}
                </ul>
              )}
              {i.status === 'open' ? (
                <ResolveForm incident={i} onRecorded={props.onRecorded} />
              ) : null}
              {reportsToFile(i).length === 0 ? null : (
                <FilingForm incident={i} timeZone={clinic.timeZone} onRecorded={props.onRecorded} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ResolveForm(props: {
  readonly incident: Incident;
  readonly onRecorded: () => void;
}): ReactNode {
  const form = useEntryForm(props.onRecorded);
  const [classification, setClassification] = useState<DiscrepancyClass | ''>('');
  const [note, setNote] = useState('');
  const key = `resolve-${props.incident.countEntryId}`;
  const f = form.submit.fields;
  return (
    <Frame
      title={`Resolve the discrepancy of lot ${props.incident.lot} (counted ${props.incident.countedAt.slice(0, 10)})`}
      button="Record resolution"
      form={form}
      onSubmit={() => {
        // The select is required: the browser does not submit while none is chosen.
        if (classification === '') return;
        form.send(
          {
            type: 'resolve-discrepancy',
            countEntryId: props.incident.countEntryId,
            classification,
            note,
          },
          'Resolution recorded.',
        );
      }}
    >
      <SelectField
        name={`${key}.classification`}
        label="Classification"
        value={classification}
        onChange={(v) => {
          setClassification(asClassification(v));
        }}
        options={[chooseOption('classification'), ...classificationOptions()]}
        required
        error={f.classification}
      />
      <TextArea
        name={`${key}.note`}
        label="Resolution note"
        hint="What was found and done; it stays on the ledger"
        value={note}
        onChange={setNote}
        maxLength={2000}
        required
        error={f.note}
      />
    </Frame>
  );
}

const emptyFiling: FilingInput = { report: '', reference: '', date: '', time: '' };

/** Records that a DEA report on the discrepancy was filed: which one, its reference and when. */
function FilingForm(props: {
  readonly incident: Incident;
  readonly timeZone: string;
  readonly onRecorded: () => void;
}): ReactNode {
  const form = useEntryForm(props.onRecorded);
  const [v, setV] = useState<FilingInput>(emptyFiling);
  const set = (k: keyof FilingInput) => (value: string) => {
    setV((old) => ({ ...old, [k]: k === 'report' ? asDeaReport(value) : value }));
  };
  const open = reportsToFile(props.incident);
  // A report filed meanwhile (by another administrator) is no longer offered: choose again.
  const report: DeaReport | '' = v.report !== '' && open.includes(v.report) ? v.report : '';
  const key = `filing-${props.incident.countEntryId}`;
  const f = form.submit.fields;
  return (
    <Frame
      title={`Record a DEA report filed for lot ${props.incident.lot} (counted ${props.incident.countedAt.slice(0, 10)})`}
      button="Record report filed"
      form={form}
      onSubmit={() => {
        // The select is required: the browser does not submit while none is chosen.
        if (report === '') return;
        form.send(
          deaReportBody(props.incident.countEntryId, { ...v, report }, props.timeZone),
          'DEA report recorded as filed.',
        );
      }}
    >
      <div className="inline-form">
        <SelectField
          name={`${key}.report`}
          label="Report filed"
          value={report}
          onChange={set('report')}
          options={[
            chooseOption('report'),
            ...open.map((r) => ({ value: r, label: DEA_REPORT_LABELS[r] })),
          ]}
          required
          error={f.report ?? f.countEntryId}
        />
        <TextField
          name={`${key}.reference`}
          label="Reference"
          hint="The DEA's confirmation number, or the clinic's reference of the letter"
          value={v.reference}
          onChange={set('reference')}
          maxLength={80}
          required
          error={f.reference}
        />
        <TextField
          name={`${key}.date`}
          label="Date filed"
          type="date"
          value={v.date}
          onChange={set('date')}
          required
          error={f.occurredAt}
        />
        <TextField
          name={`${key}.time`}
          label="Time filed (HH:MM)"
          hint="Clinic time"
          value={v.time}
          onChange={set('time')}
          width="short"
          required
        />
      </div>
    </Frame>
  );
}
