/**
 * The outbox worker with an injected clock and injected timers (no waiting, no timing assertions):
 * a cycle plans one reminder per open occurrence, marks them ready and hands them to the adapter,
 * recording each attempt; re-running plans nothing twice; the next day brings the next diary
 * reminder; a failing adapter leaves messages ready for the next cycle until MAX_ATTEMPTS, then
 * failed; the timer loop stops on request. Planning and every hand-over are audited.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditEvents } from '../audit/schema.ts';
import { signInTeam } from '../intake/fixtures.test-support.ts';
import { bookedCourse } from '../questionnaires/booking.test-support.ts';
import { startTestApp, TEST_PASSWORD } from '../testing/harness.ts';
import { createAccount } from '../users/accounts.ts';
import { recordOnlyAdapter, type DeliveryAdapter } from './delivery-adapter.ts';
import { outboxDeliveryAttempts, outboxMessages } from './schema.ts';
import { MAX_ATTEMPTS, runOutboxCycle, startOutboxWorker, type CycleCounts } from './worker.ts';

const t = await startTestApp();
after(() => t.close());
const db = t.database.db;
const DAY = 24 * 3600 * 1000;

const team = await signInTeam(t.app);
const t0 = t.app.clock.now();
const { patientId } = await bookedCourse(t.app, team, 5);
await createAccount(db, {
  email: `worker-${randomUUID()}@example.test`,
  displayName: 'Worker Patient',
  role: 'patient',
  clinicId: team.clinicId,
  patientId,
  password: TEST_PASSWORD,
  passwordMustChange: false,
});

const messages = () =>
  db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.patientId, patientId))
    .orderBy(asc(outboxMessages.createdAt));
const attemptsOf = (ids: string[]) =>
  db
    .select()
    .from(outboxDeliveryAttempts)
    .where(inArray(outboxDeliveryAttempts.messageId, ids))
    .orderBy(asc(outboxDeliveryAttempts.attempt));
const failing: DeliveryAdapter = {
  name: 'failing',
  deliver: () => Promise.resolve({ delivered: false, reason: 'test.channel-down' }),
};

test('a cycle plans, readies and delivers each reminder once, recording the attempt', async () => {
  const first = await runOutboxCycle(db, recordOnlyAdapter, t0);
  assert.ok(first.planned >= 5, `baseline set and diary planned (${String(first.planned)})`);
  assert.equal(first.readied, first.planned, 'planned reminders are due at once');
  assert.equal(first.sent, first.planned, 'the record-only adapter accepts each');
  const rows = await messages();
  assert.equal(rows.length, first.planned);
  assert.ok(
    rows.every((r) => r.status === 'sent'),
    'every message is sent',
  );
  const attempts = await attemptsOf(rows.map((r) => r.id));
  assert.equal(attempts.length, rows.length, 'one attempt per message');
  assert.ok(
    attempts.every((a) => a.adapter === 'record-only' && a.outcome === 'sent' && a.attempt === 1),
    'attempts name the adapter and outcome',
  );

  const audited = await db
    .select({ action: auditEvents.action, resourceId: auditEvents.resourceId })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.patientId, patientId), eq(auditEvents.resourceType, 'outbox_message')),
    );
  for (const action of ['outbox.reminder-planned', 'outbox.delivery-attempted']) {
    assert.deepEqual(
      audited
        .filter((e) => e.action === action)
        .map((e) => e.resourceId)
        .sort(),
      rows.map((r) => r.id).sort(),
      `one ${action} audit event per message`,
    );
  }

  const again = await runOutboxCycle(db, recordOnlyAdapter, t0);
  assert.deepEqual(again, { planned: 0, readied: 0, sent: 0, failedAttempts: 0 });

  const nextDay = await runOutboxCycle(db, recordOnlyAdapter, new Date(t0.getTime() + DAY));
  const diary = (await messages()).filter((r) => r.payload['itemId'] === 'nrs-daily-diary');
  assert.ok(nextDay.planned >= 1, 'the next diary day brings a reminder');
  assert.equal(new Set(diary.map((r) => r.payload['dueOn'])).size, diary.length);
  assert.equal(diary.length, 2, 'one diary reminder per day, two days');
});

test('a failing adapter: attempts recorded, retried next cycle, failed after MAX_ATTEMPTS', async () => {
  const day2 = new Date(t0.getTime() + 2 * DAY);
  const failed = await runOutboxCycle(db, failing, day2);
  assert.ok(
    failed.planned >= 1 && failed.failedAttempts === failed.planned,
    JSON.stringify(failed),
  );
  const pending = (await messages()).filter((r) => r.status === 'ready');
  assert.equal(pending.length, failed.planned, 'failed messages stay ready');
  const retried = await runOutboxCycle(db, recordOnlyAdapter, day2);
  assert.equal(retried.sent, pending.length, 'delivered on the next cycle');
  const attempts = await attemptsOf(pending.map((r) => r.id));
  assert.deepEqual(
    [...new Set(attempts.map((a) => `${String(a.attempt)}:${a.outcome}:${a.detail ?? ''}`))],
    ['1:failed:test.channel-down', '2:sent:'],
  );

  const day3 = new Date(t0.getTime() + 3 * DAY);
  for (let i = 0; i < MAX_ATTEMPTS; i += 1) await runOutboxCycle(db, failing, day3);
  const gaveUp = (await messages()).filter((r) => r.createdAt.getTime() === day3.getTime());
  assert.ok(gaveUp.length >= 1, 'the day-3 diary reminder exists');
  assert.ok(
    gaveUp.every((r) => r.status === 'failed'),
    'after MAX_ATTEMPTS failures the message is failed',
  );
  const afterGivingUp = await runOutboxCycle(db, failing, day3);
  assert.equal(afterGivingUp.failedAttempts, 0, 'failed messages are not tried again');
});

test('the timer loop runs a cycle at once, then after each interval, and stops on request', async () => {
  const scheduled: { run: () => void; ms: number }[] = [];
  const cleared: unknown[] = [];
  const cycles: CycleCounts[] = [];
  let cycleDone: () => void = () => undefined;
  const nextCycle = () =>
    new Promise<void>((resolve) => {
      cycleDone = resolve;
    });
  let now = new Date(t0.getTime() + 10 * DAY);
  let waiting = nextCycle();
  const worker = startOutboxWorker({
    db,
    adapter: recordOnlyAdapter,
    clock: { now: () => now },
    intervalMs: 60_000,
    onCycle: (outcome) => {
      assert.ok('counts' in outcome, `cycle failed: ${JSON.stringify(outcome)}`);
      cycles.push(outcome.counts);
      cycleDone();
    },
    timers: {
      set: (run, ms) => {
        scheduled.push({ run, ms });
        return scheduled.length;
      },
      clear: (handle) => cleared.push(handle),
    },
  });
  await waiting;
  assert.equal(cycles.length, 1, 'a cycle at start');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    scheduled.map((s) => s.ms),
    [60_000],
    'the next cycle is scheduled after the interval',
  );
  now = new Date(now.getTime() + DAY);
  waiting = nextCycle();
  scheduled[0]?.run();
  await waiting;
  assert.equal(cycles.length, 2, 'the timer runs the next cycle');
  assert.ok((cycles[1]?.planned ?? 0) >= 1, 'the clock moved a day: a new diary reminder');
  await new Promise((resolve) => setImmediate(resolve));
  await worker.stop();
  assert.deepEqual(cleared, [2], 'stop cancels the pending timer');
  assert.equal(scheduled.length, 2, 'nothing is scheduled after stop');
});
