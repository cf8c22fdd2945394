/**
 * TOTP enrolment: the server makes a secret and shows it as a QR code and as text (for manual entry
 * or when the camera cannot be used); the user confirms with a first code. Nothing counts as
 * enrolled until the server accepts that code. A sign-in step for the roles that require it; the
 * same screen inside the app for anyone who sets one up by choice (authenticator-page.tsx).
 */
import type { MfaEnrolment } from '@ketaflow/contract';
import { useEffect, useState, type SubmitEvent, type ReactNode } from 'react';
import { ApiError, type ApiProblem } from '../../api/problem.ts';
import { useSessionApi } from '../../app/session.tsx';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { TextField } from '../../components/field.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { confirmMfaEnrolment, startMfaEnrolment } from './auth-api.ts';
import { AuthFrame } from './auth-frame.tsx';

/** `ABCDEFGH…` → `ABCD EFGH …` so the secret can be read out and typed in groups. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Set up by choice: shown in the app's frame, with an introduction and a cancel that stays signed in. */
export interface VoluntaryEnrolment {
  readonly intro: ReactNode;
  readonly onCancel: () => void;
}

export function MfaEnrol(props: { readonly voluntary?: VoluntaryEnrolment }): ReactNode {
  const { voluntary } = props;
  const { accept, signOut } = useSessionApi();
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [code, setCode] = useState('');
  const submit = useSubmit();

  useEffect(() => {
    // Each start makes a new pending secret on the server: only the latest answer may be shown.
    let current = true;
    startMfaEnrolment().then(
      (answer) => {
        if (current) setEnrolment(answer);
      },
      (error: unknown) => {
        if (current && error instanceof ApiError) setLoadProblem(error.problem);
      },
    );
    return () => {
      current = false;
    };
  }, []);

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void submit.run(async () => {
      accept(await confirmMfaEnrolment({ code }));
    });
  };

  // Inside the app's <main> the page frame; as a sign-in step, the sign-in card (its own <main>).
  const Frame = voluntary === undefined ? AuthFrame : Page;
  return (
    <Frame
      title={voluntary === undefined ? 'Set up two-step sign-in' : 'Set up an authenticator app'}
    >
      {voluntary?.intro}
      <ErrorAlert problem={loadProblem} />
      {enrolment === null ? (
        loadProblem === null ? (
          <Loading what="your authenticator secret" />
        ) : null
      ) : (
        <>
          <ol>
            <li>Open an authenticator app on your phone and add an account.</li>
            <li>
              Scan this QR code, or type the secret below.
              <img
                className="qr"
                src={enrolment.qrCodePngDataUrl}
                alt="QR code of the authenticator secret shown below as text"
              />
              <p>
                Secret:{' '}
                <code className="secret" data-testid="mfa-secret">
                  {groupSecret(enrolment.secret)}
                </code>
              </p>
            </li>
            <li>Enter the 6-digit code the app shows.</li>
          </ol>
          <ErrorAlert problem={submit.problem} />
          <form onSubmit={onSubmit} noValidate>
            <TextField
              name="code"
              label="6-digit code"
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
                {voluntary === undefined ? 'Confirm and continue' : 'Confirm'}
              </button>
              {voluntary === undefined ? (
                <button type="button" className="link-button" onClick={() => void signOut()}>
                  Cancel and sign out
                </button>
              ) : (
                <button type="button" className="link-button" onClick={voluntary.onCancel}>
                  Cancel
                </button>
              )}
            </div>
          </form>
        </>
      )}
    </Frame>
  );
}
