/** Second step of sign-in for an enrolled user: the 6-digit code from the authenticator app. */
import { useState, type SubmitEvent, type ReactNode } from 'react';
import { useSessionApi } from '../../app/session.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { TextField } from '../../components/field.tsx';
import { verifyMfa } from './auth-api.ts';
import { AuthFrame } from './auth-frame.tsx';

export function MfaVerify(): ReactNode {
  const { accept, signOut } = useSessionApi();
  const [code, setCode] = useState('');
  const submit = useSubmit();

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void submit.run(async () => {
      accept(await verifyMfa({ code }));
    });
  };

  return (
    <AuthFrame title="Enter your authentication code">
      <ErrorAlert problem={submit.problem} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="code"
          label="6-digit code"
          hint="From the authenticator app on your phone."
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={6}
          width="short"
          required
          value={code}
          onChange={setCode}
          error={submit.fields.code}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            Verify
          </button>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Cancel and sign out
          </button>
        </div>
      </form>
    </AuthFrame>
  );
}
