/**
 * Shared test fixtures for the session rules: a protocol context with thresholds and, for each
 * guarded event, a payload that passes its guard. Synthetic values only.
 */
import type { InfusionEvent } from './cumulative-dose.ts';
import type { IsoDate } from './iso-date.ts';
import type { PreInfusionFacts } from './pre-infusion-checks.ts';
import type { SessionContext, SessionEvent, SessionEventType } from './session-state.ts';

export const protocolRef = { id: 'test-protocol', version: '1.0.0' } as const;

export const context: SessionContext = {
  preInfusion: {
    source: protocolRef,
    fastingRequired: true,
    escortRequired: true,
    pregnancyTestRequired: true,
    baselineLimits: [
      { field: 'systolicBpMmHg', min: 90, max: 180 },
      { field: 'heartRateBpm', min: 50, max: 150 },
      { field: 'respiratoryRatePerMin', min: 10, max: 30 },
    ],
  },
  doubleCheck: {
    source: { id: 'independent-double-check', version: '0.1.0' },
    maxRelativeDifference: 0.01,
  },
  discharge: { source: protocolRef, minimumTotal: 9, minObservationMin: 60 },
};

const T0 = Date.UTC(2026, 10, 25, 15, 0);
const MIN = 60_000;

/** A 4-hour infusion started at T0 and stopped at T0 + 240 min. */
export const infusion: readonly InfusionEvent[] = [
  { type: 'start', atMs: T0, rateMgPerH: 24.5 },
  { type: 'stop', atMs: T0 + 240 * MIN },
];
/** A discharge 60 min after the end of `infusion`: exactly the fixture protocol's minimum. */
export const dischargeAtMs = T0 + 300 * MIN;

/** A discharge event after the minimum observation with the given Aldrete total. */
export const dischargeEvent = (total: number): SessionEvent => ({
  type: 'discharge',
  assessment: { total },
  infusion,
  atMs: dischargeAtMs,
});

export const passingFacts: PreInfusionFacts = {
  clinicDate: '2026-11-25' as IsoDate,
  consentValidThrough: '2027-05-01' as IsoDate,
  fastingConfirmed: true,
  escortConfirmed: true,
  pregnancyTest: 'negative',
  baselineVitals: { systolicBpMmHg: 128, heartRateBpm: 72, respiratoryRatePerMin: 14 },
};

/** One event of each type whose guard passes. */
export const passingEvent: Readonly<Record<SessionEventType, SessionEvent>> = {
  'check-in': { type: 'check-in' },
  'complete-prechecks': { type: 'complete-prechecks', facts: passingFacts },
  'record-double-check': {
    type: 'record-double-check',
    first: { userId: 'nurse-a', concentrationMgPerMl: 1, rateMlPerH: 24.5 },
    second: { userId: 'nurse-b', concentrationMgPerMl: 1, rateMlPerH: 24.5 },
  },
  start: { type: 'start' },
  pause: { type: 'pause' },
  resume: { type: 'resume' },
  stop: { type: 'stop' },
  'begin-recovery': { type: 'begin-recovery' },
  discharge: dischargeEvent(10),
  transfer: { type: 'transfer' },
  cancel: { type: 'cancel' },
};
