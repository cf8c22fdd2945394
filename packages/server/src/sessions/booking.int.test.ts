/**
 * No double booking through the API (ASVS V2 2.3.4): a chair or a patient cannot hold two
 * overlapping non-cancelled sessions; 409 naming the field; touching end to start is allowed; a
 * cancelled session frees its slot; of parallel requests for one slot exactly one wins.
 * A session of crps-outpatient-schwartzman@1.0.0 holds chair and patient for its 240-min infusion
 * plus the protocol's 60-min minimum observation = 300 min. Every refusal leaves a failed
 * `session.schedule` audit event although the refused transaction rolled back.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import {
  addChair,
  call,
  expectStatus,
  orderedCourse,
  sessionRequest,
  step,
} from './fixtures.test-support.ts';

const MIN = 60_000;
const HELD_MIN = 240 + 60;

let t: TestApp;
let team: Team;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
});
after(() => t.close());

const codeOf = (body: string): string => (JSON.parse(body) as { code?: string }).code ?? '';
const fieldOf = (body: string): string => (JSON.parse(body) as { field?: string }).field ?? '';
const book = (body: Record<string, unknown>) =>
  call(t.app, team.coordinator, 'POST', '/sessions', body);
/** A day in the future, so every test has the chair to itself. */
const tomorrow = (): Date => new Date(t.app.clock.now().getTime() + 24 * 60 * MIN);

test('a chair cannot hold two overlapping sessions; end-to-start contact is allowed', async () => {
  const chairId = await addChair(t.app, team);
  const [first, second] = [await orderedCourse(t.app, team), await orderedCourse(t.app, team)];
  const at = tomorrow();
  expectStatus(await book(sessionRequest(first, chairId, at)), 201, 'first booking');
  const clash = await book(sessionRequest(second, chairId, new Date(at.getTime() + 299 * MIN)));
  assert.equal(clash.statusCode, 409, clash.body);
  assert.equal(codeOf(clash.body), 'session.chair-double-booked');
  assert.equal(fieldOf(clash.body), 'body.chairId');
  assert.match(clash.body, /crps-outpatient-schwartzman@1\.0\.0/);
  const before = await book(sessionRequest(second, chairId, new Date(at.getTime() - 299 * MIN)));
  assert.equal(before.statusCode, 409, `a session ending inside the first: ${before.body}`);
  const after = await book(
    sessionRequest(second, chairId, new Date(at.getTime() + HELD_MIN * MIN)),
  );
  assert.equal(after.statusCode, 201, `starting when the first ends is allowed: ${after.body}`);
});

test('a patient cannot have two overlapping sessions, even in different chairs', async () => {
  const course = await orderedCourse(t.app, team);
  const at = tomorrow();
  expectStatus(
    await book(sessionRequest(course, await addChair(t.app, team), at)),
    201,
    'first booking',
  );
  const clash = await book(
    sessionRequest(course, await addChair(t.app, team), new Date(at.getTime() + 60 * MIN)),
  );
  assert.equal(clash.statusCode, 409, clash.body);
  assert.equal(codeOf(clash.body), 'session.patient-double-booked');
  assert.equal(fieldOf(clash.body), 'body.scheduledStartAt');
  const stored = await t.database.pool.query(
    'SELECT 1 FROM infusion_sessions WHERE patient_id = $1',
    [course.patientId],
  );
  assert.equal(stored.rowCount, 1, 'nothing written by the refused booking');
});

/** The audit events of the requested session id (the refused booking's resource). */
async function eventsOf(sessionId: string) {
  const { rows } = await t.database.pool.query<{
    action: string;
    outcome: string;
    resource_type: string;
    patient_id: string | null;
    user_id: string | null;
    code: string | null;
    chair: string | null;
    held_by: string | null;
  }>(
    `SELECT action, outcome, resource_type, patient_id, user_id, detail->>'code' AS code,
            detail->>'chairId' AS chair, detail->>'heldBySessionId' AS held_by
       FROM audit_events WHERE resource_id = $1 ORDER BY seq`,
    [sessionId],
  );
  return rows;
}

