/**
 * Questionnaire reminders in the outbox: for a patient with a portal account, a course and a booked
 * infusion, the planner writes one reminder per open patient questionnaire (the baseline set and
 * today's diary of the shipped default schedule), never twice, with ids only in the payload; the
 * worker step marks them ready.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { signInTeam } from '../intake/fixtures.test-support.ts';
import { bookedCourse } from '../questionnaires/booking.test-support.ts';
import { startTestApp, TEST_PASSWORD } from '../testing/harness.ts';
import { createAccount } from '../users/accounts.ts';
import { outboxMessages } from './schema.ts';
import {
  markDueReminders,
  outboxCounts,
  planQuestionnaireReminders,
} from './questionnaire-reminders.ts';

const t = await startTestApp();
after(() => t.close());

test('reminders are planned once per open questionnaire and marked ready by the worker', async () => {
  const db = t.app.database.db;
  const team = await signInTeam(t.app);
  const now = t.app.clock.now();
  const { patientId } = await bookedCourse(t.app, team, 2);
  assert.equal(
    await planQuestionnaireReminders(db, team.clinicId, now),
    0,
    'no portal account, no reminder',
  );
  await createAccount(db, {
    email: `reminded-${randomUUID()}@example.test`,
    displayName: 'Reminded Patient',
    role: 'patient',
    clinicId: team.clinicId,
    patientId,
    password: TEST_PASSWORD,
    passwordMustChange: false,
  });

  const written = await planQuestionnaireReminders(db, team.clinicId, now);
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.patientId, patientId));
  assert.equal(rows.length, written);
  const items = new Set(rows.map((r) => r.payload['itemId']));
  // The shipped default schedule (default-chronic-pain-schedule@1.0.0): baseline items without a
  // condition are open from the course start until the first infusion; the diary opens daily.
  for (const item of [
    'baseline-nrs',
    'baseline-peg',
    'baseline-phq-9',
    'baseline-gad-7',
    'nrs-daily-diary',
  ]) {
    assert.ok(items.has(item), `a reminder for ${item}`);
  }
  assert.ok(!items.has('nrs-before-infusion'), 'no reminder before the infusion day');
  assert.ok(
    rows.every((r) => !/Reminded|Zebediah|Quuxington/.test(JSON.stringify(r.payload))),
    'payloads carry ids and codes only',
  );

  assert.equal(
    await planQuestionnaireReminders(db, team.clinicId, now),
    0,
    're-planning writes nothing new',
  );
  assert.equal(await markDueReminders(db, now), written);
  assert.equal((await outboxCounts(db, team.clinicId))['ready'], written);
  assert.equal(await markDueReminders(db, now), 0, 'ready messages are not marked again');
});
