/** Authorization-matrix request fixtures for the questionnaire, alert and portal routes (issue 5). */
import { randomUUID } from 'node:crypto';
import type { RouteFixture } from '../testing/route-requests.ts';

export const QUESTIONNAIRE_REQUESTS: Readonly<Record<string, RouteFixture>> = {
  'POST /api/v1/portal/questionnaire-responses': {
    build: () =>
      Promise.resolve({
        body: { id: randomUUID(), instrumentId: 'nrs-0-10', answers: { nrs: 3 } },
      }),
  },
  // No alert exists in the matrix clinics: everyone gets 403 or 404 (acknowledging is tested in
  // questionnaires/crisis-alert.int.test.ts).
  'POST /api/v1/alerts/{alertId}/acknowledge': {
    build: () => Promise.resolve({ params: { alertId: randomUUID() }, body: { version: 1 } }),
  },
};
