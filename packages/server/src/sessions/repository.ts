/**
 * Data access for chairs, sessions, transitions, double-check entries and chart entries. Every
 * function takes the request's Scope and filters by its clinic, so a foreign id looks missing.
 * Permissions are checked by the services before they call in here.
 */
import { and, asc, desc, eq, gte, inArray, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Scope } from '../access/scope.ts';
import type { Tx } from '../db/client.ts';
import { courses, orders } from '../courses/schema.ts';
import { patients } from '../patients/schema.ts';
import {
  chairs,
  chartEntries,
  doubleCheckEntries,
  infusionSessions,
  sessionTransitions,
} from './schema.ts';

export type ChairRow = typeof chairs.$inferSelect;
export type SessionRow = typeof infusionSessions.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type TransitionRow = typeof sessionTransitions.$inferSelect;
export type DoubleCheckRow = typeof doubleCheckEntries.$inferSelect;
export type ChartEntryRow = typeof chartEntries.$inferSelect;
export type ChartEntryInsert = typeof chartEntries.$inferInsert;

/** States in which a session no longer occupies its chair. */
export const CLOSED_STATES = ['discharged', 'transferred', 'cancelled'] as const;

const first = <T>(rows: readonly T[]): T | undefined => rows[0];

export async function listChairs(tx: Tx, scope: Scope): Promise<ChairRow[]> {
  return tx
    .select()
    .from(chairs)
    .where(eq(chairs.clinicId, scope.clinicId))
    .orderBy(asc(chairs.name));
}

export async function findChair(tx: Tx, scope: Scope, id: string): Promise<ChairRow | undefined> {
  return first(
    await tx
      .select()
      .from(chairs)
      .where(and(eq(chairs.clinicId, scope.clinicId), eq(chairs.id, id))),
  );
}

export async function insertChair(
  tx: Tx,
  scope: Scope,
  values: { id: string; name: string; requestHash: string; now: Date },
): Promise<ChairRow> {
  const [row] = await tx
    .insert(chairs)
    .values({
      id: values.id,
      name: values.name,
      clinicId: scope.clinicId,
      requestHash: values.requestHash,
      createdBy: scope.userId,
      createdAt: values.now,
    })
    .returning();
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

export async function findSession(
  tx: Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SessionRow | undefined> {
  const query = tx
    .select()
    .from(infusionSessions)
    .where(and(eq(infusionSessions.clinicId, scope.clinicId), eq(infusionSessions.id, id)));
  return first(options.forUpdate === true ? await query.for('update') : await query);
}

export async function insertSession(
  tx: Tx,
  values: typeof infusionSessions.$inferInsert,
): Promise<SessionRow> {
  const [row] = await tx.insert(infusionSessions).values(values).returning();
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

/** First keys of the two-key advisory locks that serialise scheduling per chair and per patient. */
const CHAIR_BOOKING_LOCK = 0x63686169; // "chai"
const PATIENT_BOOKING_LOCK = 0x70617469; // "pati"

/**
 * Serialises scheduling on this chair and this patient until the transaction ends, so two
 * concurrent bookings cannot both see a free slot. Always the chair first, then the patient: a
 * transaction holds at most one chair lock, so the order cannot deadlock.
 */
export async function lockBookings(tx: Tx, chairId: string, patientId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIR_BOOKING_LOCK}, hashtext(${chairId}))`);
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(${PATIENT_BOOKING_LOCK}, hashtext(${patientId}))`,
  );
}

/**
 * Non-cancelled sessions of the chair or the patient that start in [from, to), with the duration
 * and protocol of their order (to compute how long each holds its chair and patient).
 */
