/**
 * No double booking (ASVS V2 2.3.4, business-logic limits): a patient cannot have two overlapping
 * non-cancelled sessions, and a chair cannot hold two. A session holds its chair and patient for its
 * order's infusion plus the protocol's minimum observation (core's plannedOccupancy). Scheduling
 * takes transaction-scoped locks on the chair and the patient before it looks, so of two concurrent
 * bookings of one slot exactly one wins; the other answers 409. A refusal is audited in a transaction
 * of its own: the scheduling transaction rolls back, and the record of the refusal must outlive it.
 */
import {
  listProtocols,
  longestOccupancyMin,
  overlaps,
  plannedOccupancy,
  type Occupancy,
} from '@ketaflow/core';
import type { Tx } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { DomainError, fromCoreError } from '../http/errors.ts';
import { protocolOf } from './protocol-rules.ts';
import { bookingsNear, lockBookings, type OrderRow } from './repository.ts';

/** How far before a new session an overlapping one can start: the longest any protocol plans. */
const LOOKBACK_MS = longestOccupancyMin(listProtocols()) * 60_000;

function occupancyOf(
  start: Date,
  durationMin: number,
  protocolRef: { id: string; version: string },
): Occupancy {
  const planned = plannedOccupancy(start.getTime(), durationMin, protocolOf(protocolRef).discharge);
  if (!planned.ok) throw fromCoreError(planned.error, 500);
  return planned.value;
}

const when = (o: Occupancy): string =>
  `${new Date(o.startMs).toISOString()} to ${new Date(o.endMs).toISOString()}`;

/**
 * Throws 409 `session.patient-double-booked` (field body.scheduledStartAt) or
 * `session.chair-double-booked` (field body.chairId) when the new session would overlap another.
 * Call inside the scheduling transaction, before the insert.
 */
export async function refuseDoubleBooking(
  tx: Tx,
  clinicId: string,
  booking: { chairId: string; patientId: string; scheduledStartAt: Date },
  order: OrderRow,
): Promise<void> {
  await lockBookings(tx, booking.chairId, booking.patientId);
  const planned = occupancyOf(booking.scheduledStartAt, order.durationMin, {
    id: order.protocolId,
    version: order.protocolVersion,
  });
  const near = await bookingsNear(tx, clinicId, {
    chairId: booking.chairId,
    patientId: booking.patientId,
    from: new Date(planned.startMs - LOOKBACK_MS),
    to: new Date(planned.endMs),
  });
  const clashes = near
    .map((other) => ({
      id: other.id,
      samePatient: other.patientId === booking.patientId,
      held: occupancyOf(other.scheduledStartAt, other.durationMin, {
        id: other.protocolId,
        version: other.protocolVersion,
      }),
    }))
    .filter((other) => overlaps(planned, other.held));
  const rule = `infusion plus the minimum observation of ${order.protocolId}@${order.protocolVersion}`;
  const patientClash = clashes.find((c) => c.samePatient);
  if (patientClash !== undefined) {
    throw new DomainError(
      'session.patient-double-booked',
      409,
      `The patient already has a session from ${when(patientClash.held)}, which overlaps this one ` +
        `(${when(planned)}: ${rule}). Choose another time.`,
      'body.scheduledStartAt',
      { heldBySessionId: patientClash.id },
    );
  }
  const chairClash = clashes[0];
  if (chairClash !== undefined) {
    throw new DomainError(
      'session.chair-double-booked',
      409,
      `The chair is taken from ${when(chairClash.held)}, which overlaps this session ` +
        `(${when(planned)}: ${rule}). Choose another chair or time.`,
      'body.chairId',
      { heldBySessionId: chairClash.id },
    );
  }
}

/** Refusals of a booking that are recorded: double bookings and a patient screened not eligible. */
const AUDITED_REFUSALS = new Set([
  'session.patient-double-booked',
  'session.chair-double-booked',
  'session.patient-not-eligible',
]);

/**
 * When `error` is such a refusal of `booking`, records it as a failed `session.schedule` of the
 * requested session id, with the patient, chair, refusal code and its evidence (the session that
 * holds the slot, the screening decision). Call after the scheduling transaction has rolled back;
 * its own transaction commits the event.
 */
export async function auditRefusedBooking(
  ctx: ServiceContext,
  booking: { id: string; chairId: string; patientId: string },
  error: unknown,
): Promise<void> {
  if (!(error instanceof DomainError) || !AUDITED_REFUSALS.has(error.code)) return;
  await inTransaction(ctx.db, ctx.audit, (_tx, audit) => {
    audit({
      action: 'session.schedule',
      resourceType: 'infusion-session',
      resourceId: booking.id,
      patientId: booking.patientId,
      outcome: 'failure',
      detail: { code: error.code, chairId: booking.chairId, ...(error.extra ?? {}) },
    });
    return Promise.resolve();
  });
}
