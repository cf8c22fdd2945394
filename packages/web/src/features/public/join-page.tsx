/**
 * Accepting a portal invitation (no sign-in): the link's token is in the URL fragment (never sent
 * to a server log); the patient chooses a password under the same policy as staff, then signs in.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { ErrorAlert } from '../../components/alert.tsx';
import { TextField } from '../../components/field.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { acceptInvitation } from '../portal/portal-api.ts';

export function JoinPage(): ReactNode {
  useEffect(() => {
    document.title = 'Set up your patient portal · Ketaflow';
  }, []);
  const [token] = useState(() => window.location.hash.slice(1));
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState<string | null>(null);
  const submit = useSubmit();
  if (email !== null) {
    return (
      <main id="main" style={{ maxWidth: '30rem', margin: '0 auto', padding: '1rem' }}>
        <h1>Your portal is ready</h1>
        <p role="status">
          Sign in with {email} and the password you chose. <a href="/">Go to sign-in</a>.
        </p>
      </main>
    );
  }
  return (
    <main id="main" style={{ maxWidth: '30rem', margin: '0 auto', padding: '1rem' }}>
      <h1>Set up your patient portal</h1>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            const accepted = await acceptInvitation({ token, password, displayName });
            setEmail(accepted.email);
          });
        }}
      >
        <TextField
          name="displayName"
          label="Your name"
          required
          value={displayName}
          onChange={setDisplayName}
          error={submit.fields['body.displayName']}
          autoComplete="name"
        />
        <TextField
          name="password"
          label="Choose a password"
          type="password"
          required
          value={password}
          onChange={setPassword}
          error={submit.fields['body.password']}
          hint="At least 12 characters; a few unrelated words work well."
          autoComplete="new-password"
        />
        <ErrorAlert problem={submit.problem} action="Not set up" />
        <button className="button button-primary button-large" type="submit" disabled={submit.busy}>
          Create my portal account
        </button>
      </form>
    </main>
  );
}
