/** Authorization-matrix request fixtures for the questionnaire, alert and portal routes (issue 5). */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ensureConsentText } from '../consent/service.ts';
import { course } from '../courses/matrix-fixtures.test-support.ts';
import { portalInvitations } from '../portal/schema.ts';
import { issueFormToken } from '../referrals/form-token.ts';
import { createTestPatient } from '../testing/harness.ts';
import type { RouteFixture } from '../testing/route-fixture.ts';

const courseTarget: RouteFixture = {
  build: async (fx) => ({ params: { courseId: await course(fx) } }),
};

export const QUESTIONNAIRE_REQUESTS: Readonly<Record<string, RouteFixture>> = {
  'GET /api/v1/courses/{courseId}/questionnaire-schedule': courseTarget,
  'GET /api/v1/courses/{courseId}/questionnaire-schedule/history': courseTarget,
  'PUT /api/v1/courses/{courseId}/questionnaire-schedule': {
    build: async (fx) => ({
      params: { courseId: await course(fx) },
      body: {
        version: 0,
        followUpDaysAfterLastSession: 28,
        items: [
          {
            id: 'diary',
            instrumentId: 'nrs-0-10',
            trigger: { type: 'daily', graceDays: 0, expiresAfterDays: 1 },
          },
        ],
        changeNote: 'Matrix edit',
      },
    }),
  },
  'POST /api/v1/portal/questionnaire-responses': {
    build: () =>
      Promise.resolve({
        body: { id: randomUUID(), instrumentId: 'nrs-0-10', answers: { nrs: 3 } },
      }),
  },
  'POST /api/v1/portal/consent-attestations': {
    build: async (fx) => {
      const now = fx.app.clock.now();
      const text = await fx.app.database.db.transaction((tx) =>
        ensureConsentText(tx, fx.clinicId, now),
      );
      // The matrix's patient callers are the harness's fictional patient.
      const body = { id: randomUUID(), consentTextId: text.id, confirmed: true };
      return { body: { ...body, attestedName: 'Zebediah Quuxington' } };
    },
  },
  // No attestation exists in the matrix clinics: everyone gets 403 or 404.
  'POST /api/v1/patients/{patientId}/consent-attestations/{attestationId}/countersign': {
    build: async (fx) => ({
      params: { patientId: await createTestPatient(fx.app, fx.admin), attestationId: randomUUID() },
      body: {},
    }),
  },
  'POST /api/v1/patients/{patientId}/portal-invitations': {
    build: () =>
      Promise.resolve({ body: { id: randomUUID(), email: `inv-${randomUUID()}@example.test` } }),
  },
  'POST /api/v1/portal/invitations/accept': {
    build: async (fx) => {
      const token = randomBytes(32).toString('base64url');
      const now = fx.app.clock.now();
      await fx.app.database.db.insert(portalInvitations).values({
        id: randomUUID(),
        clinicId: fx.clinicId,
        patientId: await createTestPatient(fx.app, fx.admin),
        email: `accept-${randomUUID()}@example.test`,
        tokenHash: createHash('sha256').update(token).digest('hex'),
        expiresAt: new Date(now.getTime() + 60_000),
        requestHash: 'matrix',
        createdBy: fx.admin.userId,
        createdAt: now,
      });
      return { body: { token, password: 'matrix portal passphrase 12', displayName: 'Matrix' } };
    },
  },
  'POST /api/v1/public/referrals': {
    build: (fx) => {
      // A token issued 10 s ago: past the minimum fill time.
      const issued = new Date(fx.app.clock.now().getTime() - 10_000);
      const formToken = issueFormToken(fx.clinicId, issued);
      const body = { id: randomUUID(), clinicId: fx.clinicId, formToken, name: 'Matrix Referral' };
      return Promise.resolve({
        body: { ...body, email: 'm@example.test', condition: 'crps', consentToContact: true },
      });
    },
  },
  'PATCH /api/v1/referrals/{referralId}': {
    build: () =>
      Promise.resolve({
        params: { referralId: randomUUID() },
        body: { version: 1, status: 'contacted' },
      }),
  },
  // No alert exists in the matrix clinics: everyone gets 403 or 404 (acknowledging is tested in
  // questionnaires/crisis-alert.int.test.ts).
  'POST /api/v1/alerts/{alertId}/acknowledge': {
    build: () => Promise.resolve({ params: { alertId: randomUUID() }, body: { version: 1 } }),
  },
};
