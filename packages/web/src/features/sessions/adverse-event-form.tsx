/**
 * Charting an adverse event with its rescue medication. The choices (event types, severities, rescue
 * medications with their dose unit and routes) come from core's adverse-event vocabulary, the same
 * knowledge file the server validates against, so a nurse picks what the server accepts; the dose is
 * sent as typed. Type and severity start unchosen, so an event is never charted with a default.
 */
import { defaultAdverseEventVocabulary as vocabulary } from '@ketaflow/core';
import { useState, type ReactNode } from 'react';
import { chooseOption, SelectField, TextField } from '../../components/field.tsx';
import { FormFrame, stamp, type Submit } from './charting-forms.tsx';
import { typedNumber } from '../../app/typed-number.ts';

const label = (code: string): string => code.replace(/-/g, ' ');
/** The codes as options after an empty "choose" option: a recorded event is never a default. */
const choices = (what: string, codes: readonly string[]) => [
  chooseOption(what),
  ...codes.map((c) => ({ value: c, label: label(c) })),
];

export function AdverseEventForm(props: { readonly onSubmit: Submit }): ReactNode {
  const [type, setType] = useState('');
  const [severity, setSeverity] = useState('');
  const [action, setAction] = useState('');
  const [medication, setMedication] = useState('');
  const [dose, setDose] = useState('');
  const [route, setRoute] = useState('');
  const rescue = vocabulary.rescueMedications.find((m) => m.code === medication);
  const routes = rescue?.routes ?? [];
  const chosenRoute = routes.includes(route) ? route : (routes[0] ?? '');
  return (
    <FormFrame
      title="Adverse event"
      button="Chart adverse event"
      onSubmit={() => {
        const s = stamp();
        props.onSubmit({
          ...s,
          kind: 'adverse-event',
          type,
          severity,
          startedAt: s.occurredAt,
          action,
          ...(rescue === undefined
            ? {}
            : {
                rescue: [
                  {
                    medication: rescue.code,
                    dose: typedNumber(dose),
                    doseUnit: rescue.doseUnit,
                    route: chosenRoute,
                    givenAt: s.occurredAt,
                  },
                ],
              }),
        });
        setType('');
        setSeverity('');
        setAction('');
        setMedication('');
        setDose('');
      }}
    >
      <div className="inline-form">
        <SelectField
          name="type"
          label="Type"
          value={type}
          onChange={setType}
          options={choices('type', vocabulary.eventTypes)}
          required
        />
        <SelectField
          name="severity"
          label="Severity"
          value={severity}
          onChange={setSeverity}
          options={choices('severity', vocabulary.severities)}
          required
        />
      </div>
      <TextField
        name="action"
        label="Action taken"
        value={action}
        onChange={setAction}
        width="long"
        required
      />
      <div className="inline-form">
        <SelectField
          name="rescue.medication"
          label="Rescue medication"
          value={medication}
          onChange={setMedication}
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
              value={dose}
              onChange={setDose}
              width="short"
              required
            />
            <SelectField
              name="rescue.route"
              label="Route"
              value={chosenRoute}
              onChange={setRoute}
              options={routes.map((r) => ({ value: r, label: r }))}
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