test('a refused double booking is audited: chair overlap and patient overlap', async () => {
  const chairId = await addChair(t.app, team);
  const [first, second] = [await orderedCourse(t.app, team), await orderedCourse(t.app, team)];
  const at = tomorrow();
  const held = await book(sessionRequest(first, chairId, at));
  expectStatus(held, 201, 'first booking');
  const heldId = held.json<{ id: string }>().id;

  const chairRequest = sessionRequest(second, chairId, new Date(at.getTime() + 30 * MIN));
  expectStatus(await book(chairRequest), 409, 'chair overlap');
  assert.deepEqual(
    await eventsOf(chairRequest.id),
    [
      {
        action: 'session.schedule',
        outcome: 'failure',
        resource_type: 'infusion-session',
        patient_id: second.patientId,
        user_id: team.coordinator.userId,
        code: 'session.chair-double-booked',
        chair: chairId,
        held_by: heldId,
      },
    ],
    'the chair refusal is audited with the refused patient, the requested session and its holder',
  );

  const otherChair = await addChair(t.app, team);
  const patientRequest = sessionRequest(first, otherChair, new Date(at.getTime() + 60 * MIN));
  expectStatus(await book(patientRequest), 409, 'patient overlap');
  assert.deepEqual(
    await eventsOf(patientRequest.id),
    [
      {
        action: 'session.schedule',
        outcome: 'failure',
        resource_type: 'infusion-session',
        patient_id: first.patientId,
        user_id: team.coordinator.userId,
        code: 'session.patient-double-booked',
        chair: otherChair,
        held_by: heldId,
      },
    ],
    'the patient refusal is audited with the patient, the requested session and its holder',
  );
  const stored = await t.database.pool.query('SELECT 1 FROM infusion_sessions WHERE id = ANY($1)', [
    [chairRequest.id, patientRequest.id],
  ]);
  assert.equal(stored.rowCount, 0, 'the refused sessions themselves were not written');
});

test('a cancelled session frees its chair and patient', async () => {
  const chairId = await addChair(t.app, team);
  const course = await orderedCourse(t.app, team);
  const at = tomorrow();
  const first = await book(sessionRequest(course, chairId, at));
  expectStatus(first, 201, 'first booking');
  const sessionId = first.json<{ id: string }>().id;
  expectStatus(
    await step(t.app, team.coordinator, sessionId, 'cancel', { reason: 'Patient unwell.' }),
    200,
    'cancel',
  );
  const again = await book(sessionRequest(course, chairId, at));
  assert.equal(again.statusCode, 201, `the slot is free again: ${again.body}`);
});

test('parallel bookings of one chair and slot: exactly one wins, the others answer 409', async () => {
  const chairId = await addChair(t.app, team);
  const courses = await Promise.all(Array.from({ length: 8 }, () => orderedCourse(t.app, team)));
  const at = tomorrow();
  const responses = await Promise.all(
    courses.map((course, i) =>
      book(sessionRequest(course, chairId, new Date(at.getTime() + i * MIN))),
    ),
  );
  const statuses = responses.map((r) => r.statusCode).sort();
  assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409], statuses.join(','));
  for (const r of responses.filter((x) => x.statusCode === 409)) {
    assert.equal(codeOf(r.body), 'session.chair-double-booked');
  }
  const held = await t.database.pool.query(
    "SELECT 1 FROM infusion_sessions WHERE chair_id = $1 AND state <> 'cancelled'",
    [chairId],
  );
  assert.equal(held.rowCount, 1, 'one session holds the chair');
});

test('parallel bookings of one patient in different chairs: exactly one wins', async () => {
  const course = await orderedCourse(t.app, team);
  const chairs = await Promise.all(Array.from({ length: 6 }, () => addChair(t.app, team)));
  const at = tomorrow();
  const responses = await Promise.all(
    chairs.map((chairId) => book({ ...sessionRequest(course, chairId, at), id: randomUUID() })),
  );
  const statuses = responses.map((r) => r.statusCode).sort();
  assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409], statuses.join(','));
});
