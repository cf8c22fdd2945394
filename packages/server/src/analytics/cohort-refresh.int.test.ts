/**
 * cohort_rows from real records: a course built through the API (intake, screening, course, signed
 * order, a session charted with NRS before and after and discharged) gets its cohort row from the
 * refresh, and that row equals core's cohortRowFor computed here from the same recorded facts. A
 * course without a given infusion has no row; an unchanged course is not recomputed; each batch is
 * audited once.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { cohortRowFor, patientOutcomes } from '@ketaflow/core';
import { sql } from 'drizzle-orm';
import type { AuditContext } from '../audit/append.ts';
import { calendarDateIn } from '../intake/clinic-date.ts';
import { CRPS_PROTOCOL, ELIGIBLE_SECTIONS, signInTeam } from '../intake/fixtures.test-support.ts';
import { outcomeKnowledge } from '../outcomes/service.ts';
import { ageInYears } from '../sessions/chart-data.ts';
import {
  call,
  expectStatus,
  runningSession,
  scheduledSession,
  step,
} from '../sessions/fixtures.test-support.ts';
import { startTestApp } from '../testing/harness.ts';
import { refreshCohortRows, type RefreshCounts } from './cohort-refresh.ts';
import { startCohortRefreshJob } from './refresh-job.ts';
import { cohortRowValues } from './cohort-rows.ts';

const t = await startTestApp();
after(() => t.close());
const team = await signInTeam(t.app);
const db = t.app.database.db;
const audit: AuditContext = {
  userId: null,
  role: null,
  clinicId: team.clinicId,
  sourceIp: null,
  requestId: 'test-refresh',
};
const refresh = () =>
  refreshCohortRows(db, { clinicId: team.clinicId, now: t.app.clock.now(), audit });

/** One pass of the server's periodic refresh job (its timer is held, so exactly one pass runs). */
const refreshByJob = () =>
  new Promise<RefreshCounts>((resolve, reject) => {
    const job = startCohortRefreshJob({
      db,
      clock: t.app.clock,
      intervalMs: 60_000,
      timers: { set: () => null, clear: () => undefined },
      onCycle: (outcome) => {
        void job.stop();
        if ('error' in outcome) reject(new Error('refresh pass failed', { cause: outcome.error }));
        else resolve(outcome.counts);
      },
    });
  });

const chartPain = async (sessionId: string, painNrs: number): Promise<void> => {
  const response = await call(t.app, team.nurse, 'POST', `/sessions/${sessionId}/chart`, {
    id: randomUUID(),
    kind: 'pain',
    occurredAt: t.app.clock.now().toISOString(),
    painNrs,
  });
  expectStatus(response, 201, `pain ${String(painNrs)}`);
};

/** Moves the clock past the minimum observation, keeping the team signed in. */
const observe = async (minutes: number): Promise<void> => {
  for (let left = minutes; left > 0; left -= 15) {
    t.advanceClock(Math.min(15, left) * 60_000);
    for (const who of [team.nurse, team.prescriber, team.coordinator, team.admin])
      expectStatus(await call(t.app, who, 'GET', '/auth/session'), 200, 'keep signed in');
  }
};

test('a discharged course gets the cohort row core computes from its records', async () => {
  const fx = await scheduledSession(t.app, team);
  assert.deepEqual(await refresh(), { refreshed: 0, skipped: 0 }, 'no given infusion, no row');
  await runningSession(t.app, team, fx);
  await chartPain(fx.sessionId, 7);
  t.advanceClock(60_000);
  await chartPain(fx.sessionId, 3);
  for (const event of ['stop', 'begin-recovery'] as const)
    expectStatus(await step(t.app, team.nurse, fx.sessionId, event), 200, event);
  await observe(70);
  const discharged = await step(t.app, team.nurse, fx.sessionId, 'discharge', {
    assessment: { total: 9 },
  });
  expectStatus(discharged, 200, 'discharge');

  // The periodic job `ketaflow serve` runs picks the discharge up without anyone running a command.
  assert.deepEqual(await refreshByJob(), { refreshed: 1, skipped: 0 }, 'the discharged course');
  const [stored] = (
    await db.execute(sql`SELECT * FROM cohort_rows WHERE course_id = ${fx.courseId}`)
  ).rows;
  assert.ok(stored, 'the course has a cohort row');

  // The same computation from the recorded facts, independently of the refresh's loaders.
  const [facts] = (
    await db.execute(sql`SELECT p.date_of_birth::text AS dob, p.sex_at_birth AS sex,
        o.session_dose_mg::float8 AS dose, o.weight_kg::float8 AS weight, s.scheduled_start_at AS at
      FROM infusion_sessions s JOIN orders o ON o.id = s.order_id JOIN patients p ON p.id = s.patient_id
      WHERE s.id = ${fx.sessionId}`)
  ).rows as { dob: string; sex: 'female' | 'male'; dose: number; weight: number; at: string }[];
  assert.ok(facts, 'session facts');
  const today = calendarDateIn('America/Los_Angeles', t.app.clock.now());
  const day = calendarDateIn('America/Los_Angeles', new Date(facts.at));
  const k = outcomeKnowledge();
  const outcomes = patientOutcomes(
    {
      readings: [],
      sessions: [
        {
          sessionId: fx.sessionId,
          date: day,
          doseMg: facts.dose,
          weightKg: facts.weight,
          nrsBefore: 7,
          nrsAfter: 3,
        },
      ],
      pgicAnswers: [],
      checks: [],
      today,
    },
    k,
  );
  assert.ok(outcomes.ok, 'core computes the outcomes');
  const expected = cohortRowFor({
    patientId: fx.patientId,
    conditionCode: ELIGIBLE_SECTIONS.diagnoses?.[0]?.code ?? '',
    protocol: CRPS_PROTOCOL,
    sex: facts.sex,
    ageYears: ageInYears(facts.dob, day),
    exposure: outcomes.value.exposure,
    responder: outcomes.value.responder,
    relief: outcomes.value.durableRelief,
    mme: null,
    rapidOnset: outcomes.value.rapidOnset,
    adverseEvents: 0,
  });
  assert.ok(expected.ok, 'core computes the cohort row');
  const values = cohortRowValues({
    courseId: fx.courseId,
    clinicId: team.clinicId,
    row: expected.value,
    rules: k.rules.ref,
    computedAt: new Date(0),
  });
  const columns = Object.fromEntries(
    Object.entries(values)
      .filter(([key]) => key !== 'computedAt')
      .map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]),
  );
  for (const [column, value] of Object.entries(columns))
    assert.deepEqual(stored[column], value, `cohort_rows.${column}`);
  assert.equal(expected.value.rapidOnsetAssessed, 1, 'the session NRS before/after was assessed');

  assert.deepEqual(await refresh(), { refreshed: 0, skipped: 0 }, 'nothing changed since');
  const events = await db.execute(sql`SELECT detail FROM audit_events
      WHERE clinic_id = ${team.clinicId} AND action = 'analytics.cohort-refresh'`);
  assert.deepEqual(
    events.rows.map((e) => e['detail']),
    [{ courses: 1, skipped: 0 }],
    'one audit event for the one batch that wrote a row',
  );
});
