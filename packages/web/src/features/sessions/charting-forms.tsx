/**
 * The nurse's charting forms. Each submit hands one entry (new client id, clinical time now) to the
 * outbox; the form clears at once, and the entry is shown as unsynced until the server acknowledges
 * it. Values go as typed: core on the server validates them and names the field on refusal. A
 * refused entry can be loaded back into its form and sent again (use-entry-edit.ts).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { fieldMessages, type ApiProblem } from '../../api/problem.ts';
import { formatInstant } from '../../app/format.ts';
import { useReadySession } from '../../app/session.tsx';
import { chooseOption, SelectField, TextArea, TextField } from '../../components/field.tsx';
import { WitnessFields } from '../ledger/witness-fields.tsx';
import { VITAL_FIELDS, parseVitals } from './vitals.ts';
import {
  EMPTY_DOUBLE_CHECK,
  EMPTY_RATE_CHANGE,
  isRateUnit,
  isUntouched,
  RATE_UNITS,
  rateChangeRequest,
  resumesInForm,
  sentFields,
  disagreement,
  type ComparedEntry,
  type DoubleCheckFields,
  type RateChangeFields,
} from './charting-form-model.ts';
import { resendOccurredAt, timeRefused } from './chart-draft.ts';
import type { OutboxItem } from './chart-outbox.ts';
import { FormFrame, stamp } from './chart-form-frame.tsx';
import { useEntryEdit } from './use-entry-edit.ts';
import type { ChartOutbox } from './use-chart-outbox.ts';

/** What a charting form needs of the outbox: queue entries, and the refused entry being corrected. */
export type FormOutbox = Pick<ChartOutbox, 'submit' | 'editing' | 'edit'>;

/**
 * A new id, and the clinical time: now for a new entry; for the correction of a refused one, the
 * refused entry's time (chart-draft.ts `resendOccurredAt`).
 */
export function observationStamp(correcting: OutboxItem | null): {
  id: string;
  occurredAt: string;
} {
  const s = stamp();
  return correcting === null
    ? s
    : {
        id: s.id,
        occurredAt: resendOccurredAt(correcting.request, correcting.problem, s.occurredAt),
      };
}

/** The note shown while correcting an observation: the time it keeps. */
export function keptTimeNote(correcting: OutboxItem | null, timeZone: string): string | undefined {
  if (correcting === null) return undefined;
  return timeRefused(correcting.problem)
    ? 'The server refused its time: it is charted at the time of sending.'
    : `It keeps the time it was first charted at, ${formatInstant(correcting.request.occurredAt, timeZone)}.`;
}

export function VitalsForm(props: { readonly outbox: FormOutbox }): ReactNode {
  const { clinic } = useReadySession();
  const [values, setValues] = useState<Record<string, string>>({});
  const edit = useEntryEdit({
    outbox: props.outbox,
    form: 'vitals',
    load: (v) => {
      setValues({ ...v });
    },
    clear: () => {
      setValues({});
    },
    isBlank: Object.values(values).every((v) => v.trim() === ''),
  });
  return (
    <FormFrame
      title="Vitals"
      button="Chart vitals"
      correcting={{ ...edit, note: keptTimeNote(edit.target, clinic.timeZone) }}
      onSubmit={() => {
        edit.submit(
          { ...observationStamp(edit.target), kind: 'vitals', vitals: parseVitals(values) },
          values,
        );
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
            error={edit.errors[`vitals.${f.key}`]}
          />
        ))}
      </div>
    </FormFrame>
  );
}

export function NoteForm(props: { readonly outbox: FormOutbox }): ReactNode {
  const { clinic } = useReadySession();
  const [text, setText] = useState('');
  const edit = useEntryEdit({
    outbox: props.outbox,
    form: 'note',
    load: (v) => {
      setText(v.text);
    },
    clear: () => {
      setText('');
    },
    isBlank: text.trim() === '',
  });
  return (
    <FormFrame
      title="Note"
      button="Chart note"
      correcting={{ ...edit, note: keptTimeNote(edit.target, clinic.timeZone) }}
      onSubmit={() => {
        edit.submit({ ...observationStamp(edit.target), kind: 'note', text }, { text });
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
        error={edit.errors.text}
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
  readonly outbox: Pick<ChartOutbox, 'items' | 'submit' | 'discard' | 'editing' | 'edit'>;
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
  // "Edit and resend" of a refused change: the rate, unit and reasons come back (never a second
  // clinician's entries); the double check is asked again when the refusal was about it. The rate
  // change is charted when sent again (a new pump action), not at the refused entry's time.
  const edit = useEntryEdit({
    outbox,
    form: 'rate-change',
    load: (values, entry) => {
      const asked = entry.problem !== undefined && resumesInForm(entry.request, entry.problem);
      setSent(null);
      setFields(sentFields(values));
      setCheckShown(asked ? 'asked' : 'hidden');
      setRefusal(asked ? (entry.problem ?? null) : null);
    },
    clear: () => {
      setFields(EMPTY_RATE_CHANGE);
      setCheckShown('hidden');
      setRefusal(null);
    },
    isBlank: isUntouched(f),
  });
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
  const errors = { ...(refusal === null ? {} : fieldMessages(refusal)), ...edit.errors };
  return (
    <FormFrame
      title="Rate change"
      button="Change rate"
      correcting={edit}
      onSubmit={() => {
        const s = stamp();
        const request = rateChangeRequest(f, s, withCheck);
        if (request === null) return;
        setSent({ id: s.id, fields: sentFields(f) });
        edit.submit(request, sentFields(f));
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
            error={errors['newRate.value']}
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
            error={errors['newRate.unit']}
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
        error={errors.reason}
      />
      <TextField
        name="overrideReason"
        label="Override reason (when a soft limit is crossed)"
        value={f.override}
        onChange={set('override')}
        width="long"
        markOptional
        error={errors.overrideReason}
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
        // T-37 asks no second factor: the code only of a checker who has an authenticator app.
        secondFactor="when-enrolled"
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
