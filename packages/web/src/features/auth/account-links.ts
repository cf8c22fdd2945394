/**
 * The account links of the signed-in header. Anyone without an authenticator app may set one up
 * (the server lets every role enrol), not only the roles whose sign-in requires one: a ledger
 * witness needs it (safety-security.md T-44), and a nurse's sign-in does not ask for it.
 */
import type { SessionInfo } from '@ketaflow/contract';

/** Where the voluntary authenticator set-up lives (router.ts). */
export const AUTHENTICATOR_PATH = '/account/authenticator';

export interface AccountLink {
  readonly to: string;
  readonly label: string;
}

export function accountLinks(info: Pick<SessionInfo, 'mfaEnrolled'>): readonly AccountLink[] {
  return info.mfaEnrolled ? [] : [{ to: AUTHENTICATOR_PATH, label: 'Set up authenticator app' }];
}
