/**
 * Creating a staff account. The server makes a one-time password; it is shown here once, after the
 * server confirmed the account, and never again (the user must replace it at first sign-in).
 */
import { StaffRole, type CreatedUser } from '@ketaflow/contract';
import { useState, type SubmitEvent, type ReactNode } from 'react';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { createUser } from './user-api.ts';

export const STAFF_ROLES = StaffRole.options;

export function CreateUser(props: { readonly onCreated: () => void }): ReactNode {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState('');
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const submit = useSubmit();

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    setCreated(null);
    void submit.run(async () => {
      // The role is checked by the server against the same schema; an empty choice is named there.
      const answer = await createUser({ email, displayName, role: role as StaffRole });
      setCreated(answer);
      setEmail('');
      setDisplayName('');
      setRole('');
      props.onCreated();
    });
  };

  return (
    <section className="panel" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">Create a staff account</h2>
      {created === null ? null : (
        <div className="alert alert-ok" role="status">
          <p className="alert-title">
            Account created for {created.user.displayName} ({created.user.email}).
          </p>
          <p>
            One-time password (shown only now; give it to the user in person or by phone):{' '}
            <code className="one-time" data-testid="one-time-password">
              {created.oneTimePassword}
            </code>
          </p>
          <p>
            They must choose their own password and set up two-step sign-in when they first sign in.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setCreated(null);
            }}
          >
            I have passed it on — hide it
          </button>
        </div>
      )}
      <ErrorAlert
        problem={submit.problem}
        action="Not created"
        labels={{ displayName: 'Full name', email: 'Email', role: 'Role' }}
      />
      <form onSubmit={onSubmit} noValidate>
        <div className="grid">
          <TextField
            name="displayName"
            label="Full name"
            required
            value={displayName}
            onChange={setDisplayName}
            error={submit.fields.displayName}
          />
          <TextField
            name="email"
            label="Email"
            type="email"
            required
            value={email}
            onChange={setEmail}
            error={submit.fields.email}
          />
          <SelectField
            name="role"
            label="Role"
            required
            value={role}
            onChange={setRole}
            error={submit.fields.role}
            options={[
              { value: '', label: 'Choose…' },
              ...STAFF_ROLES.map((r) => ({ value: r, label: r })),
            ]}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            Create account
          </button>
        </div>
      </form>
    </section>
  );
}
