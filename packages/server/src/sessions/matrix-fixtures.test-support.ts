/**
 * Authorization-matrix fixtures (access/authorization-matrix.int.test.ts) for chairs, sessions and
 * charting: each builds a fresh scheduled session in the target clinic through the API (as that
 * clinic's own team) and returns a request that succeeds for an allowed role.
 */
import { randomUUID } from 'node:crypto';
import type { Team } from '../intake/fixtures.test-support.ts';
import { signIn } from '../testing/harness.ts';
import type { FixtureContext, RouteFixture, RouteRequest } from '../testing/route-fixture.ts';
import {
  call,
  expectStatus,
  PRECHECK_FACTS,
  scheduledSession,
  step,
} from './fixtures.test-support.ts';

const teams = new Map<string, Promise<Team>>();

function teamOf(fx: FixtureContext): Promise<Team> {
  let team = teams.get(fx.clinicId);
  if (team === undefined) {
    team = (async () => {
      const [prescriber, nurse, coordinator, researcher] = await Promise.all(
        (['prescriber', 'nurse', 'coordinator', 'researcher'] as const).map((role) =>
          signIn(fx.app, { role, clinicId: fx.clinicId }),
        ),
      );
      if (!prescriber || !nurse || !coordinator || !researcher) throw new Error('matrix team');
      return { clinicId: fx.clinicId, admin: fx.admin, prescriber, nurse, coordinator, researcher };
    })();
    teams.set(fx.clinicId, team);
  }
  return team;
}

const session = async (
  fx: FixtureContext,
  state: 'scheduled' | 'checked-in' | 'prechecks-done' = 'scheduled',
) => {
  const team = await teamOf(fx);
  const fixture = await scheduledSession(fx.app, team);
  if (state !== 'scheduled')
    expectStatus(
      await step(fx.app, team.coordinator, fixture.sessionId, 'check-in'),
      200,
      'check-in',
    );
  if (state === 'prechecks-done') {
    expectStatus(
      await step(fx.app, team.nurse, fixture.sessionId, 'complete-prechecks', {
        facts: PRECHECK_FACTS,
      }),
      200,
      'prechecks',
    );
  }
  return { team, fixture };
};

const withSession =
  (state: 'scheduled' | 'checked-in' | 'prechecks-done', body?: () => unknown) =>
  async (fx: FixtureContext): Promise<RouteRequest> => {
    const { fixture } = await session(fx, state);
    return { params: { id: fixture.sessionId }, ...(body === undefined ? {} : { body: body() }) };
  };

export const SESSION_REQUESTS: Readonly<Record<string, RouteFixture>> = {
  'POST /api/v1/chairs': {
    build: () =>
      Promise.resolve({ body: { id: randomUUID(), name: `Chair ${randomUUID().slice(0, 8)}` } }),
  },
  'POST /api/v1/sessions': {
    build: async (fx) => {
      const team = await teamOf(fx);
      const { fixture } = await session(fx);
      const order = await call(fx.app, team.prescriber, 'GET', `/sessions/${fixture.sessionId}`);
      expectStatus(order, 200, 'session');
      return {
        body: {
          id: randomUUID(),
          patientId: fixture.patientId,
          courseId: fixture.courseId,
          sessionNumber: 1,
          chairId: fixture.chairId,
          // The next day: the same patient and chair are held by the first session today.
          scheduledStartAt: new Date(fx.app.clock.now().getTime() + 86_400_000).toISOString(),
        },
      };
    },
  },
  'GET /api/v1/sessions/{id}': { build: withSession('scheduled') },
  'GET /api/v1/sessions/{id}/chart': { build: withSession('scheduled') },
  'GET /api/v1/sessions/{id}/record': { build: withSession('scheduled') },
  'POST /api/v1/sessions/{id}/transitions': {
    build: withSession('scheduled', () => ({ id: randomUUID(), version: 1, event: 'check-in' })),
  },
  'POST /api/v1/sessions/{id}/double-check': {
    build: withSession('prechecks-done', () => ({
      id: randomUUID(),
      concentrationMgPerMl: 1,
      rateMlPerH: 24.5,
    })),
  },
  'POST /api/v1/sessions/{id}/chart': {
    build: withSession('checked-in', () => ({
      id: randomUUID(),
      kind: 'note',
      occurredAt: new Date(Date.now() - 1000).toISOString(),
      text: 'Comfortable in the chair.',
    })),
  },
};
