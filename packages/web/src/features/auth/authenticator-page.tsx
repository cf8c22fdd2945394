/**
 * Setting up an authenticator app by choice, from the account link in the header, for a user whose
 * role does not require one at sign-in (a nurse who witnesses ledger entries needs one, T-44). The
 * enrolment screen is the sign-in step's (mfa-enrol.tsx); once the server accepts the first code the
 * session says so and this page confirms it. Sign-in asks for a code from then on.
 */
import type { ReactNode } from 'react';
import { useReadySession } from '../../app/session.tsx';
import { navigate } from '../../app/router.ts';
import { Link } from '../../components/link.tsx';
import { Page } from '../../components/page.tsx';
import { MfaEnrol } from './mfa-enrol.tsx';

export function AuthenticatorPage(): ReactNode {
  const { info } = useReadySession();
  if (!info.mfaEnrolled) {
    return (
      <MfaEnrol
        voluntary={{
          intro: (
            <p>
              With an authenticator app you can witness controlled-substance entries (waste,
              destruction, corrections): a witness gives their password and the app&apos;s code.
              Once it is set up, signing in asks for a code from the app too.
            </p>
          ),
          onCancel: () => {
            navigate('/');
          },
        }}
      />
    );
  }
  return (
    <Page title="Authenticator app">
      <p role="status">
        An authenticator app is set up for your account. Signing in asks for its code, and so does
        witnessing a ledger entry.
      </p>
      <p>
        <Link to="/">Back to the start page</Link>
      </p>
    </Page>
  );
}
