/**
 * Charting on an infusion session: every entry carries a client-generated id (retries never
 * duplicate) and the clinical time it happened. Vitals, sedation and pain values are validated by
 * core against cited plausible ranges; rate changes are re-checked by core's guardrails; a value
 * that crosses a protocol stop rule raises an alarm that must be acknowledged with an action.
 */
import { z } from 'zod';
import { IsoDateTime, Uuid } from './common.ts';
import { WitnessCredentials } from './ledger.ts';

const base = { id: Uuid, occurredAt: IsoDateTime };

const RateUnit = z.enum(['mL/h', 'mg/h', 'mg/kg/h']);

/**
 * The independent double check of a rate change at or above the soft limit (T-37): a second
 * clinician signs in at the pump with their own credentials and re-enters, blind, the new rate (in
 * the unit of the change) and the bag concentration. Never part of a response.
 */
export const RateChangeDoubleCheck = z.strictObject({
  checker: WitnessCredentials,
  rate: z.strictObject({ value: z.number(), unit: RateUnit }),
  concentrationMgPerMl: z.number(),
});
export type RateChangeDoubleCheck = z.infer<typeof RateChangeDoubleCheck>;

export const ChartEntryRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    kind: z.literal('vitals'),
    /** systolicBpMmHg, diastolicBpMmHg, heartRateBpm, spo2Percent, respiratoryRatePerMin, etco2MmHg? */
    vitals: z.record(z.string(), z.number()),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('sedation'),
    scale: z.enum(['rass', 'moaas']),
    score: z.number().int(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('dissociation'),
    present: z.boolean(),
    description: z.string().trim().max(1000).optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('pain'), painNrs: z.number().int() }),
  z.strictObject({ ...base, kind: z.literal('note'), text: z.string().trim().min(1).max(4000) }),
  z.strictObject({
    ...base,
    kind: z.literal('rate-change'),
    newRate: z.strictObject({ value: z.number(), unit: RateUnit }),
    reason: z.string().trim().min(1).max(500),
    overrideReason: z.string().trim().min(1).max(500).optional(),
    /** Required for an increase that needs an override reason (`rate-change.double-check-required`). */
    doubleCheck: RateChangeDoubleCheck.optional(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('adverse-event'),
    type: z.string().min(1).max(80),
    severity: z.string().min(1).max(40),
    startedAt: IsoDateTime,
    endedAt: IsoDateTime.optional(),
    action: z.string().trim().min(1).max(500),
    description: z.string().trim().max(2000).optional(),
    rescue: z
      .array(
        z.strictObject({
          medication: z.string().min(1).max(80),
          dose: z.number(),
          doseUnit: z.string().min(1).max(20),
          route: z.string().min(1).max(40),
          givenAt: IsoDateTime,
        }),
      )
      .max(20)
      .optional(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('alarm-ack'),
    alarmId: Uuid,
    /** What the clinician did about it (paused, stopped, notified prescriber …). */
    action: z.string().trim().min(1).max(500),
  }),
]);
export type ChartEntryRequest = z.infer<typeof ChartEntryRequest>;

export const ChartEntryDto = z.object({
  id: Uuid,
  kind: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  recordedBy: Uuid,
  payload: z.record(z.string(), z.unknown()),
});
export type ChartEntryDto = z.infer<typeof ChartEntryDto>;

export const AlarmDto = z.object({
  id: Uuid,
  ruleId: z.string(),
  field: z.string(),
  value: z.number(),
  comparison: z.string(),
  threshold: z.number(),
  action: z.string(),
  raisedAt: z.string(),
  acknowledged: z.boolean(),
});

export const ChartWriteResult = z.object({
  entry: ChartEntryDto,
  /** Alarms this entry raised (empty when none). */
  alarms: z.array(AlarmDto),
  /** False when this was a retry of an entry already stored. */
  created: z.boolean(),
});

export const ChartingPromptDto = z.object({
  /** vitals, sedation (RASS or MOAA/S), pain (NRS) or dissociation; show an unknown one by name. */
  item: z.string(),
  status: z.enum(['not-due', 'due', 'overdue']),
  dueAt: z.string(),
  overdueAt: z.string(),
  minutesPastDue: z.number().int(),
  /** The knowledge (protocol id@version, grace policy) the due and overdue times came from. */
  sources: z.array(z.object({ id: z.string(), version: z.string() })).optional(),
});

export const ConcentrationPoint = z.object({ at: z.string(), ngPerMl: z.number() });

export const ChartData = z.object({
  sessionId: Uuid,
  state: z.string(),
  entries: z.array(ChartEntryDto),
  transitions: z.array(
    z.object({ event: z.string(), from: z.string(), to: z.string(), occurredAt: z.string() }),
  ),
  activeAlarms: z.array(AlarmDto),
  prompts: z.array(ChartingPromptDto),
  cumulative: z.object({
    administeredMg: z.number(),
    currentRateMgPerH: z.number(),
    currentRateMlPerH: z.number(),
    runningMin: z.number(),
  }),
  predicted: z.object({
    model: z.object({ id: z.string(), version: z.string() }).nullable(),
    points: z.array(ConcentrationPoint),
    warnings: z.array(z.string()),
  }),
});
export type ChartData = z.infer<typeof ChartData>;
