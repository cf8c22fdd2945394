/**
 * Choosing the clinic to work in: a full page after sign-in when the server asks for it, and the
 * switcher in the header. Switching is done by the server (the session's active clinic), so every
 * later request is scoped to the chosen clinic.
 */
import type { ClinicMembership } from '@ketaflow/contract';
import { useState, type SubmitEvent, type ReactNode } from 'react';
import { navigate } from '../../app/router.ts';
import { useSessionApi } from '../../app/session.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { switchClinic } from '../auth/auth-api.ts';
import { AuthFrame } from '../auth/auth-frame.tsx';

const roleLabel = (m: ClinicMembership): string => `${m.name} (${m.role})`;

export function ClinicSelect(props: { readonly clinics: readonly ClinicMembership[] }): ReactNode {
  const { accept, signOut } = useSessionApi();
  const [clinicId, setClinicId] = useState(props.clinics[0]?.id ?? '');
  const submit = useSubmit();
  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void submit.run(async () => {
      accept(await switchClinic({ clinicId }));
    });
  };
  return (
    <AuthFrame title="Choose a clinic">
      <ErrorAlert problem={submit.problem} />
      {props.clinics.length === 0 ? (
        <p>Your account is not a member of any clinic yet. Ask an administrator to add you.</p>
      ) : (
        <form onSubmit={onSubmit}>
          <fieldset>
            <legend>Clinic</legend>
            {props.clinics.map((c) => (
              <div key={c.id}>
                <input
                  type="radio"
                  id={`clinic-${c.id}`}
                  name="clinicId"
                  value={c.id}
                  checked={clinicId === c.id}
                  onChange={() => {
                    setClinicId(c.id);
                  }}
                />{' '}
                <label htmlFor={`clinic-${c.id}`}>{roleLabel(c)}</label>
              </div>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={submit.busy}>
              Continue
            </button>
            <button type="button" className="link-button" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </form>
      )}
    </AuthFrame>
  );
}

/** The header's switcher: a select when there is more than one clinic, the name otherwise. */
export function ClinicSwitcher(props: {
  readonly active: ClinicMembership;
  readonly clinics: readonly ClinicMembership[];
}): ReactNode {
  const { accept } = useSessionApi();
  const submit = useSubmit();
  if (props.clinics.length <= 1) {
    return <span className="who">Clinic: {props.active.name}</span>;
  }
  return (
    <span>
      <label htmlFor="clinic-switcher">Clinic</label>
      <select
        id="clinic-switcher"
        value={props.active.id}
        disabled={submit.busy}
        onChange={(e) => {
          const clinicId = e.target.value;
          void submit.run(async () => {
            const info = await switchClinic({ clinicId });
            navigate('/patients');
            accept(info);
          });
        }}
      >
        {props.clinics.map((c) => (
          <option key={c.id} value={c.id}>
            {roleLabel(c)}
          </option>
        ))}
      </select>
      {submit.problem === null ? null : (
        <span role="alert" className="who">
          {' '}
          Could not switch: {submit.problem.detail}
        </span>
      )}
    </span>
  );
}
