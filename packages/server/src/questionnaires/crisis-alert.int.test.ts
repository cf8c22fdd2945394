/**
 * The crisis alert end to end through the API (issue 5): a patient answers PHQ-9 with item 9 above 0
 * in the portal, is shown the 988 crisis resources at once, and an urgent alert reaches the care team
 * (prescribers and nurses, not coordinators), audited; also incomplete answers refused via core's
 * completeness rules, idempotent retries, and patients seeing only their own data.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { signIn, signInPatient, startTestApp } from '../testing/harness.ts';

const t = await startTestApp();
after(() => t.close());

const admin = await signIn(t.app, { role: 'admin' });
const clinicId = admin.clinicId;
const prescriber = await signIn(t.app, { role: 'prescriber', clinicId });
const nurse = await signIn(t.app, { role: 'nurse', clinicId });
const coordinator = await signIn(t.app, { role: 'coordinator', clinicId });
const patient = await signInPatient(t.app, admin);
const otherPatient = await signInPatient(t.app, admin);
const otherClinicNurse = await signIn(t.app, { role: 'nurse' });

/** PHQ-9 answers: items 1–8 as given, item 9 as `item9`. */
const phq9 = (item9: number | null, base = 1): Record<string, number | null> => ({
  ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`phq9-${String(i + 1)}`, base])),
  'phq9-9': item9,
});

const answer = (who: typeof patient, payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/portal/questionnaire-responses',
    headers: who.headers(),
    payload,
  });

const openAlerts = async (who: typeof patient) =>
  t.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: who.headers() });

const patientIdOf = async (who: typeof patient): Promise<string> => {
  const rows = await t.database.db.execute<{ patient_id: string }>(
    sql`SELECT patient_id FROM memberships WHERE user_id = ${who.userId}`,
  );
  const id = rows.rows[0]?.patient_id;
  assert.ok(id !== undefined, 'the patient account has a linked patient record');
  return id;
};

test('PHQ-9 item 9 above 0: crisis resources at once, urgent alert to prescribers and nurses, audited', async () => {
  const id = randomUUID();
  const response = await answer(patient, { id, instrumentId: 'phq-9', answers: phq9(1) });
  assert.equal(response.statusCode, 201, response.body);
  const body = response.json<{
    score: number;
    instrument: { id: string; version: string };
    flags: string[];
    crisis: { contacts: { href: string }[] } | null;
  }>();
  // PHQ-9 total = sum of the nine items (Kroenke 2001): 8 × 1 + 1 = 9.
  assert.equal(body.score, 9);
  assert.equal(body.instrument.id, 'phq-9');
  assert.ok(body.flags.includes('phq9.item9-positive'), 'the item-9 flag is recorded');
  assert.ok(body.crisis !== null, 'crisis resources are returned with the response');
  assert.ok(
    body.crisis.contacts.some((c) => c.href === 'tel:988') &&
      body.crisis.contacts.some((c) => c.href === 'sms:988'),
    'the 988 Lifeline is offered by call and by text',
  );

  const patientId = await patientIdOf(patient);
  for (const member of [prescriber, nurse]) {
    const alerts = await openAlerts(member);
    assert.equal(alerts.statusCode, 200, alerts.body);
    const items = alerts.json<{
      items: { patientId: string; sourceId: string; severity: string }[];
    }>().items;
    assert.ok(
      items.some((a) => a.sourceId === id && a.patientId === patientId && a.severity === 'urgent'),
      `${member.role} sees the urgent alert`,
    );
  }
  assert.equal((await openAlerts(coordinator)).statusCode, 403);
  assert.equal((await openAlerts(patient)).statusCode, 403);
  const foreign = await openAlerts(otherClinicNurse);
  assert.equal(foreign.json<{ items: unknown[] }>().items.length, 0, 'other clinics see nothing');

  const audit = await t.database.db.execute<{ action: string }>(
    sql`SELECT action FROM audit_events WHERE patient_id = ${patientId} ORDER BY seq`,
  );
  const actions = audit.rows.map((r) => r.action);
  assert.ok(actions.includes('questionnaire.answered'), 'the answer is audited');
  assert.ok(actions.includes('alert.raised'), 'the alert is audited');
});

