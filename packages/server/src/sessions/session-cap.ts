/**
 * The protocol's cumulative caps on a started session (safety-security.md d-3), with core's
 * arithmetic: a resume whose projection to the planned stop would break the session or daily total is
 * a hard stop listing what was given (core's wouldExceedCap; a rate change gets the same from core's
 * checkRateChange), and once the administered total has reached the session cap the next chart write
 * raises a `session-cap` alarm (acknowledged like a stop-rule alarm).
 *
 * Every rate change, and the order itself, is checked for the planned minutes, so the session cap
 * can only be reached after the pump ran longer than planned: a chart write earlier than that needs
 * no history (the chart group commit stores it without reading one; see `capCheckDue`).
 */
import {
  administeredDose,
  formatNumber,
  formatRef,
  toMicro,
  wouldExceedCap,
  type DoseCaps,
  type InfusionEvent,
  type Protocol,
} from '@ketaflow/core';
import type { Tx } from '../db/client.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { inSequence } from './in-sequence.ts';
import {
  chartEntriesOf,
  ordersByIds,
  otherSessionsOfCourse,
  transitionsOf,
  type ChartEntryRow,
  type OrderRow,
  type SessionRow,
} from './repository.ts';
import { protocolOf } from './protocol-rules.ts';
import { administeredOf, infusionEventsOf } from './session-view.ts';
import type { GuardFailure } from './guard-failure.ts';

/** The alarm's rule id: not a protocol stop rule, the protocol's session cap. */
export const SESSION_CAP_RULE = 'session-cap';

const MS_PER_MIN = 60_000;

export const capsOf = (protocol: Protocol): DoseCaps => ({
  sessionMaxMg: protocol.caps.sessionMaxMg,
  dailyMaxMg: protocol.caps.dayMaxMg,
  source: protocol.ref,
});

/** Whole minutes of the order's duration the pump has not run yet; 0 once the planned time is over. */
export const remainingMinOf = (order: Pick<OrderRow, 'durationMin'>, runningMs: number): number =>
  Math.max(0, order.durationMin - Math.floor(runningMs / MS_PER_MIN));

/**
 * Whether a chart write must look at the administered total: the planned duration has passed since
 * the start (the pump cannot have run longer than the wall clock).
 */
export const capCheckDue = (
  startedAt: Date | null,
  order: Pick<OrderRow, 'durationMin'>,
  now: Date,
): boolean =>
  startedAt !== null && now.getTime() - startedAt.getTime() >= order.durationMin * MS_PER_MIN;

/**
 * Administered µg of every other session of the same patient and course by `now`: `day` those started
 * on the clinic's calendar day of `now`, `course` all of them (for the day and course caps).
 */
export async function otherSessionsGivenUg(
  tx: Tx,
  session: SessionRow,
  now: Date,
): Promise<{ day: number; course: number }> {
  const others = await otherSessionsOfCourse(tx, session);
  if (others.length === 0) return { day: 0, course: 0 };
  const ids = others.map((s) => s.id);
  const [orders, transitions, entries] = await inSequence([
    () =>
      ordersByIds(
        tx,
        session.clinicId,
        others.map((s) => s.orderId),
      ),
    () => transitionsOf(tx, session.clinicId, ids),
    () => chartEntriesOf(tx, session.clinicId, ids),
  ]);
  let day = 0;
  let course = 0;
  const timeZone = await clinicTimeZone(tx, session.clinicId);
  const clinicDay = (d: Date): string => calendarDateIn(timeZone, d);
  const today = clinicDay(now);
  for (const other of others) {
    const order = orders.find((o) => o.id === other.orderId);
    if (order === undefined) continue;
    const ts = transitions.filter((t) => t.sessionId === other.id);
    const events = infusionEventsOf(
      order,
      ts,
      entries.filter((e) => e.sessionId === other.id),
    );
    const given = administeredOf(events, now.getTime()).administeredUg;
    course += given;
    const start = ts.find((t) => t.event === 'start');
    if (start !== undefined && clinicDay(start.occurredAt) === today) day += given;
  }
  return { day, course };
}

