/**
 * Test fixtures for sessions: a team, a patient with an eligible intake, a signed screening decision,
 * a current consent, a CRPS course (crps-outpatient-schwartzman@1.0.0, 70 kg) with a signed order for
 * session 1 (1 mg/mL library bag), a chair, and a scheduled session — all built through the API.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ensureConsentText } from '../consent/service.ts';
import { calendarDateIn } from '../intake/clinic-date.ts';
import { courseFor, type Team } from '../intake/fixtures.test-support.ts';
import type { SignedIn, TestApp } from '../testing/harness.ts';
import type { ChartEntryInsert } from './repository.ts';

export interface SessionFixture {
  readonly patientId: string;
  readonly courseId: string;
  readonly orderId: string;
  readonly chairId: string;
  readonly sessionId: string;
}

export function call(
  app: FastifyInstance,
  who: SignedIn,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who.headers(),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

export function expectStatus(response: LightMyRequestResponse, status: number, what: string): void {
  if (response.statusCode !== status) {
    throw new Error(
      `${what}: expected ${String(status)}, got ${String(response.statusCode)} ${response.body}`,
    );
  }
}

export async function addChair(
  app: FastifyInstance,
  team: Team,
  name = `Chair ${randomUUID().slice(0, 6)}`,
): Promise<string> {
  const response = await call(app, team.admin, 'POST', '/chairs', { id: randomUUID(), name });
  expectStatus(response, 201, 'chair');
  return response.json<{ id: string }>().id;
}

/**
 * Records a current consent for the patient (the clinic's default text), witnessed by the nurse;
 * returns the consent record's id.
 */
export async function consentFor(
  app: FastifyInstance,
  team: Team,
  patientId: string,
): Promise<string> {
  const now = app.clock.now();
  const text = await app.database.db.transaction((tx) => ensureConsentText(tx, team.clinicId, now));
  const attestedAt = new Date(now.getTime() - 60_000);
  const response = await call(app, team.nurse, 'POST', `/patients/${patientId}/consents`, {
    id: randomUUID(),
    consentTextId: text.id,
    attestedName: 'Zebediah Quuxington',
    attestedAt: attestedAt.toISOString(),
    witnessUserId: team.nurse.userId,
    consentDate: calendarDateIn('America/Los_Angeles', attestedAt),
  });
  expectStatus(response, 201, 'consent');
  return response.json<{ id: string }>().id;
}

/**
 * A patient with a CRPS course and a signed order for session 1 (1 mg/mL bag), not yet scheduled.
 * `weightKg` (70 by default) sets the dose: a 50 kg patient runs 17.5 mg/h, so the soft limit
 * (0.4 mg/kg/h = 20 mg/h) can be reached under the hourly cap (25 mg/h).
 */
export async function orderedCourse(
  app: FastifyInstance,
  team: Team,
  options: { consent?: boolean; weightKg?: number } = {},
): Promise<{ patientId: string; courseId: string; orderId: string }> {
  const now = app.clock.now();
  const { patientId, courseId } = await courseFor(
    app,
    team,
    new Date(now.getTime() - 60_000).toISOString(),
    options.weightKg,
  );
  if (options.consent !== false) await consentFor(app, team, patientId);
  const order = await call(app, team.prescriber, 'POST', `/courses/${courseId}/orders`, {
    id: randomUUID(),
    sessionNumber: 1,
    concentration: { mgPerMl: 1, source: 'library' },
  });
  expectStatus(order, 201, 'order');
  return { patientId, courseId, orderId: order.json<{ id: string }>().id };
}

/** The body of POST /sessions for session 1 of `course` in `chairId` at `at`. */
export const sessionRequest = (
  course: { patientId: string; courseId: string },
  chairId: string,
  at: Date,
) => ({
  id: randomUUID(),
  patientId: course.patientId,
  courseId: course.courseId,
  sessionNumber: 1,
  chairId,
  scheduledStartAt: at.toISOString(),
});

