/**
 * The session's record for its printed summary (contract SessionRecord): transitions with who recorded
 * them, their reason and the discharge score; the double-check entries of completed rounds only (a
 * round waiting for its second entry stays blind, T-37); the session's ledger entries for roles that
 * may read the ledger; the display names of the staff involved. One audited read.
 */
import type { SessionRecord } from '@ketaflow/contract';
import { and, eq, inArray } from 'drizzle-orm';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { entryRows } from '../ledger/repository.ts';
import { memberships, users } from '../users/schema.ts';
import { inSequence } from './in-sequence.ts';
import { doubleCheckEntriesOf, findSession, transitionsOf } from './repository.ts';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null =>
  typeof v === 'number' && Number.isInteger(v) ? v : null;

export function getSessionRecord(ctx: ServiceContext, id: string): Promise<SessionRecord> {
  ctx.scope.require('session.read');
  const withLedger = ctx.scope.can('ledger.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const session = await findSession(tx, ctx.scope, id);
    if (session === undefined) throw notFound('session');
    const clinicId = ctx.scope.clinicId;
    const [transitions, checks, ledger] = await inSequence([
      () => transitionsOf(tx, clinicId, [session.id]),
      () => doubleCheckEntriesOf(tx, clinicId, session.id),
      () =>
        withLedger ? entryRows(tx, ctx.scope, { sessionId: session.id }) : Promise.resolve(null),
    ]);
    const completedRounds = new Set(checks.filter((c) => c.ordinal === 2).map((c) => c.round));
    const record: SessionRecord = {
      sessionId: session.id,
      transitions: transitions.map((t) => {
        const evidence = t.evidence ?? {};
        const assessment = evidence.assessment;
        return {
          event: t.event,
          from: t.fromState,
          to: t.toState,
          occurredAt: t.occurredAt.toISOString(),
          recordedBy: t.recordedBy,
          reason: text(evidence.reason),
          dischargeTotal:
            typeof assessment === 'object' && assessment !== null
              ? int((assessment as Record<string, unknown>).total)
              : null,
        };
      }),
      doubleCheck: checks
        .filter((c) => completedRounds.has(c.round))
        .map((c) => ({
          round: c.round,
          ordinal: c.ordinal,
          concentrationMgPerMl: c.concentrationMgPerMl,
          rateMlPerH: c.rateMlPerH,
          enteredBy: c.enteredBy,
          enteredAt: c.enteredAt.toISOString(),
        })),
      ledger:
        ledger?.map((row) => {
          const e = row.entry;
          return {
            type: row.type,
            occurredAt: row.occurredAt.toISOString(),
            ndc: row.ndc,
            lot: row.lot,
            vialId: text(e.vialId),
            amountUg: int(e.amountUg),
            userId: row.userId,
            witnessId: text(e.witnessId),
          };
        }) ?? null,
      people: {},
    };
    const ids = new Set<string>([
      ...record.transitions.map((t) => t.recordedBy),
      ...record.doubleCheck.map((c) => c.enteredBy),
      ...(record.ledger ?? []).flatMap((l) =>
        l.witnessId === null ? [l.userId] : [l.userId, l.witnessId],
      ),
    ]);
    // Names of members of this clinic only: an id from elsewhere is shown as the id.
    const named =
      ids.size === 0
        ? []
        : await tx
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .innerJoin(memberships, eq(memberships.userId, users.id))
            .where(and(eq(memberships.clinicId, clinicId), inArray(users.id, [...ids])));
    audit({
      action: 'session.record-read',
      resourceType: 'infusion-session',
      resourceId: session.id,
      patientId: session.patientId,
      outcome: 'success',
      detail: { ledger: withLedger },
    });
    return { ...record, people: Object.fromEntries(named.map((n) => [n.id, n.name])) };
  });
}
