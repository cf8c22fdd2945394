/**
 * The per-patient outcome page through HTTP, on courses written by the synthetic registry: the
 * sessions, doses and NRS before/after the page reports are the ones recorded (checked against
 * the rows with SQL), the knowledge ids are named, and access is prescriber-only and clinic-scoped.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestPatient, signIn, startTestApp } from '../testing/harness.ts';
import { generateSyntheticRegistry } from '../research/synthetic-registry.ts';

const t = await startTestApp();
after(() => t.close());

const admin = await signIn(t.app, { role: 'admin' });
const prescriber = await signIn(t.app, { role: 'prescriber', clinicId: admin.clinicId });
const nurse = await signIn(t.app, { role: 'nurse', clinicId: admin.clinicId });
const otherPrescriber = await signIn(t.app, { role: 'prescriber' });
await generateSyntheticRegistry(t.app.database.db, {
  clinicId: admin.clinicId,
  authorUserId: admin.userId,
  patients: 3,
  seed: 7,
  today: '2026-06-30',
});
const [patient] = (
  await t.app.database.db.execute(
    sql`SELECT s.patient_id, count(*)::int AS sessions, sum(o.session_dose_mg)::float8 AS total_mg
        FROM infusion_sessions s JOIN orders o ON o.id = s.order_id
        WHERE s.clinic_id = ${admin.clinicId} GROUP BY s.patient_id ORDER BY s.patient_id LIMIT 1`,
  )
).rows as { patient_id: string; sessions: number; total_mg: number }[];
const patientId = patient?.patient_id ?? '';

const outcomes = (who: typeof prescriber, id = patientId) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/patients/${id}/outcomes`,
    query: { today: '2026-06-30' },
    headers: who.headers(),
  });

test('the outcome page reports the recorded sessions, doses and NRS before/after', async () => {
  const response = await outcomes(prescriber);
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json<{
    status: string;
    outcomes: {
      exposure: { sessions: number; totalMg: number };
      rapidOnset: {
        sessions: { sessionId: string; nrsBefore: number | null; nrsAfter: number | null }[];
        rules: { id: string };
      };
      booster: unknown;
      daysSinceLastInfusion: number;
    };
  }>();
  assert.equal(body.status, 'assessed');
  assert.equal(body.outcomes.exposure.sessions, patient?.sessions);
  assert.ok(
    Math.abs(body.outcomes.exposure.totalMg - (patient?.total_mg ?? -1)) < 1e-6,
    'total mg = sum of signed session doses',
  );
  const charted = (
    await t.app.database.db.execute(
      sql`SELECT e.session_id, (array_agg((e.payload->>'painNrs')::int ORDER BY e.occurred_at))[1] AS first,
                 (array_agg((e.payload->>'painNrs')::int ORDER BY e.occurred_at DESC))[1] AS last
          FROM chart_entries e JOIN infusion_sessions s ON s.id = e.session_id
          WHERE s.patient_id = ${patientId} AND e.kind = 'pain' GROUP BY e.session_id`,
    )
  ).rows as { session_id: string; first: number; last: number }[];
  assert.equal(body.outcomes.rapidOnset.sessions.length, charted.length);
  for (const c of charted) {
    const s = body.outcomes.rapidOnset.sessions.find((x) => x.sessionId === c.session_id);
    assert.deepEqual([s?.nrsBefore, s?.nrsAfter], [c.first, c.last], `session ${c.session_id}`);
  }
  assert.equal(body.outcomes.rapidOnset.rules.id, 'default-outcome-rules');
  assert.ok(body.outcomes.booster !== undefined, 'the booster suggestion is part of the page');
  assert.ok(body.outcomes.daysSinceLastInfusion >= 0, 'days since the last infusion');
});

test('a patient without infusions has no outcomes yet; nurses are refused; other clinics see 404', async () => {
  const fresh = await createTestPatient(t.app, admin);
  const none = await outcomes(prescriber, fresh);
  assert.equal(none.statusCode, 200, none.body);
  assert.equal(none.json<{ status: string }>().status, 'no-infusions');
  assert.equal((await outcomes(nurse)).statusCode, 403);
  assert.equal((await outcomes(otherPrescriber)).statusCode, 404);
});
