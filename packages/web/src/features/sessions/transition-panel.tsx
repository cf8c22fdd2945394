/**
 * The session's next step: only the events the server offers (those the state allows now and the
 * signed-in role may record: session-permissions.ts on the server), each a button or a short form (pre-infusion checks, blind double check,
 * discharge score, transfer/cancel reason). The double-check inputs start empty and never show the
 * first entry: the second clinician re-enters from the bag label and the pump. A step whose answer
 * was lost is reported as of unknown outcome, with a way to read the current state.
 */
import type { InfusionSession, TransitionRequest } from '@ketaflow/contract';
import { useState, type ReactNode } from 'react';
import type { ApiProblem } from '../../api/problem.ts';
import { useReadySession } from '../../app/session.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { chooseOption, SelectField, TextField } from '../../components/field.tsx';
import { enterDoubleCheck, getSession, transition } from './session-api.ts';
import { outcomeUnknown, UNKNOWN_OUTCOME } from './transition-outcome.ts';
import { VITAL_FIELDS, parseVitals } from './vitals.ts';
import { typedNumber } from '../../app/typed-number.ts';

const SIMPLE_EVENTS: Readonly<Record<string, string>> = {
  'check-in': 'Check in',
  start: 'Start infusion',
  pause: 'Pause infusion',
  resume: 'Resume infusion',
  stop: 'Stop infusion',
  'begin-recovery': 'Begin recovery',
};

export function TransitionPanel(props: {
  readonly session: InfusionSession;
  readonly onChanged: (session: InfusionSession) => void;
}): ReactNode {
  const { session } = props;
  const submit = useSubmit();
  const [message, setMessage] = useState<string | null>(null);
  const run = (body: TransitionRequest): void => {
    setMessage(null);
    void submit.run(async () => {
      const next = await transition(session.id, body);
      setMessage(`Recorded: ${body.event}. The session is now ${next.state}.`);
      props.onChanged(next);
    });
  };
  // The server offers what the session's state allows and the role may record: a button that can
  // only answer 403 is not shown.
  const allowed = new Set(session.offeredEvents);
  const base = { id: crypto.randomUUID(), version: session.version };
  const nothingForRole =
    allowed.size === 0 && session.allowedEvents.length > 0 && !session.offersDoubleCheck;
  return (
    <section className="panel" aria-labelledby="next-step-heading">
      <h2 id="next-step-heading">Next step</h2>
      <StepAlert
        problem={submit.problem}
        action="Not recorded"
        sessionId={session.id}
        onChanged={(next) => {
          submit.clear();
          props.onChanged(next);
        }}
      />
      <StatusMessage message={message} />
      {nothingForRole ? (
        <p className="muted">The next step is recorded by a nurse or prescriber.</p>
      ) : null}
      {session.offersDoubleCheck ? (
        <DoubleCheckForm session={session} onChanged={props.onChanged} />
      ) : null}
      {allowed.has('complete-prechecks') ? (
        <PrechecksForm
          busy={submit.busy}
          onSubmit={(facts) => {
            run({ ...base, event: 'complete-prechecks', facts });
          }}
        />
      ) : null}
      {allowed.has('discharge') ? (
        <DischargeForm
          busy={submit.busy}
          onSubmit={(total) => {
            run({ ...base, event: 'discharge', assessment: { total } });
          }}
        />
      ) : null}
      <div className="form-actions">
        {Object.entries(SIMPLE_EVENTS)
          .filter(([event]) => allowed.has(event))
          .map(([event, label]) => (
            <button
              key={event}
              type="button"
              className={event === 'stop' ? 'button button-danger' : 'button button-primary'}
              disabled={submit.busy}
              onClick={() => {
                run({ ...base, event } as TransitionRequest);
              }}
            >
              {label}
            </button>
          ))}
      </div>
      {allowed.has('transfer') || allowed.has('cancel') ? (
        <ReasonForm
          events={(['transfer', 'cancel'] as const).filter((e) => allowed.has(e))}
          busy={submit.busy}
          onSubmit={(event, reason) => {
            run({ ...base, event, reason });
          }}
        />
      ) : null}
    </section>
  );
}

