/** The order of sign-in steps: enrolled factor, then password replacement, then enrolment, clinic. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextStep, type SessionProgress } from './next-step.ts';

const ready: SessionProgress = {
  mfaEnrolled: true,
  mfaPassed: true,
  mfaRequired: true,
  passwordMustChange: false,
  activeRole: 'admin',
};

test('each missing step is named, earliest first', () => {
  assert.equal(nextStep(ready), 'ready');
  assert.equal(nextStep({ ...ready, mfaPassed: false, passwordMustChange: true }), 'mfa-verify');
  assert.equal(
    nextStep({ ...ready, passwordMustChange: true, activeRole: null }),
    'password-change',
  );
  assert.equal(
    nextStep({ ...ready, mfaEnrolled: false, mfaPassed: false, activeRole: null }),
    'mfa-enrol',
  );
  assert.equal(nextStep({ ...ready, activeRole: null }), 'clinic-select');
});

test('a factor that is neither enrolled nor required is never asked for', () => {
  const nurse = { ...ready, mfaEnrolled: false, mfaPassed: false, mfaRequired: false };
  assert.equal(nextStep({ ...nurse, activeRole: 'nurse' }), 'ready');
});
