/**
 * Authorization-matrix fixtures (access/authorization-matrix.int.test.ts) for the medication routes
 * and the analytics reads: requests that succeed for an allowed role in the target clinic.
 */
import { randomUUID } from 'node:crypto';
import { CDC_2022_MME_FACTORS } from '@ketaflow/core';
import { createTestPatient } from '../testing/harness.ts';
import type { FixtureContext, RouteFixture } from '../testing/route-fixture.ts';
import { patientMedications } from './schema.ts';

const line = () => ({
  id: randomUUID(),
  drug: 'oxycodone',
  doseMg: 5,
  timesPerDay: 2,
  startDate: '2026-01-01',
});

/** A patient of the target clinic with one medication line, written directly (admins cannot). */
async function lineOf(fx: FixtureContext): Promise<{ patientId: string; medicationId: string }> {
  const patientId = await createTestPatient(fx.app, fx.admin);
  const l = line();
  await fx.app.database.db.insert(patientMedications).values({
    id: l.id,
    clinicId: fx.clinicId,
    patientId,
    medicationId: l.id,
    version: 1,
    drug: l.drug,
    doseMg: l.doseMg,
    timesPerDay: l.timesPerDay,
    startDate: l.startDate,
    mmePerDay: 15,
    factorTableId: CDC_2022_MME_FACTORS.ref.id,
    factorTableVersion: CDC_2022_MME_FACTORS.ref.version,
    requestHash: 'fixture',
    recordedBy: fx.admin.userId,
    recordedAt: new Date(),
  });
  return { patientId, medicationId: l.id };
}

export const OUTCOME_REQUESTS: Readonly<Record<string, RouteFixture>> = {
  'POST /api/v1/patients/{patientId}/medications': {
    build: () => Promise.resolve({ body: line() }),
  },
  'PUT /api/v1/patients/{patientId}/medications/{medicationId}': {
    build: async (fx) => {
      const params = await lineOf(fx);
      const { id: _id, ...dose } = line();
      return {
        params,
        body: { ...dose, id: randomUUID(), version: 1, reason: 'Dose reduced' },
      };
    },
  },
  'GET /api/v1/patients/{patientId}/mme': {
    build: () => Promise.resolve({ query: { from: '2026-01-01', to: '2026-01-31' } }),
  },
  'POST /api/v1/patients/{patientId}/research-consent': {
    build: () => Promise.resolve({ body: { id: randomUUID(), granted: true } }),
  },
  'POST /api/v1/analytics/cohorts/summary': {
    build: () => Promise.resolve({ body: { filter: {} } }),
  },
  'POST /api/v1/analytics/cohorts/compare': {
    build: () => Promise.resolve({ body: { a: {}, b: { sexes: ['female'] } } }),
  },
};
