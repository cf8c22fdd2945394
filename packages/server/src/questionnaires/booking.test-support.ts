/**
 * Test support: books an infusion for a course straight in the database (a signed order through
 * the API, a chair and a scheduled session), so questionnaire due dates and reminders have a first
 * infusion to count from without walking the whole session workflow.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Team } from '../intake/fixtures.test-support.ts';
import { chairs, infusionSessions } from '../sessions/schema.ts';

export async function bookInfusion(
  app: FastifyInstance,
  team: Team,
  patientId: string,
  courseId: string,
  scheduledStartAt: Date,
): Promise<void> {
  const db = app.database.db;
  const now = app.clock.now();
  const order = await app.inject({
    method: 'POST',
    url: `/api/v1/courses/${courseId}/orders`,
    headers: team.prescriber.headers(),
    payload: {
      id: randomUUID(),
      sessionNumber: 1,
      concentration: { mgPerMl: 1, source: 'library' },
    },
  });
  assert.equal(order.statusCode, 201, order.body);
  const chairId = randomUUID();
  await db.insert(chairs).values({
    id: chairId,
    clinicId: team.clinicId,
    name: `Chair ${chairId.slice(0, 4)}`,
    requestHash: 'test',
    createdBy: team.admin.userId,
    createdAt: now,
  });
  await db.insert(infusionSessions).values({
    id: randomUUID(),
    clinicId: team.clinicId,
    patientId,
    courseId,
    orderId: order.json<{ id: string }>().id,
    chairId,
    scheduledStartAt,
    state: 'scheduled',
    requestHash: 'test',
    createdBy: team.prescriber.userId,
    createdAt: now,
    updatedAt: now,
  });
}
