/**
 * The outbox worker `ketaflow serve` runs. Each cycle, for every clinic: plan questionnaire
 * reminders (one per occurrence, idempotent), mark due messages ready, then hand ready messages to
 * the delivery adapter, recording each attempt (append-only). A failed message stays ready and is
 * tried again next cycle, until MAX_ATTEMPTS; then it is marked failed. The loop is a periodic job
 * (jobs/periodic-job.ts).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { appendAuditEvents } from '../audit/append.ts';
import { startPeriodicJob, type PeriodicJob, type TimerFunctions } from '../jobs/periodic-job.ts';
import type { Clock } from '../auth/clock.ts';
import { clinics } from '../clinics/schema.ts';
import type { Db } from '../db/client.ts';
import type { DeliveryAdapter } from './delivery-adapter.ts';
import {
  markDueReminders,
  planQuestionnaireReminders,
  workerAudit,
} from './questionnaire-reminders.ts';
import { outboxDeliveryAttempts, outboxMessages } from './schema.ts';

export const MAX_ATTEMPTS = 5;
/** Messages handed over per cycle (the rest wait for the next one). */
const BATCH = 200;

export interface CycleCounts {
  readonly planned: number;
  readonly readied: number;
  readonly sent: number;
  readonly failedAttempts: number;
}

/** Hands up to BATCH ready messages to the adapter, one transaction per message. */
async function deliverReady(
  db: Db,
  adapter: DeliveryAdapter,
  now: Date,
): Promise<{ sent: number; failedAttempts: number }> {
  let sent = 0;
  let failedAttempts = 0;
  const ready = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(eq(outboxMessages.status, 'ready'))
    .orderBy(asc(outboxMessages.dueAt))
    .limit(BATCH);
  for (const { id } of ready) {
    await db.transaction(async (tx) => {
      // SKIP LOCKED: a second worker (another server process) never delivers the same message.
      const [message] = await tx
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'ready')))
        .for('update', { skipLocked: true });
      if (message === undefined) return;
      const [previous] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(outboxDeliveryAttempts)
        .where(eq(outboxDeliveryAttempts.messageId, id));
      const attempt = (previous?.n ?? 0) + 1;
      let result;
      try {
        result = await adapter.deliver({
          id: message.id,
          clinicId: message.clinicId,
          patientId: message.patientId,
          kind: message.kind,
          payload: message.payload,
          attempt,
        });
      } catch {
        result = { delivered: false as const, reason: 'adapter.threw' };
      }
      await tx.insert(outboxDeliveryAttempts).values({
        messageId: id,
        attempt,
        adapter: adapter.name,
        outcome: result.delivered ? 'sent' : 'failed',
        detail: result.delivered ? null : result.reason,
        attemptedAt: now,
      });
      if (result.delivered) sent += 1;
      else failedAttempts += 1;
      const status = result.delivered ? 'sent' : attempt >= MAX_ATTEMPTS ? 'failed' : 'ready';
      if (status !== 'ready') {
        await tx.update(outboxMessages).set({ status }).where(eq(outboxMessages.id, id));
      }
      // Handing a patient's message to a delivery channel is a disclosure: audited with the attempt.
      await appendAuditEvents(tx, workerAudit(message.clinicId, 'deliver'), [
        {
          action: 'outbox.delivery-attempted',
          resourceType: 'outbox_message',
          resourceId: id,
          patientId: message.patientId,
          outcome: result.delivered ? 'success' : 'failure',
          detail: { kind: message.kind, attempt, adapter: adapter.name, status },
        },
      ]);
    });
  }
  return { sent, failedAttempts };
}

/** One cycle of the worker at `now`. */
export async function runOutboxCycle(
  db: Db,
  adapter: DeliveryAdapter,
  now: Date,
): Promise<CycleCounts> {
  let planned = 0;
  for (const { id } of await db.select({ id: clinics.id }).from(clinics)) {
    planned += await planQuestionnaireReminders(db, id, now);
  }
  const readied = await markDueReminders(db, now);
  return { planned, readied, ...(await deliverReady(db, adapter, now)) };
}

export interface OutboxWorkerOptions {
  readonly db: Db;
  readonly adapter: DeliveryAdapter;
  readonly clock: Clock;
  readonly intervalMs: number;
  /** Called after each cycle (counts only) or with the error of a failed cycle. */
  readonly onCycle?: (outcome: { counts: CycleCounts } | { error: unknown }) => void;
  readonly timers?: TimerFunctions;
}

/** Runs a cycle at once, then `intervalMs` after the end of each cycle, until stopped. */
export function startOutboxWorker(options: OutboxWorkerOptions): PeriodicJob {
  const { db, adapter, ...job } = options;
  return startPeriodicJob({ ...job, run: (now) => runOutboxCycle(db, adapter, now) });
}
