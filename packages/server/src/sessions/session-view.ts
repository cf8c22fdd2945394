/**
 * What a session's rows mean right now: the pump events for core's cumulative-dose fold, the
 * current rate, active (unacknowledged) alarms, the last entry of each charted item and the start
 * of the current charting phase. Arithmetic stays in core (administeredDose, chartingDue).
 */
import {
  administeredDose,
  chartingDue,
  lastChartedAt,
  type ChartingPrompt,
  type InfusionEvent,
  type LastEntries,
  type Protocol,
} from '@ketaflow/core';
import { chartingScheduleOf } from './protocol-rules.ts';
import type { ChartEntryRow, OrderRow, TransitionRow } from './repository.ts';

export interface AlarmView {
  readonly id: string;
  readonly ruleId: string;
  readonly field: string;
  readonly value: number;
  readonly comparison: string;
  readonly threshold: number;
  readonly action: string;
  readonly raisedAt: string;
  readonly acknowledged: boolean;
}

const PUMP_EVENTS = new Set(['start', 'pause', 'resume', 'stop']);

/** Pump events in time order: transitions start/pause/resume/stop and charted rate changes. */
export function infusionEventsOf(
  order: OrderRow,
  transitions: readonly TransitionRow[],
  entries: readonly ChartEntryRow[],
): InfusionEvent[] {
  const events: InfusionEvent[] = [];
  for (const t of transitions) {
    if (!PUMP_EVENTS.has(t.event)) continue;
    const atMs = t.occurredAt.getTime();
    if (t.event === 'start') events.push({ type: 'start', atMs, rateMgPerH: order.rateMgPerH });
    else events.push({ type: t.event as 'pause' | 'resume' | 'stop', atMs });
  }
  for (const e of entries) {
    if (e.kind !== 'rate-change') continue;
    events.push({
      type: 'rate-change',
      atMs: e.occurredAt.getTime(),
      rateMgPerH: Number(e.payload.rateMgPerH),
    });
  }
  return events.sort((a, b) => a.atMs - b.atMs);
}

/** The programmed rate now: the order's until the first charted rate change. */
export function currentRate(
  order: OrderRow,
  entries: readonly ChartEntryRow[],
): { rateMgPerH: number; rateMlPerH: number } {
  let rate = { rateMgPerH: order.rateMgPerH, rateMlPerH: order.rateMlPerH };
  for (const e of entries) {
    if (e.kind === 'rate-change') {
      rate = { rateMgPerH: Number(e.payload.rateMgPerH), rateMlPerH: Number(e.payload.rateMlPerH) };
    }
  }
  return rate;
}

export function alarmsOf(entries: readonly ChartEntryRow[]): AlarmView[] {
  const acked = new Set(
    entries.filter((e) => e.kind === 'alarm-ack').map((e) => String(e.payload.alarmId)),
  );
  return entries
    .filter((e) => e.kind === 'alarm')
    .map((e) => ({
      id: e.id,
      ruleId: String(e.payload.ruleId),
      field: String(e.payload.field),
      value: Number(e.payload.value),
      comparison: String(e.payload.comparison),
      threshold: Number(e.payload.threshold),
      action: String(e.payload.action),
      raisedAt: e.occurredAt.toISOString(),
      acknowledged: acked.has(e.id),
    }));
}

/** When the current charting phase began: the last start or recovery, or null before the start. */
export function phaseStartMs(state: string, transitions: readonly TransitionRow[]): number | null {
  const wanted = state === 'recovery' ? 'begin-recovery' : 'start';
  if (!['running', 'paused', 'recovery'].includes(state)) return null;
  const found = [...transitions].reverse().find((t) => t.event === wanted);
  return found === undefined ? null : found.occurredAt.getTime();
}

/** When each charting item was last charted (core decides which entries satisfy which item). */
export function lastEntriesOf(entries: readonly ChartEntryRow[], nowMs: number): LastEntries {
  return lastChartedAt(
    entries.map((e) => ({ kind: e.kind, atMs: e.occurredAt.getTime(), payload: e.payload })),
    nowMs,
  );
}

/** Due/overdue prompts at `nowMs`; none outside the running, paused and recovery phases. */
export function promptsOf(
  protocol: Protocol,
  state: string,
  transitions: readonly TransitionRow[],
  entries: readonly ChartEntryRow[],
  nowMs: number,
): readonly ChartingPrompt[] {
  const start = phaseStartMs(state, transitions);
  if (start === null) return [];
  const due = chartingDue(
    chartingScheduleOf(protocol, start),
    lastEntriesOf(entries, nowMs),
    nowMs,
  );
  return due.ok ? due.value : [];
}

/** Administered mg so far and running minutes (core's exact fold; never under-reports). */
export function administeredOf(
  events: readonly InfusionEvent[],
  nowMs: number,
): { administeredMg: number; administeredUg: number; runningMin: number } {
  const lastMs = events.at(-1)?.atMs ?? nowMs;
  const dose = administeredDose(events, Math.max(nowMs, lastMs));
  if (!dose.ok) throw new Error(`stored pump events do not fold: ${dose.error.code}`);
  return {
    administeredMg: dose.value.administeredUg / 1000,
    administeredUg: dose.value.administeredUg,
    runningMin: Math.floor(dose.value.runningMs / 60_000),
  };
}