const PREGNANCY_TESTS = ['not-done', 'negative', 'positive'] as const;
const isPregnancyTest = (v: string): v is (typeof PREGNANCY_TESTS)[number] =>
  (PREGNANCY_TESTS as readonly string[]).includes(v);

function PrechecksForm(props: {
  readonly busy: boolean;
  readonly onSubmit: (
    facts: Extract<TransitionRequest, { event: 'complete-prechecks' }>['facts'],
  ) => void;
}): ReactNode {
  const [fasting, setFasting] = useState('');
  const [escort, setEscort] = useState('');
  // Unchosen like fasting and escort: "not done" is a fact to record, not a default.
  const [pregnancy, setPregnancy] = useState('');
  const [vitals, setVitals] = useState<Record<string, string>>({});
  const yesNo = [
    { value: '', label: 'Not asked' },
    { value: 'yes', label: 'Confirmed' },
    { value: 'no', label: 'Not confirmed' },
  ];
  const bool = (v: string): boolean | null => (v === '' ? null : v === 'yes');
  return (
    <form
      aria-label="Pre-infusion checks"
      onSubmit={(e) => {
        e.preventDefault();
        // The select is required; an unchosen result is never sent as one.
        if (!isPregnancyTest(pregnancy)) return;
        props.onSubmit({
          fastingConfirmed: bool(fasting),
          escortConfirmed: bool(escort),
          pregnancyTest: pregnancy,
          baselineVitals: parseVitals(vitals),
        });
      }}
    >
      <h3>Pre-infusion checks</h3>
      <div className="inline-form">
        <SelectField
          name="fastingConfirmed"
          label="Fasting"
          value={fasting}
          onChange={setFasting}
          options={yesNo}
          required
        />
        <SelectField
          name="escortConfirmed"
          label="Escort home"
          value={escort}
          onChange={setEscort}
          options={yesNo}
          required
        />
        <SelectField
          name="pregnancyTest"
          label="Pregnancy test"
          value={pregnancy}
          onChange={setPregnancy}
          options={[
            chooseOption('pregnancy test result'),
            { value: 'not-done', label: 'Not done' },
            { value: 'negative', label: 'Negative' },
            { value: 'positive', label: 'Positive' },
          ]}
          required
        />
      </div>
      <fieldset>
        <legend>Baseline vitals</legend>
        <div className="inline-form">
          {VITAL_FIELDS.map((f) => (
            <TextField
              key={f.key}
              name={`baseline.${f.key}`}
              label={f.label}
              value={vitals[f.key] ?? ''}
              onChange={(v) => {
                setVitals((old) => ({ ...old, [f.key]: v }));
              }}
              inputMode="numeric"
              width="short"
              required={!f.optional}
            />
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={props.busy}>
          Record pre-infusion checks
        </button>
      </div>
    </form>
  );
}

function DoubleCheckForm(props: {
  readonly session: InfusionSession;
  readonly onChanged: (session: InfusionSession) => void;
}): ReactNode {
  const { info } = useReadySession();
  const submit = useSubmit();
  const [concentration, setConcentration] = useState('');
  const [rate, setRate] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const first = props.session.doubleCheck.firstEnteredBy;
  const mine = first === info.user.id;
  return (
    <form
      aria-label="Independent double check"
      onSubmit={(e) => {
        e.preventDefault();
        setResult(null);
        void submit.run(async () => {
          const answer = await enterDoubleCheck(props.session.id, {
            id: crypto.randomUUID(),
            concentrationMgPerMl: typedNumber(concentration),
            rateMlPerH: typedNumber(rate),
          });
          setConcentration('');
          setRate('');
          setResult(
            answer.status === 'agreed'
              ? 'Both entries agree: pump settings double-checked.'
              : 'First entry recorded. A second clinician must now enter the values independently.',
          );
          props.onChanged(answer.session);
        });
      }}
    >
      <h3>Independent double check (round {props.session.doubleCheck.round})</h3>
      <p className="hint">
        {first === null
          ? 'Read the concentration from the bag label and the rate from the pump, and enter them.'
          : mine
            ? 'You made the first entry. A different clinician must make the second.'
            : 'A first entry exists. Enter what you read yourself; its values are not shown.'}
      </p>
      <StepAlert
        problem={submit.problem}
        action="Double check not recorded"
        sessionId={props.session.id}
        onChanged={(next) => {
          submit.clear();
          props.onChanged(next);
        }}
      />
      <StatusMessage message={result} />
      <div className="inline-form">
        <TextField
          name="concentrationMgPerMl"
          label="Concentration (mg/mL)"
          value={concentration}
          onChange={setConcentration}
          width="short"
          required
          error={submit.fields.concentrationMgPerMl}
        />
        <TextField
          name="rateMlPerH"
          label="Pump rate (mL/h)"
          value={rate}
          onChange={setRate}
          width="short"
          required
          error={submit.fields.rateMlPerH}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submit.busy || mine}>
          Record double-check entry
        </button>
      </div>
    </form>
  );
}

function DischargeForm(props: {
  readonly busy: boolean;
  readonly onSubmit: (total: number) => void;
}): ReactNode {
  const [total, setTotal] = useState('');
  return (
    <form
      aria-label="Discharge"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(typedNumber(total));
      }}
    >
      <h3>Discharge</h3>
      <TextField
        name="assessment.total"
        label="Modified Aldrete score (0–10)"
        value={total}
        onChange={setTotal}
        inputMode="numeric"
        width="short"
        required
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={props.busy}>
          Discharge
        </button>
      </div>
    </form>
  );
}