export async function scheduledSession(
  app: FastifyInstance,
  team: Team,
  options: { chairId?: string; consent?: boolean; weightKg?: number } = {},
): Promise<SessionFixture> {
  const course = await orderedCourse(app, team, options);
  const chairId = options.chairId ?? (await addChair(app, team));
  const session = await call(
    app,
    team.coordinator,
    'POST',
    '/sessions',
    sessionRequest(course, chairId, app.clock.now()),
  );
  expectStatus(session, 201, 'session');
  return { ...course, chairId, sessionId: session.json<{ id: string }>().id };
}

/** Normal baseline vitals inside every shipped protocol's limits. */
export const NORMAL_VITALS = {
  systolicBpMmHg: 124,
  diastolicBpMmHg: 78,
  heartRateBpm: 72,
  spo2Percent: 98,
  respiratoryRatePerMin: 14,
} as const;

export const PRECHECK_FACTS = {
  fastingConfirmed: true,
  escortConfirmed: true,
  pregnancyTest: 'negative',
  baselineVitals: NORMAL_VITALS,
} as const;

/** Sends one transition with the session's current version; returns the response. */
export async function step(
  app: FastifyInstance,
  who: SignedIn,
  sessionId: string,
  event: string,
  extra: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  const current = await call(app, who, 'GET', `/sessions/${sessionId}`);
  const version = current.json<{ version: number }>().version;
  return call(app, who, 'POST', `/sessions/${sessionId}/transitions`, {
    id: randomUUID(),
    version,
    event,
    ...extra,
  });
}

/** Drives a scheduled session to `running`: check-in, prechecks, double check by nurse + prescriber, start. */
export async function runningSession(
  app: FastifyInstance,
  team: Team,
  fixture: SessionFixture,
): Promise<void> {
  expectStatus(await step(app, team.coordinator, fixture.sessionId, 'check-in'), 200, 'check-in');
  expectStatus(
    await step(app, team.nurse, fixture.sessionId, 'complete-prechecks', { facts: PRECHECK_FACTS }),
    200,
    'prechecks',
  );
  const session = await call(app, team.nurse, 'GET', `/sessions/${fixture.sessionId}`);
  const order = session.json<{ order: { concentrationMgPerMl: number; rateMlPerH: number } }>()
    .order;
  const entry = { concentrationMgPerMl: order.concentrationMgPerMl, rateMlPerH: order.rateMlPerH };
  expectStatus(
    await call(app, team.nurse, 'POST', `/sessions/${fixture.sessionId}/double-check`, {
      id: randomUUID(),
      ...entry,
    }),
    202,
    'first check',
  );
  expectStatus(
    await call(app, team.prescriber, 'POST', `/sessions/${fixture.sessionId}/double-check`, {
      id: randomUUID(),
      ...entry,
    }),
    200,
    'second check',
  );
  expectStatus(await step(app, team.nurse, fixture.sessionId, 'start'), 200, 'start');
}

/**
 * Moves the application clock `minutes` forward in 20-minute steps, each member of the team making a
 * request after every step so no sign-in session reaches the 30-minute idle timeout.
 */
export async function passTime(t: TestApp, team: Team, minutes: number): Promise<void> {
  const members = [team.admin, team.prescriber, team.nurse, team.coordinator, team.researcher];
  for (let left = minutes; left > 0; left -= 20) {
    t.advanceClock(Math.min(20, left) * 60_000);
    for (const member of members) {
      expectStatus(await call(t.app, member, 'GET', '/auth/session'), 200, 'keep signed in');
    }
  }
}

/**
 * A vitals row for the chart group's statements (no API call): the nurse charts `payload` for
 * `sessionId`, timed a second ago, under the client id `id`.
 */
export const vitalsRow = (
  team: Team,
  sessionId: string,
  payload: Record<string, unknown>,
  id: string = randomUUID(),
): ChartEntryInsert => ({
  id,
  clinicId: team.clinicId,
  sessionId,
  kind: 'vitals',
  occurredAt: new Date(Date.now() - 1_000),
  payload,
  requestHash: `hash-${id}`,
  recordedBy: team.nurse.userId,
  recordedAt: new Date(),
});