test('a nurse acknowledges the alert once; a second acknowledgement is stale', async () => {
  await answer(patient, { id: randomUUID(), instrumentId: 'phq-9', answers: phq9(2) });
  const alerts = (await openAlerts(nurse)).json<{ items: { id: string; version: number }[] }>();
  const alert = alerts.items[0];
  assert.ok(alert !== undefined, 'an open alert exists');
  const ack = (who: typeof patient) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${alert.id}/acknowledge`,
      headers: who.headers(),
      payload: { version: alert.version },
    });
  assert.equal((await ack(coordinator)).statusCode, 403);
  assert.equal((await ack(otherClinicNurse)).statusCode, 404);
  const first = await ack(nurse);
  assert.equal(first.statusCode, 200, first.body);
  assert.equal((await ack(prescriber)).statusCode, 409);
  const after = (await openAlerts(prescriber)).json<{ items: { id: string }[] }>().items;
  assert.ok(!after.some((a) => a.id === alert.id), 'an acknowledged alert leaves the open list');
});

test('no crisis resources and no alert when item 9 is 0', async () => {
  const before = (await openAlerts(nurse)).json<{ items: unknown[] }>().items.length;
  const response = await answer(otherPatient, {
    id: randomUUID(),
    instrumentId: 'phq-9',
    answers: phq9(0, 0),
  });
  assert.equal(response.statusCode, 201, response.body);
  assert.equal(response.json<{ crisis: unknown }>().crisis, null);
  assert.equal((await openAlerts(nurse)).json<{ items: unknown[] }>().items.length, before);
});

test('incomplete answers are refused naming the first missing item; a positive item 9 still alerts', async () => {
  const missing = await answer(otherPatient, {
    id: randomUUID(),
    instrumentId: 'phq-9',
    answers: { ...phq9(0), 'phq9-3': null },
  });
  assert.equal(missing.statusCode, 400, missing.body);
  const problem = missing.json<{ code: string; field: string }>();
  assert.equal(problem.code, 'questionnaire.incomplete');
  assert.equal(problem.field, 'body.answers.phq9-3');

  const before = (await openAlerts(nurse)).json<{ items: unknown[] }>().items.length;
  const id = randomUUID();
  const risky = await answer(otherPatient, {
    id,
    instrumentId: 'phq-9',
    answers: { 'phq9-9': 3 },
  });
  assert.equal(risky.statusCode, 400, risky.body);
  const alerts = (await openAlerts(nurse)).json<{ items: { sourceId: string }[] }>().items;
  assert.equal(alerts.length, before + 1);
  assert.ok(
    alerts.some((a) => a.sourceId === id),
    'the alert names the refused submission',
  );

  const outOfRange = await answer(otherPatient, {
    id: randomUUID(),
    instrumentId: 'nrs-0-10',
    answers: { nrs: 11 },
  });
  assert.equal(outOfRange.statusCode, 400);
  assert.equal(outOfRange.json<{ field: string }>().field, 'body.answers.nrs');
});

test('retry with the same id returns the stored response; a different body is 409', async () => {
  const payload = { id: randomUUID(), instrumentId: 'nrs-0-10', answers: { nrs: 6 } };
  const first = await answer(patient, payload);
  assert.equal(first.statusCode, 201, first.body);
  const retry = await answer(patient, payload);
  assert.equal(retry.statusCode, 200, retry.body);
  assert.deepEqual(retry.json(), first.json());
  const reused = await answer(patient, { ...payload, answers: { nrs: 7 } });
  assert.equal(reused.statusCode, 409);
  assert.equal(reused.json<{ code: string }>().code, 'idempotency.key-reused');
  const stolen = await answer(otherPatient, payload);
  assert.equal(stolen.statusCode, 404, 'another patient cannot replay or probe this id');
});

test("patients see only their own responses; another patient's id answers 403/404", async () => {
  const mine = await t.app.inject({
    method: 'GET',
    url: '/api/v1/portal/questionnaire-responses?instrumentId=nrs-0-10',
    headers: otherPatient.headers(),
  });
  assert.equal(mine.statusCode, 200, mine.body);
  const ownId = await patientIdOf(otherPatient);
  const items = mine.json<{ items: { patientId: string }[] }>().items;
  assert.ok(
    items.every((r) => r.patientId === ownId),
    'only own responses',
  );

  const firstId = await patientIdOf(patient);
  const probe = await t.app.inject({
    method: 'GET',
    url: `/api/v1/patients/${firstId}/questionnaire-responses`,
    headers: otherPatient.headers(),
  });
  assert.equal(probe.statusCode, 403);
  const foreignStaff = await t.app.inject({
    method: 'GET',
    url: `/api/v1/patients/${firstId}/questionnaire-responses`,
    headers: otherClinicNurse.headers(),
  });
  assert.equal(foreignStaff.statusCode, 404);
  const team = await t.app.inject({
    method: 'GET',
    url: `/api/v1/patients/${firstId}/questionnaire-responses`,
    headers: nurse.headers(),
  });
  assert.equal(team.statusCode, 200, team.body);
  assert.ok(team.json<{ items: unknown[] }>().items.length >= 3, 'the care team sees them');
});
