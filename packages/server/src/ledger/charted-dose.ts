/**
 * The chart's cumulative administered dose of a session, for the ledger: the same fold the session
 * chart shows (sessions/chart-data.ts via session-view.ts and core's administeredDose), with
 * what the ledger already records as administered for it (core charted-dose.ts). Recording an
 * administration is checked against it; the web reads it to prefill the amount.
 */
import type { z } from 'zod';
import type { LedgerSessionAdministration } from '@ketaflow/contract';
import {
  administrableUg,
  sessionAdministeredUg,
  type ChartedAdministration,
  type LedgerState,
} from '@ketaflow/core';
import type { Scope } from '../access/scope.ts';
import type { Tx } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { chartEntriesOf, findSession, ordersByIds, transitionsOf } from '../sessions/repository.ts';
import { administeredOf, infusionEventsOf } from '../sessions/session-view.ts';
import { currentBook } from './book.ts';
import { lockClinicLedger } from './repository.ts';

/** The chart's cumulative dose of the session at `now`, whole µg; undefined for a foreign session. */
export async function chartedDoseUg(
  tx: Tx,
  scope: Scope,
  sessionId: string,
  now: Date,
): Promise<{ chartedUg: number; patientId: string } | undefined> {
  const session = await findSession(tx, scope, sessionId);
  if (session === undefined) return undefined;
  const [order] = await ordersByIds(tx, scope.clinicId, [session.orderId]);
  if (order === undefined) throw new Error('session without order');
  const transitions = await transitionsOf(tx, scope.clinicId, [session.id]);
  const entries = await chartEntriesOf(tx, scope.clinicId, [session.id]);
  const events = infusionEventsOf(order, transitions, entries);
  return {
    chartedUg: administeredOf(events, now.getTime()).administeredUg,
    patientId: session.patientId,
  };
}

/** The chart and the ledger of one session (`book`: the clinic's current ledger). */
export const chartedAdministration = (
  chartedUg: number,
  book: LedgerState,
  sessionId: string,
): ChartedAdministration => ({ chartedUg, recordedUg: sessionAdministeredUg(book, sessionId) });

/**
 * The chart's dose of a session, what the ledger records as administered for it and what may still
 * be recorded (the web prefills the administered amount with it). Audited against the patient.
 */
export function sessionAdministration(
  ctx: ServiceContext,
  sessionId: string,
  now: Date,
): Promise<z.infer<typeof LedgerSessionAdministration>> {
  ctx.scope.require('ledger.record');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const charted = await chartedDoseUg(tx, ctx.scope, sessionId, now);
    if (charted === undefined) throw notFound('session');
    await lockClinicLedger(tx, ctx.scope.clinicId);
    const { state } = await currentBook(ctx.db, tx, ctx.scope.clinicId);
    const s = chartedAdministration(charted.chartedUg, state, sessionId);
    audit({
      action: 'ledger.session-administration-read',
      resourceType: 'infusion-session',
      resourceId: sessionId,
      patientId: charted.patientId,
      outcome: 'success',
    });
    return {
      sessionId,
      asOf: now.toISOString(),
      chartedUg: s.chartedUg,
      recordedUg: s.recordedUg,
      administrableUg: administrableUg(s),
    };
  });
}
