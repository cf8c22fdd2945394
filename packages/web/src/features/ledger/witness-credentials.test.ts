/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  codeField,
  emptyWitness,
  TOTP_CODE_PATTERN,
  witnessCredentials,
  withoutSecrets,
} from './witness-credentials.ts';

test('a typed authenticator code is sent trimmed; a blank one is left out', () => {
  assert.deepEqual(witnessCredentials({ email: 'w@x.test', password: 'pw', totp: ' 123456 ' }), {
    email: 'w@x.test',
    password: 'pw',
    totpCode: '123456',
  });
  const none = witnessCredentials({ email: 'w@x.test', password: 'pw', totp: '  ' });
  assert.equal('totpCode' in none, false);
});

test('email and password are sent as typed (the server names a bad field, nothing is repaired)', () => {
  const sent = witnessCredentials({ email: ' w@x.test ', password: ' pw ', totp: '' });
  assert.equal(sent.email, ' w@x.test ');
  assert.equal(sent.password, ' pw ');
  assert.deepEqual(witnessCredentials(emptyWitness), { email: '', password: '' });
});

test('after a send the witness keeps the email but must type password and code again', () => {
  assert.deepEqual(withoutSecrets({ email: 'w@x.test', password: 'pw', totp: '123456' }), {
    email: 'w@x.test',
    password: '',
    totp: '',
  });
});

test('a ledger witness must give an authenticator code, and the label says so (T-44)', () => {
  const field = codeField('Witness', 'required');
  assert.equal(field.required, true);
  assert.equal(field.label, 'Witness authenticator code (required)');
  assert.match(field.hint ?? '', /Set up authenticator app/);
});

test("the rate change's second clinician gives one only when they have an app (T-37)", () => {
  assert.deepEqual(codeField('Second clinician', 'when-enrolled'), {
    label: 'Second clinician authenticator code',
    hint: undefined,
    required: false,
  });
});

test('the browser lets through exactly six digits as a code (as an HTML pattern, whole value)', () => {
  const pattern = new RegExp(`^(?:${TOTP_CODE_PATTERN})$`, 'v');
  for (const ok of ['123456', '000000']) assert.equal(pattern.test(ok), true, ok);
  for (const bad of ['', '12345', '1234567', '12 456', '12a456', '١٢٣٤٥٦', ' 123456']) {
    assert.equal(pattern.test(bad), false, bad);
  }
});