export async function bookingsNear(
  tx: Tx,
  clinicId: string,
  query: { chairId: string; patientId: string; from: Date; to: Date },
) {
  return tx
    .select({
      id: infusionSessions.id,
      chairId: infusionSessions.chairId,
      patientId: infusionSessions.patientId,
      scheduledStartAt: infusionSessions.scheduledStartAt,
      durationMin: orders.durationMin,
      protocolId: orders.protocolId,
      protocolVersion: orders.protocolVersion,
    })
    .from(infusionSessions)
    .innerJoin(orders, eq(orders.id, infusionSessions.orderId))
    .where(
      and(
        eq(infusionSessions.clinicId, clinicId),
        or(
          eq(infusionSessions.chairId, query.chairId),
          eq(infusionSessions.patientId, query.patientId),
        ),
        ne(infusionSessions.state, 'cancelled'),
        gte(infusionSessions.scheduledStartAt, query.from),
        lt(infusionSessions.scheduledStartAt, query.to),
      ),
    );
}

export async function setSessionState(
  tx: Tx,
  scope: Scope,
  session: SessionRow,
  state: string,
  now: Date,
): Promise<SessionRow> {
  const [row] = await tx
    .update(infusionSessions)
    .set({ state, version: session.version + 1, updatedAt: now })
    .where(
      and(
        eq(infusionSessions.clinicId, scope.clinicId),
        eq(infusionSessions.id, session.id),
        eq(infusionSessions.version, session.version),
      ),
    )
    .returning();
  if (row === undefined) throw new Error('the locked session changed underneath its transition');
  return row;
}

/** Sessions occupying the clinic's chairs (not discharged, transferred or cancelled). */
export async function openSessions(tx: Tx, clinicId: string): Promise<SessionRow[]> {
  return tx
    .select()
    .from(infusionSessions)
    .where(
      and(
        eq(infusionSessions.clinicId, clinicId),
        notInArray(infusionSessions.state, [...CLOSED_STATES]),
      ),
    )
    .orderBy(asc(infusionSessions.scheduledStartAt));
}

export async function findCourse(tx: Tx, scope: Scope, id: string) {
  return first(
    await tx
      .select()
      .from(courses)
      .where(and(eq(courses.clinicId, scope.clinicId), eq(courses.id, id))),
  );
}

/** The active signed order of a course's session: its highest version. */
export async function activeOrder(
  tx: Tx,
  scope: Scope,
  courseId: string,
  sessionNumber: number,
): Promise<OrderRow | undefined> {
  return first(
    await tx
      .select()
      .from(orders)
      .where(
        and(
          eq(orders.clinicId, scope.clinicId),
          eq(orders.courseId, courseId),
          eq(orders.sessionNumber, sessionNumber),
        ),
      )
      .orderBy(desc(orders.version))
      .limit(1),
  );
}

export async function ordersByIds(
  tx: Tx,
  clinicId: string,
  ids: readonly string[],
): Promise<OrderRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.clinicId, clinicId), inArray(orders.id, [...ids])));
}

export interface PatientBasics {
  readonly id: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly sexAtBirth: string;
  readonly dateOfBirth: string;
}

export async function patientBasics(
  tx: Tx,
  clinicId: string,
  ids: readonly string[],
): Promise<PatientBasics[]> {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: patients.id,
      givenName: patients.legalGivenName,
      familyName: patients.legalFamilyName,
      sexAtBirth: patients.sexAtBirth,
      dateOfBirth: patients.dateOfBirth,
    })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, [...ids])));
}

