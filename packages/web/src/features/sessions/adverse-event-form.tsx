/**
 * Charting an adverse event with its rescue medication. The choices (event types, severities, rescue
 * medications with their dose unit and routes) come from core's adverse-event vocabulary, the same
 * knowledge file the server validates against, so a nurse picks what the server accepts; the dose is
 * sent as typed. Type, severity and route start unchosen and are reset after each event
 * (adverse-event-model.ts), so an event is never charted with a default.
 */
import { defaultAdverseEventVocabulary as vocabulary } from '@ketaflow/core';
import { useState, type ReactNode } from 'react';
import { useReadySession } from '../../app/session.tsx';
import { chooseOption, SelectField, TextField } from '../../components/field.tsx';
import { FormFrame, stamp, type Submit } from './charting-forms.tsx';
import {
  adverseEventRequest,
  EMPTY_ADVERSE_EVENT,
  rescueOf,
  type AdverseEventFields,
} from './adverse-event-model.ts';

const label = (code: string): string => code.replace(/-/g, ' ');
/** The codes as options after an empty "choose" option: a recorded event is never a default. */
const choices = (what: string, codes: readonly string[]) => [
  chooseOption(what),
  ...codes.map((c) => ({ value: c, label: label(c) })),
];

export function AdverseEventForm(props: { readonly onSubmit: Submit }): ReactNode {
  const { clinic } = useReadySession();
  const [f, setFields] = useState<AdverseEventFields>(EMPTY_ADVERSE_EVENT);
  const set =
    (key: keyof AdverseEventFields) =>
    (value: string): void => {
      setFields((old) => ({ ...old, [key]: value }));
    };
  const rescue = rescueOf(f.medication);
  return (
    <FormFrame
      title="Adverse event"
      button="Chart adverse event"
      onSubmit={() => {
        props.onSubmit(adverseEventRequest(f, stamp(), clinic.timeZone));
        setFields(EMPTY_ADVERSE_EVENT);
      }}
    >
      <div className="inline-form">
        <SelectField
          name="type"
          label="Type"
          value={f.type}
          onChange={set('type')}
          options={choices('type', vocabulary.eventTypes)}
          required
        />
        <SelectField
          name="severity"
          label="Severity"
          value={f.severity}
          onChange={set('severity')}
          options={choices('severity', vocabulary.severities)}
          required
        />
        <TextField
          name="startedAt"
          label="Started (HH:MM)"
          hint="Clinic time today; empty: now"
          value={f.startedAt}
          onChange={set('startedAt')}
          width="short"
          markOptional
        />
        <TextField
          name="endedAt"
          label="Ended (HH:MM)"
          hint="Empty while ongoing; not before the start"
          value={f.endedAt}
          onChange={set('endedAt')}
          width="short"
          markOptional
        />
      </div>
      <TextField
        name="action"
        label="Action taken"
        value={f.action}
        onChange={set('action')}
        width="long"
        required
      />
      <TextField
        name="description"
        label="Description"
        hint="Required for type “other”"
        value={f.description}
        onChange={set('description')}
        width="long"
        required={f.type === 'other'}
        markOptional
      />
      <div className="inline-form">
        <SelectField
          name="rescue.medication"
          label="Rescue medication"
          value={f.medication}
          onChange={(v) => {
            // Another medication has other routes: the route is chosen again, never carried over.
            setFields((old) => ({ ...old, medication: v, route: '' }));
          }}
          options={[
            { value: '', label: 'None' },
            ...vocabulary.rescueMedications.map((m) => ({ value: m.code, label: m.label })),
          ]}
          markOptional={false}
        />
        {rescue === undefined ? null : (
          <>
            <TextField
              name="rescue.dose"
              label={`Dose (${rescue.doseUnit})`}
              value={f.dose}
              onChange={set('dose')}
              width="short"
              required
            />
            <SelectField
              name="rescue.route"
              label="Route"
              value={f.route}
              onChange={set('route')}
              options={[
                chooseOption('route'),
                ...rescue.routes.map((r) => ({ value: r, label: r })),
              ]}
              required
            />
          </>
        )}
      </div>
      <p className="hint">
        Choices from {vocabulary.source.id}@{vocabulary.source.version}.
      </p>
    </FormFrame>
  );
}
