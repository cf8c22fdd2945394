/**
 * The prescriber's screening review: core's eligibility evaluation of the current intake, criterion by
 * criterion (met / unmet / unknown, rationale, missing facts, citations) with the rule set id@version,
 * and the signed decision (eligible / not eligible / eligible with conditions) with a reason.
 */
import { ScreeningDecision, ScreeningView, type ScreeningSign } from '@ketaflow/contract';
import { useState, type ReactNode } from 'react';
import { api } from '../../api/client.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { SelectField, TextArea } from '../../components/field.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { DECISION_OPTIONS, decisionOf, type Decision } from './decision-choice.ts';

const base = (patientId: string) => `/api/v1/patients/${patientId}/screening`;

const citationText = (c: Readonly<Record<string, unknown>>): string =>
  ['source', 'title', 'id', 'locator', 'url']
    .map((k) => c[k])
    .filter((v): v is string => typeof v === 'string')
    .join(', ');

export function ScreeningReview(props: { readonly patientId: string }): ReactNode {
  const { clinic } = useReadySession();
  const { state, reload } = useLoad(
    (signal) => api(base(props.patientId), { schema: ScreeningView, signal }),
    [props.patientId],
  );
  if (state.status === 'loading') return <Loading what="the screening" />;
  if (state.status === 'failed') {
    return (
      <Page title="Screening not available">
        <ErrorAlert problem={state.problem} />
        <p>
          The rule set runs on the saved intake:{' '}
          <Link to={`/patients/${props.patientId}/intake`}>open the intake</Link>.
        </p>
      </Page>
    );
  }
  const view = state.data;
  const e = view.evaluation;
  return (
    <Page
      title="Eligibility screening"
      actions={
        <>
          <Link to={`/patients/${props.patientId}/intake`} className="button">
            Intake
          </Link>
          <Link to={`/patients/${props.patientId}/courses`} className="button">
            Treatment courses
          </Link>
        </>
      }
    >
      <section className="panel" aria-labelledby="evaluation-heading">
        <h2 id="evaluation-heading">
          Rule set result: {e.decision} (rule set {e.ruleSet.id}@{e.ruleSet.version}, intake version{' '}
          {view.intakeVersion})
        </h2>
        {/* Focusable so a keyboard user can scroll the wide trace sideways. */}
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Criterion trace">
          <table>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Status</th>
                <th scope="col">Outcome</th>
                <th scope="col">Rationale</th>
                <th scope="col">Sources</th>
              </tr>
            </thead>
            <tbody>
              {e.trace.map((t) => (
                <tr key={t.criterionId}>
                  <td>
                    {t.label} <span className="muted">({t.group})</span>
                  </td>
                  <td>{t.status}</td>
                  <td>{t.outcome}</td>
                  <td>
                    {t.rationale}
                    {t.missingFacts.length === 0 ? null : (
                      <> Missing: {t.missingFacts.join(', ')}.</>
                    )}
                    {t.guidance === undefined ? null : <> {t.guidance}</>}
                  </td>
                  <td>{t.citations.map(citationText).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {view.latestDecision === null ? null : (
        <p className="panel">
          Latest signed decision: <strong>{view.latestDecision.decision}</strong> (
          {view.latestDecision.ruleSet.id}@{view.latestDecision.ruleSet.version}, intake version{' '}
          {view.latestDecision.intakeVersion}): {view.latestDecision.reason}
          {view.latestDecision.conditions === null
            ? ''
            : ` Conditions: ${view.latestDecision.conditions}`}
        </p>
      )}
      {clinic.role === 'prescriber' ? (
        <SignForm
          patientId={props.patientId}
          intakeVersion={view.intakeVersion}
          onSigned={reload}
        />
      ) : null}
    </Page>
  );
}

function SignForm(props: {
  readonly patientId: string;
  readonly intakeVersion: number;
  readonly onSigned: () => void;
}): ReactNode {
  const submit = useSubmit();
  const [id, setId] = useState(() => crypto.randomUUID());
  // Nothing is decided for the prescriber: the select starts on "Choose the decision".
  const [decision, setDecision] = useState<Decision | ''>('');
  const [reason, setReason] = useState('');
  const [conditions, setConditions] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      className="panel"
      aria-labelledby="sign-heading"
      onSubmit={(e) => {
        e.preventDefault();
        setMessage(null);
        // The select's `required` stops an unchosen decision before this.
        if (decision === '') return;
        void submit.run(async () => {
          const body: ScreeningSign = {
            id,
            intakeVersion: props.intakeVersion,
            decision,
            reason,
            ...(decision === 'eligible-with-conditions' ? { conditions } : {}),
          };
          await api(`${base(props.patientId)}/decisions`, {
            method: 'POST',
            body,
            schema: ScreeningDecision,
          });
          setId(crypto.randomUUID());
          setDecision('');
          setMessage('Decision signed.');
          props.onSigned();
        });
      }}
    >
      <h2 id="sign-heading">Sign the decision</h2>
      <ErrorAlert problem={submit.problem} action="Not signed" />
      <StatusMessage message={message} />
      <SelectField
        name="decision"
        label="Decision"
        value={decision}
        onChange={(v) => {
          setDecision(decisionOf(v));
        }}
        options={DECISION_OPTIONS}
        required
      />
      {decision === 'eligible-with-conditions' ? (
        <TextArea
          name="conditions"
          label="Conditions"
          value={conditions}
          onChange={setConditions}
          maxLength={1000}
          required
          error={submit.fields.conditions}
        />
      ) : null}
      <TextArea
        name="reason"
        label="Reason"
        value={reason}
        onChange={setReason}
        maxLength={1000}
        required
        error={submit.fields.reason}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          Sign decision
        </button>
      </div>
    </form>
  );
}
