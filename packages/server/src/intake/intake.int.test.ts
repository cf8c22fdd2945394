/**
 * Intake over HTTP: versioned saves (stale → 409), idempotent retries, role rules (coordinators write
 * only the referral section; researchers see nothing), field-named rejections, MME from core stored
 * with its factor table, weights, and append-only storage.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startTestApp } from '../testing/harness.ts';
import {
  createPatient,
  ELIGIBLE_SECTIONS,
  get,
  post,
  put,
  signInTeam,
} from './fixtures.test-support.ts';

const t = await startTestApp();
after(() => t.close());
const team = await signInTeam(t.app);
const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();

test('save, read, stale version 409, history keeps every version with reason and author', async () => {
  const patientId = await createPatient(t.app, team.admin);
  const url = `/api/v1/patients/${patientId}/intake`;
  assert.equal((await get(t.app, team.nurse, url)).statusCode, 404);
  const first = await put(t.app, team.nurse, url, {
    id: randomUUID(),
    version: 0,
    reason: 'Initial intake',
    sections: ELIGIBLE_SECTIONS,
    weight: { weightKg: 70, heightCm: 170, measuredAt: minutesAgo(5) },
  });
  assert.equal(first.statusCode, 201, first.body);
  const v1 = first.json<{ version: number; latestWeight: { weightKg: number } }>();
  assert.equal(v1.version, 1);
  assert.equal(v1.latestWeight.weightKg, 70);

  const second = await put(t.app, team.prescriber, url, {
    id: randomUUID(),
    version: 1,
    reason: 'Pain duration corrected',
    sections: { painHistory: { durationMonths: 24 } },
  });
  assert.equal(second.statusCode, 201, second.body);
  const v2 = second.json<{ version: number; document: typeof ELIGIBLE_SECTIONS }>();
  assert.equal(v2.version, 2);
  assert.deepEqual(v2.document.painHistory, { durationMonths: 24 });
  assert.deepEqual(
    v2.document.diagnoses,
    ELIGIBLE_SECTIONS.diagnoses,
    'other sections carried over',
  );

  const stale = await put(t.app, team.nurse, url, {
    id: randomUUID(),
    version: 1,
    reason: 'Edit of an old screen',
    sections: { painHistory: { durationMonths: 6 } },
  });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json<{ code: string }>().code, 'intake.version-conflict');

  const history = await get(t.app, team.coordinator, `${url}/history`);
  assert.equal(history.statusCode, 200);
  const items = history.json<{ items: { version: number; reason: string; recordedBy: string }[] }>()
    .items;
  assert.deepEqual(
    items.map((i) => [i.version, i.reason, i.recordedBy]),
    [
      [2, 'Pain duration corrected', team.prescriber.userId],
      [1, 'Initial intake', team.nurse.userId],
    ],
  );
});

test('a retry with the same id returns the original; the same id with another body is 409', async () => {
  const patientId = await createPatient(t.app, team.admin);
  const url = `/api/v1/patients/${patientId}/intake`;
  const body = { id: randomUUID(), version: 0, reason: 'Initial', sections: ELIGIBLE_SECTIONS };
  const first = await put(t.app, team.nurse, url, body);
  assert.equal(first.statusCode, 201);
  const retry = await put(t.app, team.nurse, url, body);
  assert.equal(retry.statusCode, 200);
  assert.deepEqual(retry.json(), first.json());
  const reused = await put(t.app, team.nurse, url, { ...body, reason: 'Something else' });
  assert.equal(reused.statusCode, 409);
  assert.equal(reused.json<{ code: string }>().code, 'idempotency.key-reused');
  const history = await get(t.app, team.nurse, `${url}/history`);
  assert.equal(history.json<{ items: unknown[] }>().items.length, 1, 'no duplicate version');
});

test('roles: coordinator writes the referral only; researcher and admin see nothing', async () => {
  const patientId = await createPatient(t.app, team.admin);
  const url = `/api/v1/patients/${patientId}/intake`;
  const clinical = await put(t.app, team.coordinator, url, {
    id: randomUUID(),
    version: 0,
    reason: 'Intake',
    sections: { referral: { reasonForReferral: 'CRPS' }, diagnoses: ELIGIBLE_SECTIONS.diagnoses },
  });
  assert.equal(clinical.statusCode, 403);
  const referral = await put(t.app, team.coordinator, url, {
    id: randomUUID(),
    version: 0,
    reason: 'Referral received',
    sections: { referral: { reasonForReferral: 'CRPS', referralDate: '2026-10-01' } },
  });
  assert.equal(referral.statusCode, 201, referral.body);
  const weighed = await post(t.app, team.coordinator, `/api/v1/patients/${patientId}/weights`, {
    id: randomUUID(),
    weightKg: 70,
    measuredAt: minutesAgo(1),
  });
  assert.equal(weighed.statusCode, 403);
  for (const who of [team.researcher, team.admin]) {
    assert.equal((await get(t.app, who, url)).statusCode, 403);
    assert.equal((await get(t.app, who, `/api/v1/patients/${patientId}/weights`)).statusCode, 403);
  }
});

test('bad input is rejected with the field named, never repaired', async () => {
  const patientId = await createPatient(t.app, team.admin);
  const url = `/api/v1/patients/${patientId}/intake`;
  const save = (sections: unknown, extra: object = {}) =>
    put(t.app, team.nurse, url, {
      id: randomUUID(),
      version: 0,
      reason: 'Intake',
      sections,
      ...extra,
    });
  const cases: [unknown, object, string][] = [
    [{ diagnoses: [{ code: 'g90.521', text: 'CRPS' }] }, {}, 'body.sections.diagnoses.0.code'],
    [{ diagnoses: [{ code: 'G90521', text: 'CRPS' }] }, {}, 'body.sections.diagnoses.0.code'],
    [{ painHistory: { durationMonths: 2.5 } }, {}, 'body.sections.painHistory.durationMonths'],
    [{ pregnancy: { status: 'maybe' } }, {}, 'body.sections.pregnancy.status'],
    [
      { referral: { reasonForReferral: ' padded' } },
      {},
      'body.sections.referral.reasonForReferral',
    ],
    [
      {
        vitals: {
          measuredAt: minutesAgo(1),
          systolicBpMmHg: 1200,
          diastolicBpMmHg: 80,
          heartRateBpm: 70,
          spo2Percent: 98,
          respiratoryRatePerMin: 14,
        },
      },
      {},
      'body.sections.vitals.systolicBpMmHg',
    ],
    [
      {
        medications: [
          { name: 'Mystery', opioid: { drug: 'unobtainium', doseMg: 5, timesPerDay: 2 } },
        ],
      },
      {},
      'body.sections.medications.0.opioid.drug',
    ],
    [{}, { weight: { weightKg: 70.25, measuredAt: minutesAgo(1) } }, 'body.weight.weightKg'],
    [
      {},
      { weight: { weightKg: 70, measuredAt: new Date(Date.now() + 3_600_000).toISOString() } },
      'body.weight.measuredAt',
    ],
  ];
  for (const [sections, extra, field] of cases) {
    const response = await save(sections, extra);
    assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
    assert.equal(response.json<{ field: string }>().field, field, response.body);
  }
  const history = await get(t.app, team.nurse, `${url}/history`);
  assert.equal(history.json<{ items: unknown[] }>().items.length, 0, 'nothing half-written');
});

test('opioid MME comes from core with the factor table id@version (CDC 2022: oxycodone × 1.5)', async () => {
  const patientId = await createPatient(t.app, team.admin);
  const response = await put(t.app, team.nurse, `/api/v1/patients/${patientId}/intake`, {
    id: randomUUID(),
    version: 0,
    reason: 'Intake',
    sections: {
      medications: [
        { name: 'Gabapentin 300 mg', sig: '300 mg three times a day' },
        { name: 'Oxycodone 10 mg', opioid: { drug: 'oxycodone', doseMg: 10, timesPerDay: 3 } },
      ],
    },
  });
  assert.equal(response.statusCode, 201, response.body);
  const mme = response.json<{
    mme: { totalMmePerDay: number; factorTable: { id: string; version: string } };
  }>().mme;
  // 10 mg × 3 per day = 30 mg/day × 1.5 (CDC 2022 Table, oxycodone) = 45 MME/day; exact.
  assert.equal(mme.totalMmePerDay, 45);
  assert.deepEqual(mme.factorTable, { id: 'cdc-2022-mme-factors', version: '1.0.0' });
});

test('weights: listed newest first; intake versions and weights are append-only in the database', async () => {
  const patientId = await createPatient(t.app, team.admin);
  const url = `/api/v1/patients/${patientId}/weights`;
  for (const [kg, ago] of [
    [70, 60],
    [70.4, 5],
  ] as const) {
    const r = await post(t.app, team.nurse, url, {
      id: randomUUID(),
      weightKg: kg,
      heightCm: 170,
      measuredAt: minutesAgo(ago),
    });
    assert.equal(r.statusCode, 201, r.body);
  }
  const list = await get(t.app, team.coordinator, url);
  assert.deepEqual(
    list.json<{ items: { weightKg: number }[] }>().items.map((w) => w.weightKg),
    [70.4, 70],
  );
  for (const table of ['weight_measurements', 'intake_versions']) {
    await assert.rejects(
      t.database.db.execute(sql.raw(`UPDATE ${table} SET recorded_at = now()`)),
      (e: unknown) =>
        /append-only|permission denied/.test(String((e as { cause?: unknown }).cause ?? e)),
    );
    await assert.rejects(t.database.db.execute(sql.raw(`DELETE FROM ${table}`)));
  }
});

test('another clinic’s patient answers 404', async () => {
  const otherTeam = await signInTeam(t.app);
  const patientId = await createPatient(t.app, otherTeam.admin);
  const response = await get(t.app, team.nurse, `/api/v1/patients/${patientId}/intake`);
  assert.equal(response.statusCode, 404);
});

test('two concurrent saves of the same version: one is stored, the other answers 409', async () => {
  const patientId = await createPatient(t.app, team.admin);
  const url = `/api/v1/patients/${patientId}/intake`;
  const save = (by: typeof team.nurse, months: number) =>
    put(t.app, by, url, {
      id: randomUUID(),
      version: 0,
      reason: 'Intake',
      sections: { painHistory: { durationMonths: months } },
    });
  const results = await Promise.all([save(team.nurse, 12), save(team.prescriber, 14)]);
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
  const history = await get(t.app, team.nurse, `${url}/history`);
  assert.equal(history.json<{ items: unknown[] }>().items.length, 1);
});
