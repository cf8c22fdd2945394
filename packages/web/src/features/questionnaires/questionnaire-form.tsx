/**
 * One due questionnaire in the portal, built from the instrument's knowledge file (core): one radio
 * group per item; the server scores it (core) and refuses an incomplete form naming the question.
 * When the answers raise a crisis flag (PHQ-9 item 9 above 0) the crisis resources the server sends
 * are shown at once.
 */
import { useState, type ReactNode } from 'react';
import type { CrisisResources, QuestionnaireOccurrence } from '@ketaflow/contract';
import { findInstrument } from '@ketaflow/core';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { CrisisPanel } from '../portal/crisis-resources.tsx';
import { answerQuestionnaire } from '../portal/portal-api.ts';

export function QuestionnaireForm(props: {
  readonly occurrence: QuestionnaireOccurrence;
  readonly onSaved: () => void;
}): ReactNode {
  const { occurrence } = props;
  const instrument = findInstrument(occurrence.instrumentId);
  const [id] = useState(() => crypto.randomUUID());
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [crisis, setCrisis] = useState<CrisisResources | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useSubmit();
  if (!instrument.ok) return <p>This questionnaire cannot be shown: {instrument.error.message}</p>;
  const form = instrument.value;
  const send = async (): Promise<void> => {
    await submit.run(async () => {
      const response = await answerQuestionnaire({
        id,
        instrumentId: occurrence.instrumentId,
        courseId: occurrence.courseId,
        itemId: occurrence.itemId,
        dueOn: occurrence.dueOn,
        answers: Object.fromEntries(form.items.map((i) => [i.id, answers[i.id] ?? null])),
      });
      setCrisis(response.crisis);
      setSaved('Thank you, your answers are saved.');
      props.onSaved();
    });
  };
  return (
    <section aria-labelledby={`q-${occurrence.itemId}`} className="questionnaire">
      <h2 id={`q-${occurrence.itemId}`}>{form.title}</h2>
      {form.recallPeriod !== undefined && <p>Think about the {form.recallPeriod}.</p>}
      {crisis !== null && <CrisisPanel crisis={crisis} />}
      <StatusMessage message={saved} />
      {saved === null && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          {form.items.map((item) => {
            const choices =
              item.options ??
              Array.from({ length: item.max - item.min + 1 }, (_, k) => ({
                value: item.min + k,
                label: String(item.min + k),
              }));
            const error = submit.fields[`body.answers.${item.id}`];
            return (
              <fieldset key={item.id} aria-invalid={error !== undefined}>
                <legend>{item.label}</legend>
                {choices.map((c) => (
                  <label key={c.value} style={{ display: 'block', padding: '0.4rem 0' }}>
                    <input
                      type="radio"
                      name={item.id}
                      value={c.value}
                      checked={answers[item.id] === c.value}
                      onChange={() => {
                        setAnswers((a) => ({ ...a, [item.id]: c.value }));
                      }}
                    />{' '}
                    {c.label}
                  </label>
                ))}
                {error !== undefined && <p className="field-error">{error}</p>}
              </fieldset>
            );
          })}
          <ErrorAlert problem={submit.problem} action="Not saved" />
          <button
            className="button button-primary button-large"
            type="submit"
            disabled={submit.busy}
          >
            Send answers
          </button>
        </form>
      )}
      <p className="hint">
        If you are in crisis or thinking about harming yourself, call or text{' '}
        <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline) or call 911.
      </p>
    </section>
  );
}
