/**
 * Register a patient, and correct a patient's demographics. A correction needs a reason and sends
 * the version it was made on: if another user saved in between, the server answers 409 and the
 * form says so and offers to reload the current record (the user then applies the change again).
 * Nothing is shown as saved until the server confirms it.
 */
import type { Patient } from '@ketaflow/contract';
import { useState, type SubmitEvent, type ReactNode } from 'react';
import { patientName } from '../../app/format.ts';
import { navigate } from '../../app/router.ts';
import { useLoad } from '../../app/use-load.ts';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { TextArea } from '../../components/field.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { createPatient, getPatient, updatePatient } from './patient-api.ts';
import { PATIENT_FIELD_LABELS, PatientFields } from './patient-fields.tsx';
import {
  emptyPatientForm,
  formFromPatient,
  toCreateBody,
  toUpdateBody,
  type PatientFormValues,
} from './patient-form-model.ts';

export function PatientNew(): ReactNode {
  const [values, setValues] = useState<PatientFormValues>(emptyPatientForm);
  const submit = useSubmit();
  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void submit.run(async () => {
      const created = await createPatient(toCreateBody(values));
      navigate(`/patients/${created.id}?saved=created`);
    });
  };
  return (
    <Page title="Register patient">
      <ErrorAlert problem={submit.problem} action="Not saved" labels={PATIENT_FIELD_LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <PatientFields values={values} onChange={setValues} errors={submit.fields} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            {submit.busy ? 'Saving…' : 'Register patient'}
          </button>
          <Link to="/patients">Cancel</Link>
        </div>
      </form>
    </Page>
  );
}

export function PatientEdit(props: { readonly id: string }): ReactNode {
  const { state, reload } = useLoad((signal) => getPatient(props.id, signal), [props.id]);
  if (state.status === 'loading') return <Loading what="the patient record" />;
  if (state.status === 'failed') {
    return (
      <Page title="Patient not available">
        <ErrorAlert problem={state.problem} />
        <Link to="/patients">Back to the patient list</Link>
      </Page>
    );
  }
  // Keyed by version: a reload after a conflict starts the form afresh from the current record.
  return <EditForm key={state.data.version} patient={state.data} onReload={reload} />;
}

function EditForm(props: { readonly patient: Patient; readonly onReload: () => void }): ReactNode {
  const { patient } = props;
  const original = formFromPatient(patient);
  const [values, setValues] = useState<PatientFormValues>(original);
  const [reason, setReason] = useState('');
  const [nothingChanged, setNothingChanged] = useState(false);
  const submit = useSubmit();
  const conflict = submit.problem?.status === 409;

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const { body, changed } = toUpdateBody(original, values, patient.version, reason);
    if (changed.length === 0) {
      setNothingChanged(true);
      return;
    }
    setNothingChanged(false);
    void submit.run(async () => {
      await updatePatient(patient.id, body);
      navigate(`/patients/${patient.id}?saved=updated`);
    });
  };

  return (
    <Page title={`Edit ${patientName(patient)}`}>
      {conflict ? (
        <ErrorAlert problem={submit.problem} title="Not saved: another user changed this record">
          <p>
            Someone saved this patient after you opened it. Reload to see the current record, then
            apply your change again.
          </p>
          <button type="button" className="button" onClick={props.onReload}>
            Reload current record
          </button>
        </ErrorAlert>
      ) : (
        <ErrorAlert problem={submit.problem} action="Not saved" labels={PATIENT_FIELD_LABELS} />
      )}
      {nothingChanged ? (
        <p className="alert alert-warn" role="alert">
          Nothing was changed, so there is nothing to save.
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <PatientFields values={values} onChange={setValues} errors={submit.fields} />
        <fieldset>
          <legend>Why</legend>
          <TextArea
            name="reason"
            label="Reason for the change"
            hint="Kept in the record's history, e.g. “Spelling corrected from ID card”."
            required
            maxLength={500}
            value={reason}
            onChange={setReason}
            error={submit.fields.reason}
          />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            {submit.busy ? 'Saving…' : 'Save changes'}
          </button>
          <Link to={`/patients/${patient.id}`}>Cancel</Link>
        </div>
      </form>
    </Page>
  );
}
