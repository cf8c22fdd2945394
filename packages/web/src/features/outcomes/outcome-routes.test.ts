/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchRoute } from '../../app/router.ts';
import { canExportResearch, canSeeAnalytics, canSeeOutcomes } from './access.ts';

const id = '0b6f1a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

test('outcome, analytics and research routes map to their screens', () => {
  assert.deepEqual(matchRoute(`/patients/${id}/outcomes`), { name: 'patient-outcomes', id });
  assert.deepEqual(matchRoute('/analytics'), { name: 'analytics' });
  assert.deepEqual(matchRoute('/research/'), { name: 'research-export' });
  assert.deepEqual(matchRoute('/patients/123/outcomes'), { name: 'not-found' });
});

test('the screens are offered to the roles the server lets read them', () => {
  assert.deepEqual(
    (['prescriber', 'nurse', 'researcher', 'admin', 'coordinator', 'patient'] as const).map((r) => [
      r,
      canSeeOutcomes(r),
      canSeeAnalytics(r),
      canExportResearch(r),
    ]),
    [
      ['prescriber', true, true, false],
      ['nurse', true, false, false],
      ['researcher', false, true, true],
      ['admin', false, false, false],
      ['coordinator', false, false, false],
      ['patient', false, false, false],
    ],
  );
});
