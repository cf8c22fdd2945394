/**
 * The shipped charting knowledge (packages/core/knowledge/charting/): plausible vital-sign
 * ranges, the default double-check tolerance and the overdue grace period, each parsed into a
 * typed value that records its id@version. A protocol may pass its own values instead.
 */
import { err, ok, type Result } from '../result.ts';
import { parseEnvelope } from '../knowledge/envelope.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import {
  VITAL_FIELDS,
  type PlausibleRange,
  type VitalField,
  type VitalPlausibility,
} from './vital-signs.ts';
import plausibilityJson from '../../knowledge/charting/vital-sign-plausibility@0.1.0.json' with { type: 'json' };
import doubleCheckJson from '../../knowledge/charting/independent-double-check@0.1.0.json' with { type: 'json' };
import promptsJson from '../../knowledge/charting/charting-prompts@0.1.0.json' with { type: 'json' };

/** Tolerance of the independent double check, as a fraction (0.01 = 1 %). */
export interface DoubleCheckPolicy {
  readonly source: KnowledgeRef;
  /** Largest accepted |a − b| / max(a, b); range (0, 0.1]. */
  readonly maxRelativeDifference: number;
}

/** Minutes after the due time before an observation counts as overdue. */
export interface ChartingPromptPolicy {
  readonly source: KnowledgeRef;
  /** Range 0..60 min. */
  readonly overdueGraceMin: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const invalid = (field: string, message: string): Result<never> =>
  err({ code: 'knowledge.invalid-charting-data', field, message });

function envelopeOf(
  raw: unknown,
): Result<{ ref: KnowledgeRef; data: Readonly<Record<string, unknown>> }> {
  const env = parseEnvelope(raw);
  if (!env.ok) return env;
  if (env.value.kind !== 'charting')
    return invalid('kind', 'expected a knowledge file of kind "charting".');
  return ok({ ref: { id: env.value.id, version: env.value.version }, data: env.value.data });
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Parses a vital-sign plausibility file; every field of VITAL_FIELDS needs a range with min ≤ max. */
export function parseVitalPlausibility(raw: unknown): Result<VitalPlausibility> {
  const env = envelopeOf(raw);
  if (!env.ok) return env;
  const ranges = env.value.data.ranges;
  if (!isRecord(ranges))
    return invalid('data.ranges', 'data.ranges must map each vital field to a range.');
  const out: Partial<Record<VitalField, PlausibleRange>> = {};
  for (const field of VITAL_FIELDS) {
    const r = ranges[field];
    if (
      !isRecord(r) ||
      !finite(r.min) ||
      !finite(r.max) ||
      r.min > r.max ||
      typeof r.integer !== 'boolean'
    ) {
      return invalid(
        `data.ranges.${field}`,
        `data.ranges.${field} needs finite min ≤ max and a boolean integer flag.`,
      );
    }
    out[field] = { min: r.min, max: r.max, integer: r.integer };
  }
  return ok({ source: env.value.ref, ranges: out as Record<VitalField, PlausibleRange> });
}

/** Parses a double-check tolerance file (0 < maxRelativeDifference ≤ 0.1). */
export function parseDoubleCheckPolicy(raw: unknown): Result<DoubleCheckPolicy> {
  const env = envelopeOf(raw);
  if (!env.ok) return env;
  const value = env.value.data.maxRelativeDifference;
  if (!finite(value) || value <= 0 || value > 0.1) {
    return invalid(
      'data.maxRelativeDifference',
      'data.maxRelativeDifference must be a fraction above 0 and at most 0.1.',
    );
  }
  return ok({ source: env.value.ref, maxRelativeDifference: value });
}

/** Parses a charting-prompt file (0 ≤ overdueGraceMin ≤ 60). */
export function parseChartingPromptPolicy(raw: unknown): Result<ChartingPromptPolicy> {
  const env = envelopeOf(raw);
  if (!env.ok) return env;
  const value = env.value.data.overdueGraceMin;
  if (!finite(value) || value < 0 || value > 60) {
    return invalid(
      'data.overdueGraceMin',
      'data.overdueGraceMin must be between 0 and 60 minutes.',
    );
  }
  return ok({ source: env.value.ref, overdueGraceMin: value });
}

/** Unwraps a shipped file; only a corrupt repository file can fail, and the tests load every one. */
function shipped<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`Shipped charting knowledge is invalid: ${result.error.message}`);
  return result.value;
}

/** Default plausibility ranges: vital-sign-plausibility@0.1.0 (draft, see its notes). */
export const defaultVitalPlausibility: VitalPlausibility = shipped(
  parseVitalPlausibility(plausibilityJson),
);
/** Default double-check tolerance: independent-double-check@0.1.0 (1 %, safety-security.md T-37). */
export const defaultDoubleCheckPolicy: DoubleCheckPolicy = shipped(
  parseDoubleCheckPolicy(doubleCheckJson),
);
/** Default overdue grace: charting-prompts@0.1.0. */
export const defaultChartingPromptPolicy: ChartingPromptPolicy = shipped(
  parseChartingPromptPolicy(promptsJson),
);
