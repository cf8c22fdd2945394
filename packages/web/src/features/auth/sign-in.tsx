/** Sign-in with email and password; the server decides which step comes next. */
import { useState, type SubmitEvent, type ReactNode } from 'react';
import { useSessionApi } from '../../app/session.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { TextField } from '../../components/field.tsx';
import { signIn } from './auth-api.ts';
import { AuthFrame } from './auth-frame.tsx';

export function SignIn(props: { readonly notice: string | null }): ReactNode {
  const { accept } = useSessionApi();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = useSubmit();

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void submit.run(async () => {
      const info = await signIn({ email, password });
      setPassword('');
      accept(info);
    });
  };

  return (
    <AuthFrame title="Sign in">
      <StatusMessage message={props.notice} />
      <ErrorAlert problem={submit.problem} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
          error={submit.fields.email}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          error={submit.fields.password}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submit.busy}>
            {submit.busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </AuthFrame>
  );
}
