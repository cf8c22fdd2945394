/**
 * The nurse's charting forms. Each submit hands one entry (new client id, clinical time now) to the
 * outbox; the form clears at once, and the entry is shown as unsynced until the server acknowledges
 * it. Values go as typed: core on the server validates them and names the field on refusal.
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import { useState, type ReactNode } from 'react';
import { SelectField, TextArea, TextField } from '../../components/field.tsx';
import { VITAL_FIELDS, parseVitals } from './vitals.ts';
import { typedNumber, typedSignedNumber } from '../../app/typed-number.ts';

export type Submit = (request: ChartEntryRequest) => void;
export const stamp = () => ({ id: crypto.randomUUID(), occurredAt: new Date().toISOString() });

export function FormFrame(props: {
  readonly title: string;
  readonly button: string;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
}): ReactNode {
  return (
    <form
      className="chart-form"
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h3>{props.title}</h3>
      {props.children}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {props.button}
        </button>
      </div>
    </form>
  );
}

export function VitalsForm(props: { readonly onSubmit: Submit }): ReactNode {
  const [values, setValues] = useState<Record<string, string>>({});
  return (
    <FormFrame
      title="Vitals"
      button="Chart vitals"
      onSubmit={() => {
        props.onSubmit({ ...stamp(), kind: 'vitals', vitals: parseVitals(values) });
        setValues({});
      }}
    >
      <div className="inline-form">
        {VITAL_FIELDS.map((f) => (
          <TextField
            key={f.key}
            name={`vitals.${f.key}`}
            label={f.label}
            value={values[f.key] ?? ''}
            onChange={(v) => {
              setValues((old) => ({ ...old, [f.key]: v }));
            }}
            inputMode="numeric"
            width="short"
            required={!f.optional}
          />
        ))}
      </div>
    </FormFrame>
  );
}

export function ScoresForm(props: { readonly onSubmit: Submit }): ReactNode {
  const [scale, setScale] = useState<'rass' | 'moaas'>('rass');
  const [sedation, setSedation] = useState('');
  const [pain, setPain] = useState('');
  const [dissociation, setDissociation] = useState('');
  const [description, setDescription] = useState('');
  return (
    <FormFrame
      title="Sedation, dissociation and pain"
      button="Chart scores"
      onSubmit={() => {
        if (sedation.trim() !== '') {
          props.onSubmit({
            ...stamp(),
            kind: 'sedation',
            scale,
            score: typedSignedNumber(sedation),
          });
        }
        if (dissociation !== '') {
          props.onSubmit({
            ...stamp(),
            kind: 'dissociation',
            present: dissociation === 'yes',
            ...(description.trim() === '' ? {} : { description: description.trim() }),
          });
        }
        if (pain.trim() !== '')
          props.onSubmit({ ...stamp(), kind: 'pain', painNrs: typedNumber(pain) });
        setSedation('');
        setPain('');
        setDissociation('');
        setDescription('');
      }}
    >
      <div className="inline-form">
        <SelectField
          name="scale"
          label="Sedation scale"
          value={scale}
          onChange={(v) => {
            setScale(v === 'moaas' ? 'moaas' : 'rass');
          }}
          options={[
            { value: 'rass', label: 'RASS (−5 to +4)' },
            { value: 'moaas', label: 'MOAA/S (0 to 5)' },
          ]}
          required
        />
        <TextField
          name="score"
          label="Sedation score"
          value={sedation}
          onChange={setSedation}
          width="short"
          markOptional
        />
        <SelectField
          name="present"
          label="Dissociation"
          value={dissociation}
          onChange={setDissociation}
          options={[
            { value: '', label: 'Not assessed' },
            { value: 'no', label: 'Absent' },
            { value: 'yes', label: 'Present' },
          ]}
          markOptional
        />
        <TextField
          name="painNrs"
          label="Pain NRS (0–10)"
          value={pain}
          onChange={setPain}
          inputMode="numeric"
          width="short"
          markOptional
        />
      </div>
      <TextField
        name="description"
        label="Dissociation description"
        value={description}
        onChange={setDescription}
        width="long"
        markOptional
      />
    </FormFrame>
  );
}

export function NoteForm(props: { readonly onSubmit: Submit }): ReactNode {
  const [text, setText] = useState('');
  return (
    <FormFrame
      title="Note"
      button="Chart note"
      onSubmit={() => {
        props.onSubmit({ ...stamp(), kind: 'note', text });
        setText('');
      }}
    >
      <TextArea
        name="text"
        label="Note"
        value={text}
        onChange={setText}
        maxLength={4000}
        required
      />
    </FormFrame>
  );
}

export function RateChangeForm(props: { readonly onSubmit: Submit }): ReactNode {
  const [value, setValue] = useState('');
  const [unit, setUnit] = useState<'mL/h' | 'mg/h' | 'mg/kg/h'>('mL/h');
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  return (
    <FormFrame
      title="Rate change"
      button="Change rate"
      onSubmit={() => {
        props.onSubmit({
          ...stamp(),
          kind: 'rate-change',
          newRate: { value: typedNumber(value), unit },
          reason,
          ...(override.trim() === '' ? {} : { overrideReason: override.trim() }),
        });
        setValue('');
        setReason('');
        setOverride('');
      }}
    >
      <div className="inline-form">
        <TextField
          name="newRate.value"
          label="New rate"
          value={value}
          onChange={setValue}
          width="short"
          required
        />
        <SelectField
          name="newRate.unit"
          label="Unit"
          value={unit}
          onChange={(v) => {
            setUnit(v === 'mg/h' ? 'mg/h' : v === 'mg/kg/h' ? 'mg/kg/h' : 'mL/h');
          }}
          options={[
            { value: 'mL/h', label: 'mL/h' },
            { value: 'mg/h', label: 'mg/h' },
            { value: 'mg/kg/h', label: 'mg/kg/h' },
          ]}
          required
        />
      </div>
      <TextField
        name="reason"
        label="Reason"
        value={reason}
        onChange={setReason}
        width="long"
        required
      />
      <TextField
        name="overrideReason"
        label="Override reason (when a soft limit is crossed)"
        value={override}
        onChange={setOverride}
        width="long"
        markOptional
      />
    </FormFrame>
  );
}
