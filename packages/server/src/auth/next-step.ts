/**
 * What a signed-in session still has to do before it may reach clinic data. The order matters: an
 * enrolled second factor is checked before anything else (a stolen password alone changes nothing),
 * then a one-time password is replaced, then a required factor is enrolled, then a clinic is chosen.
 */
import type { AuthNext } from '@ketaflow/contract';

export interface SessionProgress {
  readonly mfaEnrolled: boolean;
  readonly mfaPassed: boolean;
  readonly mfaRequired: boolean;
  readonly passwordMustChange: boolean;
  /** Role in the active clinic; null when no clinic is chosen (or the membership is gone). */
  readonly activeRole: string | null;
}

export function nextStep(session: SessionProgress): AuthNext {
  if (session.mfaEnrolled && !session.mfaPassed) return 'mfa-verify';
  if (session.passwordMustChange) return 'password-change';
  if (session.mfaRequired && !session.mfaEnrolled) return 'mfa-enrol';
  if (session.activeRole === null) return 'clinic-select';
  return 'ready';
}

/** The refusal for a request that needs a step not yet done. */
export const STEP_REFUSALS: Record<Exclude<AuthNext, 'ready'>, { code: string; detail: string }> = {
  'mfa-verify': {
    code: 'auth.mfa-required',
    detail: 'Enter the code from your authenticator app first.',
  },
  'password-change': {
    code: 'auth.password-change-required',
    detail: 'Replace your one-time password first.',
  },
  'mfa-enrol': {
    code: 'auth.mfa-enrolment-required',
    detail: 'Your role needs a second factor: set up an authenticator app first.',
  },
  'clinic-select': {
    code: 'auth.clinic-required',
    detail: 'Choose a clinic first.',
  },
};
