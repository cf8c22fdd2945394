/**
 * A correction (T-42): the administrator reverses an earlier entry, never edits it, with a reason;
 * reversing a witnessed entry needs as many witnesses, signing now, as it had. The entries offered
 * are those of one clinic day the administrator names (correction-choices.ts); none is chosen.
 */
import { useState, type ReactNode } from 'react';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { chooseOption, SelectField, TextArea, TextField } from '../../components/field.tsx';
import { correctionBody, correctionChoices } from './correction-choices.ts';
import { listEntries } from './ledger-api.ts';
import { Frame, useEntryForm, useExplicitChoice } from './ledger-forms.tsx';
import { emptyWitness, withoutSecrets, type WitnessInput } from './witness-credentials.ts';
import { WitnessFields } from './witness-fields.tsx';

const ORDINAL = ['First', 'Second'] as const;

export function CorrectionForm(props: { readonly onRecorded: () => void }): ReactNode {
  const { clinic } = useReadySession();
  const [day, setDay] = useState('');
  const { state, reload } = useLoad(
    (signal) => (day === '' ? Promise.resolve(null) : listEntries({ from: day, to: day }, signal)),
    [day],
  );
  const form = useEntryForm(() => {
    reload();
    props.onRecorded();
  });
  const choices =
    state.status === 'ok' && state.data !== null
      ? correctionChoices(state.data.items, clinic.timeZone)
      : [];
  const [entryId, setEntryId] = useExplicitChoice(
    choices.map((c) => c.value),
    null,
  );
  const needed = choices.find((c) => c.value === entryId)?.witnessesNeeded ?? 0;
  const [reason, setReason] = useState('');
  const [witnesses, setWitnesses] = useState<readonly WitnessInput[]>([emptyWitness, emptyWitness]);
  const f = form.submit.fields;
  return (
    <Frame
      title="Correct an entry (reversal)"
      button="Record correction"
      form={form}
      onSubmit={() => {
        form.send(
          correctionBody(entryId, reason, witnesses, needed),
          'Correction recorded; the entry stays on the ledger, reversed.',
        );
        setWitnesses(witnesses.map(withoutSecrets));
      }}
    >
      <TextField
        name="correction.day"
        label="Day of the entry"
        type="date"
        value={day}
        onChange={setDay}
        required
      />
      {state.status === 'failed' ? <ErrorAlert problem={state.problem} /> : null}
      <SelectField
        name="correction.correctsEntryId"
        label="Entry to reverse"
        value={entryId}
        onChange={setEntryId}
        options={[
          choices.length === 0 && day !== '' && state.status === 'ok'
            ? { value: '', label: 'No entry on that day can be corrected' }
            : chooseOption('entry'),
          ...choices,
        ]}
        required
        error={f.correctsEntryId}
      />
      <TextArea
        name="correction.reason"
        label="Reason"
        value={reason}
        onChange={setReason}
        maxLength={2000}
        required
        error={f.reason}
      />
      {f.witnesses === undefined ? null : <p className="field-error">{f.witnesses}</p>}
      {witnesses.slice(0, needed).map((w, i) => (
        <WitnessFields
          key={String(i)}
          prefix={`witnesses.${String(i)}`}
          form="correction"
          legend={`${ORDINAL[i] ?? 'Next'} witness of the reversal signs now (not you)`}
          who={needed === 1 ? 'Witness' : `${ORDINAL[i] ?? 'Next'} witness`}
          value={w}
          onChange={(value) => {
            setWitnesses((old) => old.map((o, j) => (j === i ? value : o)));
          }}
          errors={f}
        />
      ))}
    </Frame>
  );
}
