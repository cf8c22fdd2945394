/**
 * The independent double check of pump settings (T-37): two clinicians each enter concentration and
 * rate blind. The first entry is stored and nothing of it is returned to anyone; the second entry
 * completes the round and core compares them (and each against the signed order). Agreement moves the
 * session to `double-checked`; disagreement above the tolerance closes the round as failed, reveals
 * both entries and asks for a new round. One person can never make both entries of a round. The
 * transition stores the tolerance's knowledge id@version with every comparison made under it.
 */
import type { DoubleCheckEntryRequest } from '@ketaflow/contract';
import {
  compareDoubleCheck,
  defaultDoubleCheckPolicy,
  formatRef,
  transition,
  type DoubleCheckComparison,
  type DoubleCheckEntry,
  type FieldComparison,
  type SessionState,
} from '@ketaflow/core';
import { inTransaction } from '../db/unit-of-work.ts';
import { DomainError, notFound } from '../http/errors.ts';
import type { ServiceContext } from '../http/context.ts';
import { isReplay, mappingDuplicateId, requestHash } from '../intake/write-id.ts';
import { publish } from './bus.ts';
import { protocolOf, sessionContextOf } from './protocol-rules.ts';
import {
  doubleCheckEntriesOf,
  findDoubleCheckEntry,
  findSession,
  insertDoubleCheckEntry,
  insertTransition,
  ordersByIds,
  patientBasics,
  setSessionState,
  type DoubleCheckRow,
  type OrderRow,
} from './repository.ts';
import { illegalTransition, loadSessionDto, type Outcome } from './session-service.ts';
import { DOUBLE_CHECK_PERMISSION } from './session-permissions.ts';
import { orderReplaced } from './transition-guards.ts';
import { auditRefusedTransition, type RefusedOn } from './transition-refusal.ts';
import type { InfusionSession } from '@ketaflow/contract';

export interface DoubleCheckOutcome {
  readonly round: number;
  readonly status: 'awaiting-second' | 'agreed';
  readonly fields?: readonly FieldComparison[];
  readonly session: InfusionSession;
}

const entryOf = (row: DoubleCheckRow): DoubleCheckEntry => ({
  userId: row.enteredBy,
  concentrationMgPerMl: row.concentrationMgPerMl,
  rateMlPerH: row.rateMlPerH,
});

/** The signed order as a third "entry": both clinicians must also match what was prescribed. */
const orderEntry = (order: OrderRow): DoubleCheckEntry => ({
  userId: `order:${order.id}`,
  concentrationMgPerMl: order.concentrationMgPerMl,
  rateMlPerH: order.rateMlPerH,
});

/** The knowledge that set the tolerance, as `id@version` (stored with every result). */
const policyRef = (comparison: DoubleCheckComparison | undefined): string | null =>
  comparison === undefined ? null : formatRef(comparison.policy.source);

/** What an agreeing round is stored with: the policy used and every comparison made under it. */
interface Agreement {
  readonly policy: string | null;
  readonly maxRelativeDifference: number | null;
  /** The two entries, field by field. */
  readonly fields: readonly FieldComparison[];
  /** Each entry against the signed order, field by field. */
  readonly againstOrder: readonly (readonly FieldComparison[])[];
}

type Verdict =
  | ({ ok: true } & Agreement)
  | { ok: false; code: string; message: string; field: string; evidence: unknown };

/** Compares a complete round: the two entries with each other, then each with the signed order. */
function judge(
  state: SessionState,
  first: DoubleCheckEntry,
  second: DoubleCheckEntry,
  order: OrderRow,
  sexAtBirth: string,
): Verdict {
  const context = sessionContextOf(
    protocolOf({ id: order.protocolId, version: order.protocolVersion }),
    sexAtBirth,
  );
  const result = transition(state, { type: 'record-double-check', first, second }, context);
  if (!result.ok) {
    if (result.error.code === 'session.illegal-transition')
      throw illegalTransition(result.error.message);
    return {
      ok: false,
      code: result.error.code,
      message: result.error.message,
      field: 'body.rateMlPerH',
      evidence: {
        policy: policyRef(result.error.comparison),
        comparison: result.error.comparison ?? null,
        first,
        second,
      },
    };
  }
  const againstOrder: FieldComparison[][] = [];
  for (const entry of [first, second]) {
    const compared = compareDoubleCheck(orderEntry(order), entry, defaultDoubleCheckPolicy);
    if (!compared.ok) {
      return {
        ok: false,
        code: 'double-check.order-mismatch',
        message:
          'Both entries agree with each other but not with the signed order; check the bag label and the pump against the order.',
        field: 'body.rateMlPerH',
        evidence: {
          policy: policyRef(compared.error.comparison),
          comparison: compared.error.comparison ?? null,
          first,
          second,
        },
      };
    }
    againstOrder.push([...compared.value.fields]);
  }
  const evidence = result.value.evidence;
  const comparison = evidence?.kind === 'double-check' ? evidence.comparison : undefined;
  return {
    ok: true,
    policy: policyRef(comparison),
    maxRelativeDifference: comparison?.policy.maxRelativeDifference ?? null,
    fields: comparison?.fields ?? [],
    againstOrder,
  };
}

