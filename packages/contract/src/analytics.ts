/**
 * Clinic analytics (prescriber and researcher): a cohort filter, the cohort summary (n, responder
 * rates with Wilson intervals, Kaplan–Meier durable relief, MME change, adverse events per 100
 * sessions, rapid onset) and two cohorts side by side. Shapes mirror @ketaflow/core's
 * CohortSummary and CohortComparison.
 */
import { z } from 'zod';

/** Responses mirror core's readonly arrays. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const KnowledgeRefSchema = z.object({ id: z.string(), version: z.string() });

/** ICD-10-CM code prefix, e.g. "G90.5" (letters upper-case). */
const ConditionPrefix = z
  .string()
  .regex(/^[A-Z][0-9A-Z.]{0,7}$/, 'Use an ICD-10-CM code or prefix, e.g. G90.5.');
const BandId = z.string().regex(/^[0-9.]+(-[0-9.]+|\+)$/, 'Use a band id such as 0.5-1 or 2+.');

export const CohortFilter = z.strictObject({
  conditionPrefixes: z.array(ConditionPrefix).min(1).max(20).optional(),
  protocols: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, 'Use a protocol knowledge id.'),
        version: z.string().regex(/^\d+\.\d+\.\d+$/, 'Use a semantic version, e.g. 1.0.0.'),
      }),
    )
    .min(1)
    .max(20)
    .optional(),
  sessionDoseBands: z.array(BandId).min(1).max(20).optional(),
  courseDoseBands: z.array(BandId).min(1).max(20).optional(),
  sexes: z
    .array(z.enum(['female', 'male', 'other', 'unknown']))
    .min(1)
    .max(4)
    .optional(),
  ageBands: z.array(BandId).min(1).max(20).optional(),
  baselineMmeBands: z.array(BandId).min(1).max(20).optional(),
});
export type CohortFilter = z.infer<typeof CohortFilter>;

export const CohortSummaryRequest = z.strictObject({ filter: CohortFilter });
export const CohortCompareRequest = z.strictObject({ a: CohortFilter, b: CohortFilter });

const ProportionInterval = z.object({
  successes: z.number().int(),
  trials: z.number().int(),
  proportion: z.number(),
  lower: z.number(),
  upper: z.number(),
  confidenceLevel: z.number(),
  method: z.literal('wilson-score'),
});

const KaplanMeier = z.object({
  n: z.number().int(),
  events: z.number().int(),
  steps: list(
    z.object({
      timeDays: z.number(),
      atRisk: z.number().int(),
      events: z.number().int(),
      censored: z.number().int(),
      survival: z.number(),
      standardError: z.number().nullable(),
      lower: z.number().nullable(),
      upper: z.number().nullable(),
    }),
  ),
  medianTimeDays: z.number().nullable(),
  medianLowerDays: z.number().nullable(),
  medianUpperDays: z.number().nullable(),
  confidenceLevel: z.number(),
  band: z.enum(['log-log', 'log', 'plain']),
});

export const CohortSummary = z.object({
  n: z.number().int(),
  responderRates: list(
    z.object({
      kind: z.enum(['pain', 'pgic']),
      code: z.string(),
      label: z.string(),
      assessed: z.number().int(),
      responders: z.number().int(),
      interval: ProportionInterval.nullable(),
    }),
  ),
  durableRelief: KaplanMeier.nullable(),
  mmeChange: list(
    z.object({
      months: z.number().int(),
      n: z.number().int(),
      meanChangeMmePerDay: z.number().nullable(),
      medianChangeMmePerDay: z.number().nullable(),
    }),
  ),
  adverseEvents: z.object({
    events: z.number().int(),
    sessions: z.number().int(),
    per100Sessions: z.number().nullable(),
  }),
  rapidOnset: z.object({
    responses: z.number().int(),
    assessed: z.number().int(),
    interval: ProportionInterval.nullable(),
  }),
});
export type CohortSummary = z.infer<typeof CohortSummary>;

/** The knowledge a cohort result was computed with. */
const AnalyticsKnowledge = z.object({
  bands: KnowledgeRefSchema,
  rules: KnowledgeRefSchema,
  painInstrument: KnowledgeRefSchema,
  pgicInstrument: KnowledgeRefSchema,
});

export const CohortSummaryResponse = z.object({
  summary: CohortSummary,
  knowledge: AnalyticsKnowledge,
});
export type CohortSummaryResponse = z.infer<typeof CohortSummaryResponse>;

const ProportionDifference = z.object({
  difference: z.number(),
  lower: z.number(),
  upper: z.number(),
  confidenceLevel: z.number(),
  method: z.literal('newcombe-hybrid-score'),
});

export const CohortCompareResponse = z.object({
  a: CohortSummary,
  b: CohortSummary,
  responderDifferences: list(
    z.object({ code: z.string(), difference: ProportionDifference.nullable() }),
  ),
  rapidOnsetDifference: ProportionDifference.nullable(),
  medianDurableReliefDifferenceDays: z.number().nullable(),
  adverseEventsPer100SessionsDifference: z.number().nullable(),
  knowledge: AnalyticsKnowledge,
});
export type CohortCompareResponse = z.infer<typeof CohortCompareResponse>;

/** The band ids a filter may name, per dimension, from the cohort-bands knowledge file. */
export const CohortBandsResponse = z.object({
  bands: KnowledgeRefSchema,
  sessionDoseMgPerKg: list(z.string()),
  courseDoseMgPerKg: list(z.string()),
  ageYears: list(z.string()),
  baselineMmePerDay: list(z.string()),
});
export type CohortBandsResponse = z.infer<typeof CohortBandsResponse>;