/**
 * The hard stop for resuming the pump at `now` when running on at its rate until the planned stop
 * would break the session or daily cap; undefined when it stays within both. Call inside the
 * transition's transaction, after the session was locked.
 */
export async function resumeCapFailure(
  tx: Tx,
  session: SessionRow,
  order: OrderRow,
  now: Date,
): Promise<GuardFailure | undefined> {
  const protocol = protocolOf({ id: order.protocolId, version: order.protocolVersion });
  const [transitions, entries] = await inSequence([
    () => transitionsOf(tx, session.clinicId, [session.id]),
    () => chartEntriesOf(tx, session.clinicId, [session.id]),
  ]);
  const events = infusionEventsOf(order, transitions, entries);
  const atMs = Math.max(now.getTime(), events.at(-1)?.atMs ?? now.getTime());
  const given = administeredDose(events, atMs);
  if (!given.ok) throw new Error(`stored pump events do not fold: ${given.error.code}`);
  const remainingMin = remainingMinOf(order, given.value.runningMs);
  const earlierTodayUg = (await otherSessionsGivenUg(tx, session, now)).day;
  const projection = wouldExceedCap({
    events,
    next: { type: 'resume', atMs },
    plannedStopAtMs: atMs + remainingMin * MS_PER_MIN,
    earlierTodayUg,
    caps: capsOf(protocol),
  });
  if (!projection.ok) throw new Error(`stored pump events do not fold: ${projection.error.code}`);
  const p = projection.value;
  if (!p.exceeds) return undefined;
  const mg = (ug: number): string => `${formatNumber(ug / 1000, 3)} mg`;
  const cap =
    p.limitingCap === 'daily'
      ? `the daily cap of ${mg(p.dailyMaxUg)} (${mg(p.projectedDayUg)} today)`
      : `the session cap of ${mg(p.sessionMaxUg)} (${mg(p.projectedSessionUg)} this session)`;
  return {
    code: 'session.cap-exceeded',
    message: `${mg(given.value.administeredUg)} given this session and ${mg(earlierTodayUg)} earlier today; running on for the remaining ${String(remainingMin)} min would exceed ${cap} (${formatRef(p.source)}). The infusion cannot be resumed; stop it.`,
    field: 'body.event',
    evidence: {
      givenMg: { session: given.value.administeredUg / 1000, earlierToday: earlierTodayUg / 1000 },
      remainingMin,
      projection: p,
    },
  };
}

/**
 * The `session-cap` alarm's payload when the total administered by `now` has reached the protocol's
 * session cap and no such alarm was raised on this session yet; otherwise undefined.
 */
export function sessionCapAlarm(
  protocol: Protocol,
  events: readonly InfusionEvent[],
  entries: readonly ChartEntryRow[],
  now: Date,
): Record<string, unknown> | undefined {
  if (
    entries.some((e) => e.kind === 'alarm' && e.payload.ruleId === SESSION_CAP_RULE) ||
    events.length === 0
  ) {
    return undefined;
  }
  const capUg = toMicro(protocol.caps.sessionMaxMg, 'caps.sessionMaxMg');
  if (!capUg.ok) throw new Error(`protocol ${formatRef(protocol.ref)}: ${capUg.error.message}`);
  const lastMs = events.at(-1)?.atMs ?? now.getTime();
  const given = administeredDose(events, Math.max(now.getTime(), lastMs));
  if (!given.ok) throw new Error(`stored pump events do not fold: ${given.error.code}`);
  if (given.value.administeredUg < capUg.value) return undefined;
  return {
    ruleId: SESSION_CAP_RULE,
    field: 'administeredMg',
    value: given.value.administeredUg / 1000,
    comparison: 'at-or-above',
    threshold: protocol.caps.sessionMaxMg,
    action: 'stop',
    source: protocol.ref,
  };
}
