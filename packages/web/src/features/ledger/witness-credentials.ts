/**
 * What a witness types at the moment of witnessing (T-44) → the credentials the API takes. The
 * authenticator code is sent only when typed (the server requires it of witnesses who have one);
 * nothing else is trimmed or repaired: the server names a bad field.
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
