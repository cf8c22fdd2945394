/**
 * Test support: books an infusion for a course straight in the database (a signed order through
 * the API, a chair and a scheduled session), so questionnaire due dates and reminders have a first
 * infusion to count from without walking the whole session workflow; `bookedCourse` also creates
 * the patient and the course (started a minute ago).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { courseFor, type Team } from '../intake/fixtures.test-support.ts';
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

/** A new patient with a course started a minute ago and an infusion booked `inDays` days ahead. */
export async function bookedCourse(
  app: FastifyInstance,
  team: Team,
  inDays: number,
): Promise<{ patientId: string; courseId: string }> {
  const now = app.clock.now().getTime();
  const course = await courseFor(app, team, new Date(now - 60_000).toISOString());
  await bookInfusion(
    app,
    team,
    course.patientId,
    course.courseId,
    new Date(now + inDays * 24 * 3600 * 1000),
  );
  return course;
}
