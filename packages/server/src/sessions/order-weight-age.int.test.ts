/**
 * The weight an order was dosed on is re-checked at the start: an order signed on a weight 29 days
 * old (crps-outpatient-schwartzman@1.0.0 weightReconfirmation.maxAgeDays = 30) cannot start two
 * days later. Its own file: the test moves the application clock by days (everyone signs in again).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { courseFor, signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import {
  signInAs,
  startTestApp,
  TEST_PASSWORD,
  type SignedIn,
  type TestApp,
} from '../testing/harness.ts';
import {
  addChair,
  call,
  consentFor,
  expectStatus,
  PRECHECK_FACTS,
  sessionRequest,
  step,
} from './fixtures.test-support.ts';

const DAY_MS = 86_400_000;

let t: TestApp;
let team: Team;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
});
after(() => t.close());

const again = async (who: SignedIn): Promise<SignedIn> => ({
  ...who,
  ...(await signInAs(t.app, {
    email: who.email,
    password: TEST_PASSWORD,
    mfaSecret: who.mfaSecret,
    clinicId: who.clinicId,
  })),
});

test('an order whose weight has grown older than the protocol allows cannot start', async () => {
  const now = t.app.clock.now();
  const course = await courseFor(t.app, team, new Date(now.getTime() - 29 * DAY_MS).toISOString());
  const order = await call(t.app, team.prescriber, 'POST', `/courses/${course.courseId}/orders`, {
    id: randomUUID(),
    sessionNumber: 1,
    concentration: { mgPerMl: 1, source: 'library' },
  });
  expectStatus(order, 201, 'order on a 29-day-old weight');
  const chairId = await addChair(t.app, team);
  const scheduled = await call(
    t.app,
    team.coordinator,
    'POST',
    '/sessions',
    sessionRequest(course, chairId, new Date(now.getTime() + 2 * DAY_MS)),
  );
  expectStatus(scheduled, 201, 'session in two days');
  const sessionId = scheduled.json<{ id: string }>().id;

  t.advanceClock(2 * DAY_MS);
  const [coordinator, nurse, prescriber] = [
    await again(team.coordinator),
    await again(team.nurse),
    await again(team.prescriber),
  ];
  await consentFor(t.app, { ...team, nurse }, course.patientId);
  expectStatus(await step(t.app, coordinator, sessionId, 'check-in'), 200, 'check-in');
  expectStatus(
    await step(t.app, nurse, sessionId, 'complete-prechecks', { facts: PRECHECK_FACTS }),
    200,
    'prechecks',
  );
  const signed = order.json<{ concentrationMgPerMl: number; rateMlPerH: number }>();
  for (const [who, status] of [
    [nurse, 202],
    [prescriber, 200],
  ] as const) {
    expectStatus(
      await call(t.app, who, 'POST', `/sessions/${sessionId}/double-check`, {
        id: randomUUID(),
        concentrationMgPerMl: signed.concentrationMgPerMl,
        rateMlPerH: signed.rateMlPerH,
      }),
      status,
      'double check',
    );
  }
  const start = await step(t.app, nurse, sessionId, 'start');
  assert.equal(start.statusCode, 409, start.body);
  const problem = start.json<{
    code: string;
    field: string;
    detail: string;
    evidence: { ageDays: number; maxAgeDays: number };
  }>();
  assert.equal(problem.code, 'session.order-weight-outdated');
  assert.equal(problem.field, 'body.event');
  assert.match(problem.detail, /allows 30 days \(weightReconfirmation\.maxAgeDays\)/);
  assert.match(problem.detail, /Re-weigh the patient/);
  assert.equal(problem.evidence.maxAgeDays, 30);
  assert.ok(problem.evidence.ageDays > 30, `age ${String(problem.evidence.ageDays)} days`);
  const session = await call(t.app, nurse, 'GET', `/sessions/${sessionId}`);
  assert.equal(session.json<{ state: string }>().state, 'double-checked', 'nothing moved');
  const audited = await t.database.pool.query<{ code: string }>(
    `SELECT detail->>'code' AS code FROM audit_events
      WHERE resource_id = $1 AND action = 'session.start' AND outcome = 'failure'`,
    [sessionId],
  );
  assert.deepEqual(audited.rows, [{ code: 'session.order-weight-outdated' }]);
});
