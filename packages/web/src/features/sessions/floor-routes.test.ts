/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchRoute } from '../../app/router.ts';

const id = '0f9b2a4e-6c1d-4e8a-9b7f-3d2c1a0e5f67';

test('clinic-floor paths map to their screens with the id', () => {
  assert.deepEqual(matchRoute(`/patients/${id}/courses`), { name: 'patient-courses', id });
  assert.deepEqual(matchRoute(`/patients/${id}/screening`), { name: 'screening', id });
  assert.deepEqual(matchRoute(`/courses/${id}`), { name: 'course', id });
  assert.deepEqual(matchRoute(`/orders/${id}/`), { name: 'order', id });
  assert.deepEqual(matchRoute(`/sessions/${id}`), { name: 'session', id });
  assert.deepEqual(matchRoute('/board'), { name: 'board' });
  assert.deepEqual(matchRoute('/ledger'), { name: 'ledger' });
  assert.deepEqual(matchRoute(`/patients/${id}/intake`), { name: 'intake', id });
  assert.deepEqual(matchRoute(`/patients/${id}/consent`), { name: 'consent', id });
  assert.deepEqual(matchRoute(`/sessions/${id}/summary`), { name: 'session-summary', id });
});

test('malformed floor ids are not found, never another screen', () => {
  assert.deepEqual(matchRoute('/courses/123'), { name: 'not-found' });
  assert.deepEqual(matchRoute(`/sessions/${id}/x`), { name: 'not-found' });
});
