/**
 * A patient's intake: the current version (opioid MME/day as the server's core computed it, with the
 * factor table id@version, and the latest weight) and, for nurses and prescribers, the form that saves
 * the next version with a reason. A save sent over a newer version is refused (409), never merged.
 * From here the prescriber goes on to the eligibility screening of the saved intake.
 */
import type { Intake } from '@ketaflow/contract';
import { useState, type ReactNode } from 'react';
import { formatInstant } from '../../app/format.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { TextField } from '../../components/field.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { getIntake, saveIntake } from './intake-api.ts';
import './intake.css';
import {
  emptyIntakeForm,
  fromIntake,
  intakeFieldLabel,
  toIntakeSave,
  vitalsReading,
} from './intake-form-model.ts';
import { DiagnosesSection, MedicationsSection, TreatmentsSection } from './intake-lists.tsx';
import { HistorySection, MeasuresSection, PainSection } from './intake-sections.tsx';

export function IntakePage(props: { readonly patientId: string }): ReactNode {
  const { state, reload } = useLoad(
    (signal) => getIntake(props.patientId, signal),
    [props.patientId],
  );
  const { clinic } = useReadySession();
  const [saved, setSaved] = useState<string | null>(null);
  if (state.status === 'loading') return <Loading what="the intake" />;
  if (state.status === 'failed') {
    return (
      <Page title="Intake not available">
        <ErrorAlert problem={state.problem} />
      </Page>
    );
  }
  const intake = state.data;
  const canWrite = clinic.role === 'nurse' || clinic.role === 'prescriber';
  return (
    <Page
      title="Intake"
      actions={
        <>
          <Link to={`/patients/${props.patientId}`} className="button">
            Patient record
          </Link>
          {intake === null ? null : (
            <Link to={`/patients/${props.patientId}/screening`} className="button button-primary">
              Run screening
            </Link>
          )}
        </>
      }
    >
      <StatusMessage message={saved} />
      {intake === null ? (
        <p className="empty">No intake recorded yet.</p>
      ) : (
        <Current intake={intake} />
      )}
      {canWrite ? (
        <IntakeForm
          key={intake?.version ?? 0}
          patientId={props.patientId}
          intake={intake}
          onSaved={(version) => {
            setSaved(`Intake version ${String(version)} saved. Run the screening to evaluate it.`);
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}

function Current(props: { readonly intake: Intake }): ReactNode {
  const { clinic } = useReadySession();
  const { intake } = props;
  const mme = intake.mme;
  const w = intake.latestWeight;
  const v = intake.document.vitals;
  return (
    <section className="panel" aria-labelledby="current-heading">
      <h2 id="current-heading">Current intake: version {intake.version}</h2>
      <dl className="facts">
        <dt>Saved</dt>
        <dd className="num">
          {formatInstant(intake.recordedAt, clinic.timeZone)} ({intake.reason})
        </dd>
        <dt>Latest weight</dt>
        <dd className="num">
          {w === null
            ? 'None recorded'
            : `${String(w.weightKg)} kg${w.heightCm === null ? '' : `, ${String(w.heightCm)} cm`}, measured ${formatInstant(w.measuredAt, clinic.timeZone)}`}
        </dd>
        <dt>Latest vitals</dt>
        <dd className="num">
          {v === undefined
            ? 'None recorded'
            : `${vitalsReading(v)}, measured ${formatInstant(v.measuredAt, clinic.timeZone)}`}
        </dd>
        <dt>Opioids (MME/day)</dt>
        <dd className="num">
          {mme === null ? (
            'No opioid recorded'
          ) : (
            <>
              <strong>{mme.totalMmePerDay} MME/day</strong> (factor table {mme.factorTable.id}@
              {mme.factorTable.version})
            </>
          )}
        </dd>
      </dl>
      {mme === null ? null : (
        <>
          <ul>
            {mme.medications.map((m, i) => (
              <li key={`${m.drug}-${String(i)}`} className="num">
                {m.drug}: {m.dailyDose} {m.dailyDoseUnit} × {m.factor} = {m.mmePerDay} MME/day
                {m.caution === undefined ? '' : ` (${m.caution})`}
              </li>
            ))}
          </ul>
          {mme.flags.map((f) => (
            <p key={f.code} className="alert alert-warn">
              {f.message}
            </p>
          ))}
        </>
      )}
    </section>
  );
}

function IntakeForm(props: {
  readonly patientId: string;
  readonly intake: Intake | null;
  readonly onSaved: (version: number) => void;
}): ReactNode {
  const [values, setValues] = useState(() =>
    props.intake === null ? emptyIntakeForm() : fromIntake(props.intake),
  );
  // One write id per attempt at this version, so a retried click never saves twice.
  const [writeId] = useState(() => crypto.randomUUID());
  const submit = useSubmit();
  const version = props.intake?.version ?? 0;
  const section = { values, set: setValues, errors: submit.fields };
  return (
    <form
      className="panel intake-form"
      aria-labelledby="intake-form-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(async () => {
          const saved = await saveIntake(
            props.patientId,
            toIntakeSave(values, { id: writeId, version, now: new Date().toISOString() }),
          );
          props.onSaved(saved.version);
        });
      }}
    >
      <h2 id="intake-form-heading">
        {props.intake === null
          ? 'Record the intake'
          : `Update the intake (from version ${String(version)})`}
      </h2>
      <ErrorAlert
        problem={submit.problem}
        labels={Object.fromEntries(Object.keys(submit.fields).map((k) => [k, intakeFieldLabel(k)]))}
        action="Not saved"
        {...(submit.problem?.status === 409
          ? {
              title:
                'Not saved: someone saved a newer version of this intake. Reload and apply your change again.',
            }
          : {})}
      />
      <DiagnosesSection {...section} />
      <PainSection {...section} />
      <TreatmentsSection {...section} />
      <MedicationsSection {...section} />
      <HistorySection {...section} />
      <MeasuresSection {...section} />
      <TextField
        name="reason"
        label="Reason for this version"
        value={values.reason}
        onChange={(reason) => {
          setValues((v) => ({ ...v, reason }));
        }}
        width="long"
        required
        error={submit.fields.reason}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          Save intake
        </button>
      </div>
    </form>
  );
}