export async function findTransition(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<TransitionRow | undefined> {
  return first(
    await tx
      .select()
      .from(sessionTransitions)
      .where(and(eq(sessionTransitions.clinicId, scope.clinicId), eq(sessionTransitions.id, id))),
  );
}

export async function insertTransition(
  tx: Tx,
  values: typeof sessionTransitions.$inferInsert,
): Promise<void> {
  await tx.insert(sessionTransitions).values(values);
}

export async function transitionsOf(
  tx: Tx,
  clinicId: string,
  sessionIds: readonly string[],
): Promise<TransitionRow[]> {
  if (sessionIds.length === 0) return [];
  return tx
    .select()
    .from(sessionTransitions)
    .where(
      and(
        eq(sessionTransitions.clinicId, clinicId),
        inArray(sessionTransitions.sessionId, [...sessionIds]),
      ),
    )
    .orderBy(asc(sessionTransitions.version));
}

export async function findDoubleCheckEntry(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<DoubleCheckRow | undefined> {
  return first(
    await tx
      .select()
      .from(doubleCheckEntries)
      .where(and(eq(doubleCheckEntries.clinicId, scope.clinicId), eq(doubleCheckEntries.id, id))),
  );
}

export async function doubleCheckEntriesOf(
  tx: Tx,
  clinicId: string,
  sessionId: string,
): Promise<DoubleCheckRow[]> {
  return tx
    .select()
    .from(doubleCheckEntries)
    .where(
      and(eq(doubleCheckEntries.clinicId, clinicId), eq(doubleCheckEntries.sessionId, sessionId)),
    )
    .orderBy(asc(doubleCheckEntries.round), asc(doubleCheckEntries.ordinal));
}

export async function insertDoubleCheckEntry(
  tx: Tx,
  values: typeof doubleCheckEntries.$inferInsert,
): Promise<void> {
  await tx.insert(doubleCheckEntries).values(values);
}

export async function findChartEntry(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<ChartEntryRow | undefined> {
  return first(
    await tx
      .select()
      .from(chartEntries)
      .where(and(eq(chartEntries.clinicId, scope.clinicId), eq(chartEntries.id, id))),
  );
}

export interface ChartTarget {
  readonly session: SessionRow;
  readonly order: OrderRow;
  /** The chart entry of the clinic that already has the write's id (a retry), if any. */
  readonly existing: ChartEntryRow | null;
}

/**
 * What a chart write needs before it writes, in one query: the session (locked when `forUpdate`), its
 * order, and any entry already stored under the write's client id. Undefined when the session is
 * missing or of another clinic.
 */
export async function findChartTarget(
  tx: Tx,
  scope: Scope,
  sessionId: string,
  entryId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ChartTarget | undefined> {
  const query = tx
    .select({ session: infusionSessions, order: orders, existing: chartEntries })
    .from(infusionSessions)
    .innerJoin(
      orders,
      and(eq(orders.clinicId, infusionSessions.clinicId), eq(orders.id, infusionSessions.orderId)),
    )
    .leftJoin(
      chartEntries,
      and(eq(chartEntries.clinicId, infusionSessions.clinicId), eq(chartEntries.id, entryId)),
    )
    .where(and(eq(infusionSessions.clinicId, scope.clinicId), eq(infusionSessions.id, sessionId)));
  return first(
    options.forUpdate === true ? await query.for('update', { of: infusionSessions }) : await query,
  );
}

export async function insertChartEntries(
  tx: Tx,
  values: ChartEntryInsert[],
): Promise<ChartEntryRow[]> {
  if (values.length === 0) return [];
  return tx.insert(chartEntries).values(values).returning();
}

export async function chartEntriesOf(
  tx: Tx,
  clinicId: string,
  sessionIds: readonly string[],
): Promise<ChartEntryRow[]> {
  if (sessionIds.length === 0) return [];
  return tx
    .select()
    .from(chartEntries)
    .where(
      and(eq(chartEntries.clinicId, clinicId), inArray(chartEntries.sessionId, [...sessionIds])),
    )
    .orderBy(asc(chartEntries.occurredAt), asc(chartEntries.seq));
}

/** The other sessions of the same course (for the day and course cumulative caps). */
export async function otherSessionsOfCourse(tx: Tx, session: SessionRow): Promise<SessionRow[]> {
  return tx
    .select()
    .from(infusionSessions)
    .where(
      and(
        eq(infusionSessions.clinicId, session.clinicId),
        eq(infusionSessions.courseId, session.courseId),
        ne(infusionSessions.id, session.id),
      ),
    );
}
