/**
 * Charting an adverse event with its rescue medication. The choices (event types, severities, rescue
 * medications with their dose unit and routes) come from core's adverse-event vocabulary, the same
 * knowledge file the server validates against, so a nurse picks what the server accepts; the dose is
 * sent as typed. Type, severity and route start unchosen and are reset after each event
 * (adverse-event-model.ts), so an event is never charted with a default. Typed start and end times
 * are shown back with their dates before sending (23:50 typed just after midnight is last night).
 */
import { defaultAdverseEventVocabulary as vocabulary } from '@ketaflow/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useReadySession } from '../../app/session.tsx';
import { chooseOption, SelectField, TextField } from '../../components/field.tsx';
import { FormFrame, stamp } from './chart-form-frame.tsx';
import type { FormOutbox } from './charting-forms.tsx';
import {
  adverseEventRequest,
  adverseEventTimes,
  correctionFields,
  EMPTY_ADVERSE_EVENT,
  isBlankAdverseEvent,
  refusedRescueGivenAt,
  rescueOf,
  type AdverseEventFields,
} from './adverse-event-model.ts';
import { useEntryEdit } from './use-entry-edit.ts';

/** How often the times shown back are read again while a time is typed. */
const READ_BACK_MS = 10_000;

const label = (code: string): string => code.replace(/-/g, ' ');
/** The codes as options after an empty "choose" option: a recorded event is never a default. */
const choices = (what: string, codes: readonly string[]) => [
  chooseOption(what),
  ...codes.map((c) => ({ value: c, label: label(c) })),
];

export function AdverseEventForm(props: { readonly outbox: FormOutbox }): ReactNode {
  const { clinic } = useReadySession();
  const [f, setFields] = useState<AdverseEventFields>(EMPTY_ADVERSE_EVENT);
  // The clock the typed times are read against, as shown; sending reads them the same way.
  const [readAt, setReadAt] = useState(() => new Date());
  const set =
    (key: keyof AdverseEventFields) =>
    (value: string): void => {
      setFields((old) => ({ ...old, [key]: value }));
      if (key === 'startedAt' || key === 'endedAt') setReadAt(new Date());
    };
  const edit = useEntryEdit({
    outbox: props.outbox,
    form: 'adverse-event',
    load: (values, entry) => {
      setFields(correctionFields(values, entry.request, clinic.timeZone));
    },
    clear: () => {
      setFields(EMPTY_ADVERSE_EVENT);
    },
    isBlank: isBlankAdverseEvent(f),
  });
  const timed = f.startedAt.trim() !== '' || f.endedAt.trim() !== '';
  useEffect(() => {
    if (!timed) return undefined;
    setReadAt(new Date());
    const timer = setInterval(() => {
      setReadAt(new Date());
    }, READ_BACK_MS);
    return () => {
      clearInterval(timer);
    };
  }, [timed]);
  const times = adverseEventTimes(f, readAt, clinic.timeZone);
  const rescue = rescueOf(f.medication);
  const target = edit.target;
  const errors = edit.errors;
  return (
    <FormFrame
      title="Adverse event"
      button="Chart adverse event"
      correcting={edit}
      onSubmit={() => {
        const rescueGivenAt = target === null ? undefined : refusedRescueGivenAt(target.request);
        edit.submit(
          adverseEventRequest(f, stamp(), clinic.timeZone, {
            readAt,
            ...(rescueGivenAt === undefined ? {} : { rescueGivenAt }),
          }),
          f,
        );
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
          error={errors.type}
        />
        <SelectField
          name="severity"
          label="Severity"
          value={f.severity}
          onChange={set('severity')}
          options={choices('severity', vocabulary.severities)}
          required
          error={errors.severity}
        />
        <TextField
          name="startedAt"
          label="Started (HH:MM)"
          hint="Clinic time, the last time the clock showed it; empty: now"
          value={f.startedAt}
          onChange={set('startedAt')}
          width="short"
          markOptional
          error={errors.startedAt}
        />
        <TextField
          name="endedAt"
          label="Ended (HH:MM)"
          hint="Empty while ongoing; not before the start"
          value={f.endedAt}
          onChange={set('endedAt')}
          width="short"
          markOptional
          error={errors.endedAt}
        />
      </div>
      <p className="hint" aria-live="polite" id="adverse-event-times">
        Charted as: started {times.started}; ended {times.ended}.
      </p>
      {times.warning === null ? null : <p className="field-error">{times.warning}</p>}
      <TextField
        name="action"
        label="Action taken"
        value={f.action}
        onChange={set('action')}
        width="long"
        required
        error={errors.action}
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
        error={errors.description}
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
          error={errors['rescue.medication']}
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
              error={errors['rescue.dose']}
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
              error={errors['rescue.route']}
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