function ReasonForm(props: {
  readonly events: readonly ('transfer' | 'cancel')[];
  readonly busy: boolean;
  readonly onSubmit: (event: 'transfer' | 'cancel', reason: string) => void;
}): ReactNode {
  const [event, setEvent] = useState<string>(props.events[0] ?? 'cancel');
  const [reason, setReason] = useState('');
  return (
    <form
      aria-label="Transfer or cancel"
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(event === 'transfer' ? 'transfer' : 'cancel', reason);
      }}
    >
      <SelectField
        name="exceptionEvent"
        label="Other outcome"
        value={event}
        onChange={setEvent}
        options={props.events.map((e) => ({
          value: e,
          label: e === 'transfer' ? 'Transfer' : 'Cancel',
        }))}
        required
      />
      <TextField
        name="reason"
        label="Reason"
        value={reason}
        onChange={setReason}
        width="long"
        required
      />
      <div className="form-actions">
        <button type="submit" className="button button-danger" disabled={props.busy}>
          Record
        </button>
      </div>
    </form>
  );
}

/**
 * A failed step: refused by the server ("Not recorded: why"), or of unknown outcome when the answer
 * was lost, with a button that reads the session's current state (the page is not reloaded, so
 * chart entries waiting in the outbox are kept).
 */
function StepAlert(props: {
  readonly problem: ApiProblem | null;
  readonly action: string;
  readonly sessionId: string;
  readonly onChanged: (session: InfusionSession) => void;
}): ReactNode {
  const reload = useSubmit();
  const { problem } = props;
  if (problem === null || !outcomeUnknown(problem)) {
    return <ErrorAlert problem={problem} action={props.action} />;
  }
  return (
    <ErrorAlert problem={problem} title={`${UNKNOWN_OUTCOME}.`}>
      <p>{problem.detail}</p>
      {reload.problem === null ? null : (
        <p>The session could not be read either: {reload.problem.detail}</p>
      )}
      <button
        type="button"
        className="button"
        disabled={reload.busy}
        onClick={() => {
          void reload.run(async () => {
            props.onChanged(await getSession(props.sessionId));
          });
        }}
      >
        Reload the session
      </button>
    </ErrorAlert>
  );
}
