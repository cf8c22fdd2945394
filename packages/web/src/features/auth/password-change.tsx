/**
 * Forced password change (one-time passwords from an administrator must be replaced at first
 * sign-in). The policy (length, common-password list) is the server's; its message is shown beside
 * the new-password input.
 */
import { useState, type SubmitEvent, type ReactNode } from 'react';
import { useSessionApi } from '../../app/session.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { TextField } from '../../components/field.tsx';
import { changePassword } from './auth-api.ts';
import { AuthFrame } from './auth-frame.tsx';

export function PasswordChange(): ReactNode {
  const { accept, signOut } = useSessionApi();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const submit = useSubmit();

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (newPassword !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    void submit.run(async () => {
      accept(await changePassword({ currentPassword, newPassword }));
    });
  };

  return (
    <AuthFrame title="Choose a new password">
      <p>Your password was set by an administrator. Choose your own before you continue.</p>
      <ErrorAlert problem={submit.problem} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="currentPassword"
          label="Current (one-time) password"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={setCurrent}
          error={submit.fields.currentPassword}
        />
        <TextField
          name="newPassword"
          label="New password"
          hint="At least 12 characters; a long phrase is easiest to remember. Common passwords are refused."
          type="password"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={setNew}
          error={submit.fields.newPassword}
        />
        <TextField
          name="repeatPassword"
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={setRepeat}
          error={mismatch ? 'Does not match the new password; type it again.' : undefined}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            Save new password
          </button>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Cancel and sign out
          </button>
        </div>
      </form>
    </AuthFrame>
  );
}
