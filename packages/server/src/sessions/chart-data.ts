/**
 * The session chart: every entry and transition time-aligned, the active alarms, due/overdue prompts,
 * the cumulative dose from core, and the plasma concentration predicted by core's PK engine for the
 * infusion as it was actually given (pump events and charted rate changes), with the model's
 * population warnings (e.g. a patient outside the ages or weights the model was built on).
 */
import { inSequence } from './in-sequence.ts';
import type { ChartData } from '@ketaflow/contract';
import { simulate, type Infusion, type InfusionEvent, type PkPatient } from '@ketaflow/core';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import { notFound } from '../http/errors.ts';
import type { ServiceContext } from '../http/context.ts';
import { DEFAULT_PK_MODEL, protocolOf } from './protocol-rules.ts';
import {
  chartEntriesOf,
  findSession,
  ordersByIds,
  patientBasics,
  transitionsOf,
  type OrderRow,
} from './repository.ts';
import { entryDto } from './charting-service.ts';
import {
  administeredOf,
  alarmsOf,
  currentRate,
  infusionEventsOf,
  promptsOf,
} from './session-view.ts';

const MIN_MS = 60_000;

/** Constant-rate segments of the infusion as given, in minutes from the start. */
export function infusionSegments(events: readonly InfusionEvent[], untilMs: number): Infusion[] {
  const segments: Infusion[] = [];
  const startMs = events.find((e) => e.type === 'start')?.atMs;
  if (startMs === undefined) return segments;
  let rate = 0;
  let running = false;
  let fromMs = startMs;
  const close = (atMs: number): void => {
    if (running && atMs > fromMs && rate > 0) {
      segments.push({
        startMin: (fromMs - startMs) / MIN_MS,
        durationMin: (atMs - fromMs) / MIN_MS,
        rateMgPerH: rate,
      });
    }
    fromMs = atMs;
  };
  for (const e of events) {
    close(e.atMs);
    if (e.type === 'start' || e.type === 'rate-change') rate = e.rateMgPerH;
    running = e.type === 'start' || e.type === 'rate-change' || e.type === 'resume';
  }
  close(untilMs);
  return segments;
}

/** Whole years between a date of birth and a clinic date (both YYYY-MM-DD). */
export function ageInYears(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  if (
    by === undefined ||
    bm === undefined ||
    bd === undefined ||
    y === undefined ||
    m === undefined ||
    d === undefined
  )
    return 0;
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function predicted(
  order: OrderRow,
  events: readonly InfusionEvent[],
  nowMs: number,
  patient: { dateOfBirth: string },
  today: string,
): ChartData['predicted'] {
  const startMs = events.find((e) => e.type === 'start')?.atMs;
  const measures = (
    order.calculation as {
      inputs?: { patient?: { weightKg: number; heightCm: number; sex: 'female' | 'male' } };
    }
  ).inputs?.patient;
  if (startMs === undefined || measures === undefined)
    return { model: null, points: [], warnings: [] };
  const stopped = events.find((e) => e.type === 'stop')?.atMs;
  const untilMs = Math.max(nowMs, startMs + MIN_MS);
  const pkPatient: PkPatient = {
    weightKg: measures.weightKg,
    heightCm: measures.heightCm,
    sex: measures.sex,
    ageYears: ageInYears(patient.dateOfBirth, today),
  };
  const untilMin = Math.ceil((untilMs - startMs) / MIN_MS);
  const result = simulate({
    model: DEFAULT_PK_MODEL,
    patient: pkPatient,
    boluses: [],
    infusions: infusionSegments(events, stopped ?? untilMs),
    untilMin,
    stepMin: Math.max(1, Math.ceil(untilMin / 240)),
  });
  if (!result.ok) return { model: DEFAULT_PK_MODEL, points: [], warnings: [result.error.message] };
  return {
    model: result.value.model,
    points: Array.from(result.value.timesMin, (t, i) => ({
      at: new Date(startMs + t * MIN_MS).toISOString(),
      ngPerMl: result.value.plasmaNgPerMl[i] ?? 0,
    })),
    warnings: result.value.warnings.map((w) => w.message),
  };
}

export async function chartData(
  ctx: ServiceContext,
  sessionId: string,
  now: Date,
): Promise<ChartData> {
  ctx.scope.require('session.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const session = await findSession(tx, ctx.scope, sessionId);
    if (session === undefined) throw notFound('session');
    const clinicId = ctx.scope.clinicId;
    const [[order], [patient], transitions, entries] = await inSequence([
      () => ordersByIds(tx, clinicId, [session.orderId]),
      () => patientBasics(tx, clinicId, [session.patientId]),
      () => transitionsOf(tx, clinicId, [session.id]),
      () => chartEntriesOf(tx, clinicId, [session.id]),
    ]);
    if (order === undefined || patient === undefined)
      throw new Error('session without order or patient');
    const today = calendarDateIn(await clinicTimeZone(tx, clinicId), now);
    const protocol = protocolOf({ id: order.protocolId, version: order.protocolVersion });
    const events = infusionEventsOf(order, transitions, entries);
    const nowMs = now.getTime();
    const given = administeredOf(events, nowMs);
    const rate = currentRate(order, entries);
    audit({
      action: 'session.chart-read',
      resourceType: 'infusion-session',
      resourceId: session.id,
      patientId: session.patientId,
      outcome: 'success',
    });
    return {
      sessionId: session.id,
      state: session.state,
      entries: entries.map(entryDto),
      transitions: transitions.map((t) => ({
        event: t.event,
        from: t.fromState,
        to: t.toState,
        occurredAt: t.occurredAt.toISOString(),
      })),
      activeAlarms: alarmsOf(entries).filter((a) => !a.acknowledged),
      prompts: promptsOf(protocol, session.state, transitions, entries, nowMs).map((p) => ({
        item: p.item,
        status: p.status,
        dueAt: new Date(p.dueAtMs).toISOString(),
        overdueAt: new Date(p.overdueAtMs).toISOString(),
        minutesPastDue: p.minutesPastDue,
        sources: p.sources.map((r) => ({ id: r.id, version: r.version })),
      })),
      cumulative: {
        administeredMg: given.administeredMg,
        currentRateMgPerH: session.state === 'running' ? rate.rateMgPerH : 0,
        currentRateMlPerH: session.state === 'running' ? rate.rateMlPerH : 0,
        runningMin: given.runningMin,
      },
      predicted: predicted(order, events, nowMs, patient, today),
    };
  });
}
