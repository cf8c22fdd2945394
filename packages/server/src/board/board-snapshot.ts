/**
 * The chair board of one clinic: every chair with the session occupying it (patient initials only —
 * the minimum necessary on a wall screen), protocol, state, elapsed and remaining minutes, current
 * rate in mg/h and mL/h, last vitals with their age, overdue checks and active alarms. A handful of
 * queries for the whole clinic, whatever the number of chairs.
 */
import { inSequence } from '../sessions/in-sequence.ts';
import type { BoardSnapshot, BoardTile } from '@ketaflow/contract';
import type { Tx } from '../db/client.ts';
import { protocolOf } from '../sessions/protocol-rules.ts';
import { boardEntriesOf } from '../sessions/board-entries.ts';
import {
  openSessions,
  ordersByIds,
  patientBasics,
  transitionsOf,
  type SessionRow,
} from '../sessions/repository.ts';
import { chairs } from '../sessions/schema.ts';
import {
  administeredOf,
  alarmsOf,
  currentRate,
  infusionEventsOf,
  promptsOf,
} from '../sessions/session-view.ts';
import { asc, eq } from 'drizzle-orm';

const MIN_MS = 60_000;
const initial = (name: string): string => name.trim().charAt(0).toUpperCase();

/** Builds the board at `now` for `clinicId` (the caller has checked `board.read` for that clinic). */
export async function boardSnapshot(tx: Tx, clinicId: string, now: Date): Promise<BoardSnapshot> {
  const nowMs = now.getTime();
  const chairRows = await tx
    .select()
    .from(chairs)
    .where(eq(chairs.clinicId, clinicId))
    .orderBy(asc(chairs.name));
  const open = await openSessions(tx, clinicId);
  // One session per chair: the running one if any, else the earliest scheduled.
  const byChair = new Map<string, SessionRow>();
  for (const s of open) {
    const held = byChair.get(s.chairId);
    if (held === undefined || (held.state === 'scheduled' && s.state !== 'scheduled'))
      byChair.set(s.chairId, s);
  }
  const shown = [...byChair.values()];
  const ids = shown.map((s) => s.id);
  const [orders, patients, transitions, entries] = await inSequence([
    () =>
      ordersByIds(
        tx,
        clinicId,
        shown.map((s) => s.orderId),
      ),
    () =>
      patientBasics(
        tx,
        clinicId,
        shown.map((s) => s.patientId),
      ),
    () => transitionsOf(tx, clinicId, ids),
    () => boardEntriesOf(tx, clinicId, ids),
  ]);
  const tiles: BoardTile[] = chairRows.map((chair) => {
    const session = byChair.get(chair.id);
    const order = session === undefined ? undefined : orders.find((o) => o.id === session.orderId);
    const patient =
      session === undefined ? undefined : patients.find((p) => p.id === session.patientId);
    if (session === undefined || order === undefined || patient === undefined) {
      return { chairId: chair.id, chairName: chair.name, session: null };
    }
    const ts = transitions.filter((t) => t.sessionId === session.id);
    const es = entries.filter((e) => e.sessionId === session.id);
    const protocol = protocolOf({ id: order.protocolId, version: order.protocolVersion });
    const events = infusionEventsOf(order, ts, es);
    const started = ts.find((t) => t.event === 'start');
    const given = administeredOf(events, nowMs);
    const running = session.state === 'running';
    const rate = currentRate(order, es);
    const lastVitals = [...es].reverse().find((e) => e.kind === 'vitals');
    return {
      chairId: chair.id,
      chairName: chair.name,
      session: {
        id: session.id,
        initials: `${initial(patient.givenName)}${initial(patient.familyName)}`,
        protocol: protocol.title,
        state: session.state,
        elapsedMin:
          started === undefined
            ? null
            : Math.floor((nowMs - started.occurredAt.getTime()) / MIN_MS),
        remainingMin:
          started === undefined ? null : Math.max(0, order.durationMin - given.runningMin),
        rateMgPerH: running ? rate.rateMgPerH : 0,
        rateMlPerH: running ? rate.rateMlPerH : 0,
        lastVitals:
          lastVitals === undefined
            ? null
            : {
                values: lastVitals.payload.vitals as Record<string, number>,
                ageMin: Math.floor((nowMs - lastVitals.occurredAt.getTime()) / MIN_MS),
              },
        overdue: promptsOf(protocol, session.state, ts, es, nowMs)
          .filter((p) => p.status === 'overdue')
          .map((p) => p.item),
        activeAlarms: alarmsOf(es)
          .filter((a) => !a.acknowledged)
          .map((a) => ({
            id: a.id,
            ruleId: a.ruleId,
            field: a.field,
            value: a.value,
            comparison: a.comparison,
            threshold: a.threshold,
            action: a.action,
          })),
      },
    };
  });
  return { clinicId, generatedAt: now.toISOString(), chairs: tiles };
}
