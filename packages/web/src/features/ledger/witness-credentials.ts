/**
 * What a witness types at the moment of witnessing (T-44) → the credentials the API takes, and how
 * the authenticator code is asked. A ledger witness must give one (T-44: password + MFA); the rate
 * change's double check asks it only of a checker who has an app (T-37), as the server does
 * (server ledger/witness.ts, WitnessPurpose.secondFactor). The code is sent only when typed;
 * nothing else is trimmed or repaired: the server names a bad field and stays the authority.
 */
import type { WitnessCredentials } from '@ketaflow/contract';

export interface WitnessInput {
  readonly email: string;
  readonly password: string;
  readonly totp: string;
}

export const emptyWitness: WitnessInput = { email: '', password: '', totp: '' };

export function witnessCredentials(input: WitnessInput): WitnessCredentials {
  const code = input.totp.trim();
  return {
    email: input.email,
    password: input.password,
    ...(code === '' ? {} : { totpCode: code }),
  };
}

/** After a send, the secrets are cleared: a retry means the witness signs again (pending-entry.ts). */
export const withoutSecrets = (input: WitnessInput): WitnessInput => ({
  email: input.email,
  password: '',
  totp: '',
});

/** `required` for a ledger witness; `when-enrolled` for the rate change's second clinician. */
export type SecondFactorRule = 'required' | 'when-enrolled';

/** A TOTP code (RFC 6238, 6 digits), as an HTML `pattern`: checked by the browser before sending. */
export const TOTP_CODE_PATTERN = '[0-9]{6}';

export interface CodeField {
  readonly label: string;
  readonly hint: string | undefined;
  readonly required: boolean;
}

/** How the code input of `who` ("Witness", "First witness") is labelled and whether it must be filled. */
export function codeField(who: string, rule: SecondFactorRule): CodeField {
  return rule === 'required'
    ? {
        label: `${who} authenticator code (required)`,
        hint:
          "6 digits from the witness's own authenticator app. A witness without one sets it up " +
          'first: signed in as themselves, with "Set up authenticator app" at the top of the page.',
        required: true,
      }
    : { label: `${who} authenticator code`, hint: undefined, required: false };
}
