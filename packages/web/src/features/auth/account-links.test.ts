/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchRoute } from '../../app/router.ts';
import { accountLinks, AUTHENTICATOR_PATH } from './account-links.ts';

test('a user without an authenticator app is offered to set one up, whatever the role requires', () => {
  assert.deepEqual(accountLinks({ mfaEnrolled: false }), [
    { to: AUTHENTICATOR_PATH, label: 'Set up authenticator app' },
  ]);
});

test('a user who has one set up is not offered it again', () => {
  assert.deepEqual(accountLinks({ mfaEnrolled: true }), []);
});

test('the set-up link leads to its own screen, never to not-found', () => {
  assert.deepEqual(matchRoute(AUTHENTICATOR_PATH), { name: 'authenticator' });
  assert.deepEqual(matchRoute(`${AUTHENTICATOR_PATH}/`), { name: 'authenticator' });
});
