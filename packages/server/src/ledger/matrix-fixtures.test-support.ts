/**
 * Authorization-matrix fixtures (access/authorization-matrix.int.test.ts) for the ledger routes:
 * each builds what the request needs in the target clinic through the API as that clinic's admin
 * and returns a request that succeeds for an allowed role.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SESSION_REQUESTS } from '../sessions/matrix-fixtures.test-support.ts';
import { createTestPatient } from '../testing/harness.ts';
import type { FixtureContext, RouteFixture } from '../testing/route-fixture.ts';

const unique = (): string => randomBytes(6).toString('hex');

/** A new storage location of the target clinic, made by its admin. */
async function ledgerLocationOf(fx: FixtureContext): Promise<string> {
  const id = randomUUID();
  const response = await fx.app.inject({
    method: 'POST',
    url: '/api/v1/ledger/locations',
    headers: fx.admin.headers(),
    payload: { id, name: `Safe ${unique()}` },
  });
  if (response.statusCode !== 201) throw new Error(`ledger location fixture: ${response.body}`);
  return id;
}

/** A receipt of two 10 mL vials of 50 mg/mL into `locationId` (fictional NDC and supplier). */
const receiptBody = (locationId: string) => ({
  type: 'receive',
  id: randomUUID(),
  occurredAt: '2026-11-25T15:00:00.000Z',
  locationId,
  ndc: '00000-0000-01',
  lot: `LOT-${unique()}`,
  expiry: '2028-01-31',
  strengthUgPerMl: 50_000,
  containerVolumeUl: 10_000,
  containers: 2,
  supplierName: 'Example Wholesale (fictional)',
  supplierDeaNumber: 'AB1234563',
  orderReference: `PO-${unique()}`,
});

export const LEDGER_REQUESTS: Readonly<Record<string, RouteFixture>> = {
  'POST /api/v1/ledger/locations': {
    build: () => Promise.resolve({ body: { id: randomUUID(), name: `Safe ${unique()}` } }),
  },
  'POST /api/v1/ledger/entries': {
    build: async (fx) => ({ body: receiptBody(await ledgerLocationOf(fx)) }),
  },
  'GET /api/v1/ledger/reports/lot': {
    build: async (fx) => {
      const receipt = receiptBody(await ledgerLocationOf(fx));
      await fx.app.inject({
        method: 'POST',
        url: '/api/v1/ledger/entries',
        headers: fx.admin.headers(),
        payload: receipt,
      });
      return {
        query: { ndc: receipt.ndc, lot: receipt.lot, from: '2026-01-01', to: '2026-12-31' },
      };
    },
  },
  'GET /api/v1/ledger/reports/patients/{patientId}': {
    build: async (fx) => ({
      params: { patientId: await createTestPatient(fx.app, fx.admin) },
      query: { from: '2026-01-01', to: '2026-12-31' },
    }),
  },
  'GET /api/v1/ledger/sessions/{sessionId}/administration': {
    // A fresh scheduled session of the target clinic, as the sessions fixtures build it.
    build: async (fx) => {
      const built = await SESSION_REQUESTS['GET /api/v1/sessions/{id}']?.build?.(fx);
      const id = built?.params?.id;
      if (id === undefined) throw new Error('ledger session fixture: no session');
      return { params: { sessionId: id } };
    },
  },
  'GET /api/v1/ledger/reports/inventory': {
    build: () => Promise.resolve({ query: { date: '2026-11-25', basis: 'close' } }),
  },
};
