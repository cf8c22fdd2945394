/**
 * The nurse's charting forms. Each submit hands one entry (new client id, clinical time now) to the
 * outbox; the form clears at once, and the entry is shown as unsynced until the server acknowledges
 * it. Values go as typed: core on the server validates them and names the field on refusal.
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import { useEffect, useState, type ReactNode } from 'react';
import { fieldMessages, type ApiProblem } from '../../api/problem.ts';
import { chooseOption, SelectField, TextArea, TextField } from '../../components/field.tsx';
import { WitnessFields } from '../ledger/witness-fields.tsx';
import { VITAL_FIELDS, parseVitals } from './vitals.ts';
import { typedNumber } from '../../app/typed-number.ts';
import {
  EMPTY_DOUBLE_CHECK,
  EMPTY_RATE_CHANGE,
  initialScale,
  isRateUnit,
  isSedationScale,
  isUntouched,
  RATE_UNITS,
  rateChangeRequest,
  resumesInForm,
  sedationRequest,
  sentFields,
  disagreement,
  type ComparedEntry,
  type DoubleCheckFields,
  type RateChangeFields,
  type SedationScale,
} from './charting-form-model.ts';
import type { ChartOutbox } from './use-chart-outbox.ts';

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

/**
 * The rate change. When the server asks for the independent double check (an increase at or above
 * the soft limit) the form takes the change back with the second clinician's fields, empty, and
 * sends it again under a new id; the refused entry leaves the outbox (it was never stored).
 */
export function RateChangeForm(props: {
  readonly outbox: Pick<ChartOutbox, 'items' | 'submit' | 'discard'>;
}): ReactNode {
  const { outbox } = props;
  const [f, setFields] = useState<RateChangeFields>(EMPTY_RATE_CHANGE);
  // Shown when the server asked for it, or when the nurse adds it before sending (a soft limit is
  // crossed: an increase then needs it). Never preset with anything of the entry above.
  const [check, setCheckShown] = useState<'hidden' | 'added' | 'asked'>('hidden');
  const [refusal, setRefusal] = useState<ApiProblem | null>(null);
  const [sent, setSent] = useState<{ id: string; fields: RateChangeFields } | null>(null);
  const set =
    (key: 'value' | 'reason' | 'override') =>
    (value: string): void => {
      setFields((old) => ({ ...old, [key]: value }));
    };
  const setCheck = (change: Partial<DoubleCheckFields>): void => {
    setFields((old) => ({ ...old, check: { ...old.check, ...change } }));
  };
  useEffect(() => {
    if (sent === null) return;
    const item = outbox.items.find((i) => i.request.id === sent.id);
    if (item?.status !== 'refused' || item.problem === undefined) return;
    if (!resumesInForm(item.request, item.problem) || !isUntouched(f)) return;
    outbox.discard(sent.id);
    setSent(null);
    setFields(sent.fields);
    setCheckShown('asked');
    setRefusal(item.problem);
  }, [outbox, sent, f]);
  const withCheck = check !== 'hidden';
  const errors = refusal === null ? {} : fieldMessages(refusal);
  return (
    <FormFrame
      title="Rate change"
      button="Change rate"
      onSubmit={() => {
        const s = stamp();
        const request = rateChangeRequest(f, s, withCheck);
        if (request === null) return;
        setSent({ id: s.id, fields: sentFields(f) });
        outbox.submit(request);
        // The unit is chosen again for the next change: it is never carried over.
        setFields(EMPTY_RATE_CHANGE);
        setCheckShown('hidden');
        setRefusal(null);
      }}
    >
      {refusal === null ? null : <DoubleCheckRefusal problem={refusal} />}
      {withCheck ? (
        // Blind (T-37): while the second clinician re-enters the rate, the first entry is not on
        // screen; it is kept and sent with theirs.
        <p className="hint" id="rate-hidden">
          Your new rate is entered and hidden while the second clinician re-enters it.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setCheckShown('hidden');
              setRefusal(null);
              setFields((old) => ({ ...old, check: EMPTY_DOUBLE_CHECK }));
            }}
          >
            Change my entry (clears the double check)
          </button>
        </p>
      ) : (
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
      )}
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
      {withCheck ? (
        <DoubleCheckSection value={f.check} onChange={setCheck} errors={errors} />
      ) : null}
      {check === 'hidden' && f.override.trim() !== '' ? (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setCheckShown('added');
          }}
        >
          Add the independent double check (an increase past a soft limit needs it)
        </button>
      ) : null}
      {check === 'added' ? (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setCheckShown('hidden');
            setFields((old) => ({ ...old, check: EMPTY_DOUBLE_CHECK }));
          }}
        >
          Send without the double check
        </button>
      ) : null}
    </FormFrame>
  );
}

/** Why the server sent the change back; a disagreement shows both entries side by side. */
function DoubleCheckRefusal(props: { readonly problem: ApiProblem }): ReactNode {
  const both = disagreement(props.problem);
  const text = (e: ComparedEntry): string =>
    `${String(e.rateMlPerH)} mL/h · ${String(e.doseRateMgPerH)} mg/h at ${String(e.concentrationMgPerMl)} mg/mL`;
  return (
    <div className="field-error" role="alert">
      <p>{props.problem.detail}</p>
      {both === null ? null : (
        <dl className="facts">
          <dt>First entry</dt>
          <dd className="num">{text(both.first)}</dd>
          <dt>Second clinician</dt>
          <dd className="num">{text(both.second)}</dd>
          <dt>Tolerance</dt>
          <dd>{both.policy}</dd>
        </dl>
      )}
    </div>
  );
}

/** The second clinician signs in here and re-enters the new rate and the bag, blind. */
function DoubleCheckSection(props: {
  readonly value: DoubleCheckFields;
  readonly onChange: (change: Partial<DoubleCheckFields>) => void;
  readonly errors: Readonly<Record<string, string>>;
}): ReactNode {
  const { value, errors } = props;
  return (
    <fieldset>
      <legend>Independent double check by a second nurse or prescriber</legend>
      <p className="muted">
        Needed for an increase at or above the soft limit. The second clinician signs in and
        re-enters the new rate and the bag concentration from the pump and the bag label; the first
        entry stays hidden until both are sent.
      </p>
      <WitnessFields
        prefix="doubleCheck.checker"
        legend="Second clinician"
        who="Second clinician"
        value={value.checker}
        onChange={(checker) => {
          props.onChange({ checker });
        }}
        errors={errors}
      />
      <div className="inline-form">
        <TextField
          name="doubleCheck.rate.value"
          label="Second clinician: rate"
          value={value.value}
          onChange={(v) => {
            props.onChange({ value: v });
          }}
          width="short"
          required
          error={errors['doubleCheck.rate.value']}
        />
        <SelectField
          name="doubleCheck.rate.unit"
          label="Second clinician: rate measured in"
          value={value.unit}
          onChange={(v) => {
            props.onChange({ unit: isRateUnit(v) ? v : '' });
          }}
          options={[chooseOption('unit'), ...RATE_UNITS.map((u) => ({ value: u, label: u }))]}
          required
          error={errors['doubleCheck.rate.unit']}
        />
        <TextField
          name="doubleCheck.concentrationMgPerMl"
          label="Second clinician: bag concentration (mg/mL)"
          value={value.concentration}
          onChange={(v) => {
            props.onChange({ concentration: v });
          }}
          width="short"
          required
          error={errors['doubleCheck.concentrationMgPerMl']}
        />
      </div>
    </fieldset>
  );
}
