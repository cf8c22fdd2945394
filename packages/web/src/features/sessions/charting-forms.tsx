/**
 * The nurse's charting forms. Each submit hands one entry (new client id, clinical time now) to the
 * outbox; the form clears at once, and the entry is shown as unsynced until the server acknowledges
 * it. Values go as typed: core on the server validates them and names the field on refusal.
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import { useState, type ReactNode } from 'react';
import { chooseOption, SelectField, TextArea, TextField } from '../../components/field.tsx';
import { VITAL_FIELDS, parseVitals } from './vitals.ts';
import { typedNumber } from '../../app/typed-number.ts';
import {
  EMPTY_RATE_CHANGE,
  initialScale,
  isRateUnit,
  isSedationScale,
  RATE_UNITS,
  rateChangeRequest,
  sedationRequest,
  type RateChangeFields,
  type SedationScale,
} from './charting-form-model.ts';

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

export function ScoresForm(props: {
  readonly onSubmit: Submit;
  /** The sedation scale the order's protocol names, if any (preselected: it is the order). */
  readonly protocolScale?: SedationScale | null;
}): ReactNode {
  const start = initialScale(props.protocolScale ?? null);
  const [scale, setScale] = useState<SedationScale | ''>(start);
  const [sedation, setSedation] = useState('');
  const [pain, setPain] = useState('');
  const [dissociation, setDissociation] = useState('');
  const [description, setDescription] = useState('');
  return (
    <FormFrame
      title="Sedation, dissociation and pain"
      button="Chart scores"
      onSubmit={() => {
        // A score without its scale is not charted at all (the select is required then).
        if (sedation.trim() !== '' && scale === '') return;
        const sedationEntry = sedationRequest(scale, sedation, stamp());
        if (sedationEntry !== null) props.onSubmit(sedationEntry);
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
        setScale(start);
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
            setScale(isSedationScale(v) ? v : '');
          }}
          options={[
            chooseOption('scale'),
            { value: 'rass', label: 'RASS (−5 to +4)' },
            { value: 'moaas', label: 'MOAA/S (0 to 5)' },
          ]}
          required={sedation.trim() !== ''}
          markOptional
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
  const [f, setFields] = useState<RateChangeFields>(EMPTY_RATE_CHANGE);
  const set =
    (key: keyof RateChangeFields) =>
    (value: string): void => {
      setFields((old) => ({ ...old, [key]: value }));
    };
  return (
    <FormFrame
      title="Rate change"
      button="Change rate"
      onSubmit={() => {
        const request = rateChangeRequest(f, stamp());
        if (request === null) return;
        props.onSubmit(request);
        // The unit is chosen again for the next change: it is never carried over.
        setFields(EMPTY_RATE_CHANGE);
      }}
    >
      <div className="inline-form">
        <TextField
          name="newRate.value"
          label="New rate"
          value={f.value}
          onChange={set('value')}
          width="short"
          required
        />
        <SelectField
          name="newRate.unit"
          label="Unit"
          value={f.unit}
          onChange={(v) => {
            setFields((old) => ({ ...old, unit: isRateUnit(v) ? v : '' }));
          }}
          options={[chooseOption('unit'), ...RATE_UNITS.map((u) => ({ value: u, label: u }))]}
          required
        />
      </div>
      <TextField
        name="reason"
        label="Reason"
        value={f.reason}
        onChange={set('reason')}
        width="long"
        required
      />
      <TextField
        name="overrideReason"
        label="Override reason (when a soft limit is crossed)"
        value={f.override}
        onChange={set('override')}
        width="long"
        markOptional
      />
    </FormFrame>
  );
}