export async function enterDoubleCheck(
  ctx: ServiceContext,
  sessionId: string,
  input: DoubleCheckEntryRequest,
  now: Date,
): Promise<Outcome<DoubleCheckOutcome>> {
  ctx.scope.require(DOUBLE_CHECK_PERMISSION);
  const hash = requestHash('session.double-check', sessionId, input);
  let refusedOn: RefusedOn | undefined;
  const outcome = await mappingDuplicateId(
    'double_check_entries',
    inTransaction(ctx.db, ctx.audit, async (tx, audit): Promise<Outcome<DoubleCheckOutcome>> => {
      const replayed = await findDoubleCheckEntry(tx, ctx.scope, input.id);
      const session = await findSession(tx, ctx.scope, sessionId, { forUpdate: true });
      if (session === undefined) throw notFound('session');
      const [order] = await ordersByIds(tx, ctx.scope.clinicId, [session.orderId]);
      const [patient] = await patientBasics(tx, ctx.scope.clinicId, [session.patientId]);
      if (order === undefined || patient === undefined)
        throw new Error('session without order or patient');
      refusedOn = { sessionId: session.id, patientId: session.patientId, from: session.state };
      const entries = await doubleCheckEntriesOf(tx, ctx.scope.clinicId, session.id);
      if (isReplay(replayed, hash) && replayed !== undefined) {
        if (replayed.sessionId !== session.id) throw notFound('session');
        const round = entries.filter((e) => e.round === replayed.round);
        const [a, b] = round;
        const dto = await loadSessionDto(tx, ctx, session);
        if (a === undefined || b === undefined)
          return {
            ok: true,
            value: { round: replayed.round, status: 'awaiting-second', session: dto },
          };
        const verdict = judge('prechecks-done', entryOf(a), entryOf(b), order, patient.sexAtBirth);
        return verdict.ok
          ? {
              ok: true,
              value: {
                round: replayed.round,
                status: 'agreed',
                fields: verdict.fields,
                session: dto,
              },
            }
          : { ok: false, failure: verdict };
      }
      if (session.state !== 'prechecks-done') {
        throw illegalTransition(
          `A session that is ${session.state} cannot take a double-check entry; it needs the pre-infusion checks done and no completed double check.`,
        );
      }
      // The pump is checked against the order the session delivers, which must still be the active one.
      const replaced = await orderReplaced(tx, ctx.scope, order, 'double-check');
      if (replaced !== undefined) {
        audit({
          action: 'session.record-double-check',
          resourceType: 'infusion-session',
          resourceId: session.id,
          patientId: session.patientId,
          outcome: 'failure',
          detail: { code: replaced.code },
        });
        return { ok: false, failure: replaced };
      }
      const last = entries.at(-1);
      const open =
        last !== undefined && entries.filter((e) => e.round === last.round).length === 1
          ? last
          : undefined;
      const round = open?.round ?? (last?.round ?? 0) + 1;
      const auditBase = {
        resourceType: 'infusion-session',
        resourceId: session.id,
        patientId: session.patientId,
      } as const;
      const row = {
        id: input.id,
        clinicId: ctx.scope.clinicId,
        sessionId: session.id,
        round,
        concentrationMgPerMl: input.concentrationMgPerMl,
        rateMlPerH: input.rateMlPerH,
        requestHash: hash,
        enteredBy: ctx.scope.userId,
        enteredAt: now,
      };
      if (open === undefined) {
        await insertDoubleCheckEntry(tx, { ...row, ordinal: 1 });
        audit({
          ...auditBase,
          action: 'session.double-check-first',
          outcome: 'success',
          detail: { round },
        });
        return {
          ok: true,
          value: {
            round,
            status: 'awaiting-second',
            session: await loadSessionDto(tx, ctx, session),
          },
        };
      }
      if (open.enteredBy === ctx.scope.userId) {
        throw new DomainError(
          'double-check.same-user',
          422,
          'The independent double check must be made by a second clinician, not the one who made the first entry.',
          'body',
        );
      }
      const second: DoubleCheckEntry = {
        userId: ctx.scope.userId,
        concentrationMgPerMl: input.concentrationMgPerMl,
        rateMlPerH: input.rateMlPerH,
      };
      const verdict = judge(session.state, entryOf(open), second, order, patient.sexAtBirth);
      await insertDoubleCheckEntry(tx, { ...row, ordinal: 2 });
      if (!verdict.ok) {
        audit({
          ...auditBase,
          action: 'session.record-double-check',
          outcome: 'failure',
          detail: { round, code: verdict.code },
        });
        return { ok: false, failure: verdict };
      }
      const updated = await setSessionState(tx, ctx.scope, session, 'double-checked', now);
      await insertTransition(tx, {
        id: input.id,
        clinicId: ctx.scope.clinicId,
        sessionId: session.id,
        event: 'record-double-check',
        fromState: session.state,
        toState: 'double-checked',
        version: updated.version,
        evidence: {
          round,
          policy: verdict.policy,
          maxRelativeDifference: verdict.maxRelativeDifference,
          fields: verdict.fields,
          againstOrder: verdict.againstOrder,
          firstEntryId: open.id,
          secondEntryId: input.id,
        },
        requestHash: hash,
        recordedBy: ctx.scope.userId,
        occurredAt: now,
      });
      audit({
        ...auditBase,
        action: 'session.record-double-check',
        outcome: 'success',
        detail: { round, version: updated.version, policy: verdict.policy },
      });
      return {
        ok: true,
        value: {
          round,
          status: 'agreed',
          fields: verdict.fields,
          session: await loadSessionDto(tx, ctx, updated),
        },
      };
    }),
  ).catch(async (error: unknown) => {
    // A refusal thrown inside rolled its audit event back: it is recorded on its own.
    await auditRefusedTransition(ctx, 'record-double-check', refusedOn, error);
    throw error;
  });
  publish(ctx.scope.clinicId);
  return outcome;
}
