/**
 * The shape of the outcome page the web reads. The contract carries core's PatientOutcomes as an
 * open record, so the page parses the parts it shows here (the API client turns a shape it does not
 * understand into an error; nothing is rendered half-way); the compile-time check below keeps this
 * schema in step with core's type.
 */
import type { PatientOutcomes } from '@ketaflow/core';
import { z } from 'zod';
import { PatientOutcomesResponse } from '@ketaflow/contract';

const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const Ref = z.object({ id: z.string(), version: z.string() });
const averageWindow = { windowStart: z.string(), windowEnd: z.string(), readingCount: z.number() };
const PainAverage = z.union([
  z.object({ status: z.literal('known'), meanNrs: z.number(), ...averageWindow }),
  z.object({
    status: z.literal('unknown'),
    reason: z.string(),
    minimumReadings: z.number(),
    ...averageWindow,
  }),
]);

export const OutcomesView = z.object({
  today: z.string(),
  firstInfusion: z.string(),
  lastInfusion: z.string(),
  daysSinceLastInfusion: z.number(),
  trajectory: z.object({
    baseline: PainAverage,
    points: list(
      z.object({
        date: z.string(),
        nrs: z.number(),
        changeFromBaseline: z.number().nullable(),
        percentChangeFromBaseline: z.number().nullable(),
      }),
    ),
    rules: Ref,
  }),
  rapidOnset: z.object({
    sessions: list(
      z.object({
        sessionId: z.string(),
        date: z.string(),
        nrsBefore: z.number().nullable(),
        nrsAfter: z.number().nullable(),
        changePoints: z.number().nullable(),
        reductionPercent: z.number().nullable(),
        status: z.enum(['response', 'no-response', 'unknown', 'not-applicable']),
      }),
    ),
    thresholdPercent: z.number(),
    rules: Ref,
  }),
  responder: z.object({
    current: PainAverage,
    pain: z.union([
      z.object({
        status: z.literal('known'),
        percentReduction: z.number(),
        reached: list(z.string()),
      }),
      z.object({ status: z.literal('unknown'), reason: z.string() }),
    ]),
    pgic: z.union([
      z.object({
        status: z.literal('known'),
        date: z.string(),
        answer: z.number(),
        reached: list(z.string()),
      }),
      z.object({ status: z.literal('unknown'), reason: z.string() }),
    ]),
    painInstrument: Ref,
    pgicInstrument: Ref,
    rules: Ref,
  }),
  durableRelief: z.object({
    relief: z.union([
      z.object({
        status: z.literal('returned'),
        days: z.number(),
        returnedOn: z.string(),
        reliefAchieved: z.boolean(),
      }),
      z.object({
        status: z.literal('censored'),
        days: z.number(),
        censoredOn: z.string(),
        reliefAchieved: z.boolean(),
      }),
      z.object({ status: z.literal('unknown'), reason: z.string() }),
    ]),
    returnLevelNrs: z.number().nullable(),
    rules: Ref,
  }),
  booster: z.object({
    suggest: z.boolean(),
    criteria: list(
      z.object({ id: z.string(), state: z.enum(['met', 'unmet', 'unknown']), detail: z.string() }),
    ),
    rule: Ref,
  }),
  exposure: z.object({
    sessions: z.number(),
    totalMg: z.number(),
    totalMgPerKg: z.number(),
    bySession: list(
      z.object({
        date: z.string(),
        doseMg: z.number(),
        weightKg: z.number(),
        doseMgPerKg: z.number(),
      }),
    ),
  }),
  monitoring: z.object({
    reminders: list(
      z.object({
        ruleId: z.string(),
        title: z.string(),
        due: z.boolean(),
        sessionsSinceLastCheck: z.number(),
        everySessions: z.number(),
        lastCheckedOn: z.string().nullable(),
      }),
    ),
    plan: Ref,
  }),
});
export type OutcomesView = z.infer<typeof OutcomesView>;

// Compile-time: everything core computes fits this view (a renamed core field fails typecheck here).
export const fromCore = (outcomes: PatientOutcomes): OutcomesView => outcomes;

/** The contract's answer with the outcome record parsed as above (the client rejects other shapes). */
const [noInfusions, assessed] = PatientOutcomesResponse.options;
export const OutcomesAnswer = z.union([noInfusions, assessed.extend({ outcomes: OutcomesView })]);

export const refText = (ref: { readonly id: string; readonly version: string }): string =>
  `${ref.id}@${ref.version}`;
