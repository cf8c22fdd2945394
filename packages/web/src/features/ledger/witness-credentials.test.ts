/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyWitness, witnessCredentials, withoutSecrets } from './witness-credentials.ts';

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
