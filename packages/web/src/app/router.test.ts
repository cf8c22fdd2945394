/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchRoute } from './router.ts';

const id = '0b6f1a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

test('the app routes map to their screens', () => {
  assert.deepEqual(matchRoute('/'), { name: 'home' });
  assert.deepEqual(matchRoute('/patients/'), { name: 'patients' });
  assert.deepEqual(matchRoute('/patients/new'), { name: 'patient-new' });
  assert.deepEqual(matchRoute(`/patients/${id}`), { name: 'patient', id });
  assert.deepEqual(matchRoute(`/patients/${id}/edit`), { name: 'patient-edit', id });
  assert.deepEqual(matchRoute('/audit'), { name: 'audit' });
  assert.deepEqual(matchRoute('/users'), { name: 'users' });
  assert.deepEqual(matchRoute(`/courses/${id}/questionnaires`), {
    name: 'course-questionnaires',
    id,
  });
});

test('unknown or malformed paths are not found, never silently another screen', () => {
  for (const path of [
    '/patient',
    '/patients/123',
    `/patients/${id}/delete`,
    '/admin',
    `/x/patients/${id}`,
  ]) {
    assert.deepEqual(matchRoute(path), { name: 'not-found' }, path);
  }
});
