/**
 * Sedation, dissociation and pain in one form: each score typed is charted as its own entry
 * (scores-form-model.ts). A refused one comes back alone into the form to be corrected; the others
 * of the same submit were charted by themselves.
 */
import { useState, type ReactNode } from 'react';
import { useReadySession } from '../../app/session.tsx';
import { chooseOption, SelectField, TextField } from '../../components/field.tsx';
import { FormFrame, stamp } from './chart-form-frame.tsx';
import { initialScale, isSedationScale, type SedationScale } from './charting-form-model.ts';
import { keptTimeNote, observationStamp, type FormOutbox } from './charting-forms.tsx';
import { emptyScores, scoresEntries, type ScoresFields } from './scores-form-model.ts';
import { SCORE_LABELS } from './score-labels.ts';
import { useEntryEdit } from './use-entry-edit.ts';

export function ScoresForm(props: {
  readonly outbox: FormOutbox;
  /** The sedation scale the order's protocol names, if any (preselected: it is the order). */
  readonly protocolScale?: SedationScale | null;
}): ReactNode {
  const { clinic } = useReadySession();
  const start = initialScale(props.protocolScale ?? null);
  const [f, setFields] = useState<ScoresFields>(emptyScores(start));
  const set =
    (key: Exclude<keyof ScoresFields, 'scale'>) =>
    (value: string): void => {
      setFields((old) => ({ ...old, [key]: value }));
    };
  const edit = useEntryEdit({
    outbox: props.outbox,
    form: 'scores',
    // A pain or dissociation entry kept no scale: the protocol's stays chosen.
    load: (values) => {
      setFields({ ...values, scale: values.scale === '' ? start : values.scale });
    },
    clear: () => {
      setFields(emptyScores(start));
    },
    isBlank: [f.sedation, f.dissociation, f.description, f.pain].every((v) => v.trim() === ''),
  });
  const target = edit.target;
  return (
    <FormFrame
      title="Sedation, dissociation and pain"
      button="Chart scores"
      correcting={{ ...edit, note: keptTimeNote(target, clinic.timeZone) }}
      onSubmit={() => {
        // The corrected score keeps the refused entry's time; any other score typed is new, now.
        const entries = scoresEntries(f, (kind) =>
          target?.request.kind === kind ? observationStamp(target) : stamp(),
        );
        // Nothing to chart (or a sedation score without its scale, which the select then requires).
        if (entries.length === 0) return;
        for (const e of entries) edit.submit(e.request, e.fields);
        setFields(emptyScores(start));
      }}
    >
      <div className="inline-form">
        <SelectField
          name="scale"
          label="Sedation scale"
          value={f.scale}
          onChange={(v) => {
            setFields((old) => ({ ...old, scale: isSedationScale(v) ? v : '' }));
          }}
          options={[
            chooseOption('scale'),
            { value: 'rass', label: SCORE_LABELS.rass },
            { value: 'moaas', label: SCORE_LABELS.moaas },
          ]}
          required={f.sedation.trim() !== ''}
          markOptional
          error={edit.errors.scale}
        />
        <TextField
          name="score"
          label="Sedation score"
          value={f.sedation}
          onChange={set('sedation')}
          width="short"
          markOptional
          error={edit.errors.score}
        />
        <SelectField
          name="present"
          label="Dissociation"
          value={f.dissociation}
          onChange={set('dissociation')}
          options={[
            { value: '', label: 'Not assessed' },
            { value: 'no', label: 'Absent' },
            { value: 'yes', label: 'Present' },
          ]}
          markOptional
          error={edit.errors.present}
        />
        <TextField
          name="painNrs"
          label={SCORE_LABELS.painNrs}
          value={f.pain}
          onChange={set('pain')}
          inputMode="numeric"
          width="short"
          markOptional
          error={edit.errors.painNrs}
        />
      </div>
      <TextField
        name="description"
        label="Dissociation description"
        value={f.description}
        onChange={set('description')}
        width="long"
        markOptional
        error={edit.errors.description}
      />
    </FormFrame>
  );
}
