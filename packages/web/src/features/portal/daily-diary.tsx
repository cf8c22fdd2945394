/**
 * The daily pain diary (phone-sized): one 0–10 pain rating per day (NRS, scored by core on the
 * server), sent with a client-generated id so a retry never records twice; the last entries below.
 */
import { useState, type ReactNode } from 'react';
import type { QuestionnaireOccurrence } from '@ketaflow/contract';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';
import { answerQuestionnaire, ownResponses } from './portal-api.ts';

const SCORES = Array.from({ length: 11 }, (_, i) => i);

export function DailyDiary(props: {
  /** Today's open diary occurrence, when a course schedule has one. */
  readonly occurrence: QuestionnaireOccurrence | null;
  readonly onSaved: () => void;
}): ReactNode {
  const [score, setScore] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useSubmit();
  const recent = useLoad((signal) => ownResponses('nrs-0-10', signal), [saved]);
  const send = async (): Promise<void> => {
    if (score === null) return;
    const o = props.occurrence;
    const ok = await submit.run(async () => {
      await answerQuestionnaire({
        id: crypto.randomUUID(),
        instrumentId: 'nrs-0-10',
        answers: { nrs: score },
        ...(o === null ? {} : { courseId: o.courseId, itemId: o.itemId, dueOn: o.dueOn }),
      });
    });
    if (ok) {
      setSaved(`Saved: today's pain ${String(score)} out of 10.`);
      setScore(null);
      props.onSaved();
    }
  };
  return (
    <section aria-labelledby="diary-title" className="diary">
      <h2 id="diary-title">Today's pain diary</h2>
      <fieldset>
        <legend>Your pain right now, from 0 (no pain) to 10 (worst pain you can imagine)</legend>
        <div
          className="nrs-scale"
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(6, minmax(2.75rem, 1fr))',
            gap: '0.5rem',
          }}
        >
          {SCORES.map((n) => (
            <button
              key={n}
              type="button"
              className={`button nrs-button${score === n ? ' button-primary' : ''}`}
              style={{ minHeight: '2.75rem', fontSize: '1.25rem' }}
              aria-label={`${String(n)} out of 10`}
              aria-pressed={score === n}
              onClick={() => {
                setScore(n);
              }}
            >
              {n}
            </button>
          ))}
        </div>
      </fieldset>
      <ErrorAlert problem={submit.problem} action="Not saved" />
      <button
        type="button"
        className="button button-primary button-large"
        disabled={score === null || submit.busy}
        onClick={() => {
          void send();
        }}
      >
        Save today's pain
      </button>
      <StatusMessage message={saved} />
      {recent.state.status === 'ok' && recent.state.data.items.length > 0 && (
        <table className="table diary-recent">
          <caption>Your last entries</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Pain (0–10)</th>
            </tr>
          </thead>
          <tbody>
            {recent.state.data.items.slice(0, 7).map((r) => (
              <tr key={r.id}>
                <td>{r.answeredOn}</td>
                <td>{r.score}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
