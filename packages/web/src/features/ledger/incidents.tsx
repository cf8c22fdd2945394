/**
 * Count discrepancies (T-45) for the administrator: each with what was expected and counted, its
 * status, the DEA deadlines of a theft or significant loss, and, while open, the form that resolves
 * it with a classification (none chosen) and a required note.
 */
import { useState, type ReactNode } from 'react';
import type { LedgerIncidentList } from '@ketaflow/contract';
import type { z } from 'zod';
import { chooseOption, SelectField, TextArea } from '../../components/field.tsx';
import {
  asClassification,
  classificationLabel,
  classificationOptions,
  type DiscrepancyClass,
} from './discrepancy-classes.ts';
import { Frame, useEntryForm } from './ledger-forms.tsx';

type Incident = z.infer<typeof LedgerIncidentList>['items'][number];

export function Incidents(props: {
  readonly incidents: z.infer<typeof LedgerIncidentList>;
  readonly locationName: (id: string) => string;
  readonly onRecorded: () => void;
}): ReactNode {
  const { items, pattern } = props.incidents;
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
              {i.countedAt.slice(0, 10)} · {i.ndc} lot {i.lot} at {props.locationName(i.locationId)}
              : expected {i.expectedContainers}, counted {i.countedContainers} · {i.status}
              {i.resolution === null
                ? ''
                : ` (${classificationLabel(i.resolution.classification)}: ${i.resolution.note})`}
              {i.deadlines === null
                ? ''
                : ` · DEA written notice due ${i.deadlines.writtenNoticeDueOn}, Form 106 due ${i.deadlines.form106DueOn}`}
              {i.status === 'open' ? (
                <ResolveForm incident={i} onRecorded={props.onRecorded} />
              ) : null}
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
