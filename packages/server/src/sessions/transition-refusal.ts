/**
 * Refusals a transition throws (an event not allowed in the session's state, a stale version) roll
 * its transaction back, audit event included. Like a refused booking (booking.ts), the refusal is
 * recorded afterwards in a transaction of its own, so the record of a refused clinical action
 * outlives the rollback. The event names only the code and the state: no PHI.
 */
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError } from '../http/errors.ts';

/** What the transition knew of its session before it was refused. */
export interface RefusedOn {
  readonly sessionId: string;
  readonly patientId: string;
  readonly from: string;
}

const AUDITED = new Set([
  'session.illegal-transition',
  'session.version-conflict',
  // One clinician making both entries of an independent double check (T-37: refused and recorded).
  'double-check.same-user',
]);

/**
 * Records `error` as a failed `session.<event>` of the session when it is a refusal of the
 * transition and the session was found (`on`); anything else (not found, bad input, a crash) is
 * left to the error mapping. Call after the transition's transaction has rolled back.
 */
export async function auditRefusedTransition(
  ctx: ServiceContext,
  event: string,
  on: RefusedOn | undefined,
  error: unknown,
): Promise<void> {
  if (on === undefined || !(error instanceof DomainError) || !AUDITED.has(error.code)) return;
  await inTransaction(ctx.db, ctx.audit, (_tx, audit) => {
    audit({
      action: `session.${event}`,
      resourceType: 'infusion-session',
      resourceId: on.sessionId,
      patientId: on.patientId,
      outcome: 'failure',
      detail: { code: error.code, from: on.from },
    });
    return Promise.resolve();
  });
}
