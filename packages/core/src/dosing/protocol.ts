/**
 * Infusion protocols (knowledge/protocols/) parsed into a typed `Protocol`: dose basis and
 * weight scalar, typical dose with soft/hard limits, hourly cap, session duration, session/day/
 * course caps, phases, monitoring intervals (vitals and each bedside assessment), stop rules,
 * pre-checks, weight re-confirmation and discharge rule. Structural rules (limit order, soft max < 10 × typical dose — T-33) are
 * enforced here, so no shipped protocol can violate them.
 */
import { parseEnvelope } from '../knowledge/envelope.ts';
import { DataReader } from '../knowledge/data-reader.ts';
import type { Citation, KnowledgeRef, KnowledgeStatus } from '../knowledge/types.ts';
import { err, type Result } from '../result.ts';
import { VITAL_FIELDS, type VitalField } from '../session/vital-signs.ts';
import { STOP_ACTIONS, type StopRule, type StopRuleComparison } from '../session/stop-rules.ts';
import type { BaselineLimit } from '../session/pre-infusion-checks.ts';
import type { DischargeRule } from '../session/discharge.ts';
import { CHARTED_ASSESSMENTS, type ChartedAssessment } from '../session/charting-due.ts';

export const DOSE_BASES = ['mg/kg/h', 'mg/h'] as const;
/** mg/kg/h doses scale with a weight; mg/h doses are fixed. */
export type DoseBasis = (typeof DOSE_BASES)[number];
export const WEIGHT_SCALARS = ['total', 'ideal', 'adjusted', 'fat-free', 'none'] as const;
/** Which weight a mg/kg/h dose multiplies: total body weight, Devine IBW, adjusted, fat-free mass; `none` for mg/h. */
export type WeightScalar = (typeof WEIGHT_SCALARS)[number];
const COMPARISONS: readonly StopRuleComparison[] = ['above', 'at-or-above', 'below', 'at-or-below'];

/**
 * Dose limits in the protocol's basis unit. Upper limits are crossed at or above their value,
 * lower limits below it (safety-security.md d-3).
 */
export interface DoseLimits {
  readonly hardMin: number;
  readonly softMin: number;
  readonly softMax: number;
  readonly hardMax: number;
}

export interface Titration {
  readonly startDose: number;
  readonly stepDose: number;
  readonly stepIntervalMin: number;
  readonly maxDose: number;
}

/**
 * Where an interval comes from: a clinical.md flag (V verified, S secondary, U unverified) or
 * `clinic-default` when no source gives the value and the clinic chose it for sign-off.
 */
export const INTERVAL_FLAGS = ['V', 'S', 'U', 'clinic-default'] as const;
export type IntervalFlag = (typeof INTERVAL_FLAGS)[number];

/** How often one bedside assessment (sedation, pain, dissociation) is charted, minutes > 0. */
export interface MonitoredAssessment {
  readonly item: ChartedAssessment;
  readonly intervalMin: number;
  /** The file's own source text for this interval. */
  readonly citation: string;
  readonly flag: IntervalFlag;
}

/** A protocol stop rule (the session module's shape) with the citation it comes from. */
export type ProtocolStopRule = StopRule & { readonly citation: string };

export interface Protocol {
  readonly ref: KnowledgeRef;
  readonly status: KnowledgeStatus;
  readonly title: string;
  readonly citations: readonly Citation[];
  readonly notes: readonly string[];
  readonly indication: string;
  readonly drugLibrary: KnowledgeRef;
  readonly dosing: {
    readonly basis: DoseBasis;
    readonly weightScalar: WeightScalar;
    /** The protocol's usual dose, in `basis`. */
    readonly typicalDose: number;
    readonly limits: DoseLimits;
    /** Absolute hourly cap (inclusive), mg/h; a computed rate above it is reduced to it. */
    readonly rateCapMgPerH: number | null;
    readonly titration: Titration | null;
  };
  readonly sessionDurationMin: number;
  /** Inclusive maxima of cumulative ketamine, mg. */
  readonly caps: {
    readonly sessionMaxMg: number;
    readonly dayMaxMg: number;
    readonly courseMaxMg: number;
  };
  readonly phases: readonly {
    readonly name: string;
    readonly sessionCount: number;
    readonly maxSessionsPerDay: number;
  }[];
  readonly monitoring: {
    readonly vitalsIntervalMin: number;
    /** Bedside assessments prompted besides the vitals; an empty list prompts none. */
    readonly assessments: readonly MonitoredAssessment[];
  };
  readonly stopRules: readonly ProtocolStopRule[];
  readonly preChecks: {
    readonly consentRequired: boolean;
    readonly fastingRequired: boolean;
    readonly escortRequired: boolean;
    /** Applies to patients who can become pregnant. */
    readonly pregnancyTestRequired: boolean;
    readonly baselineLimits: readonly BaselineLimit[];
  };
  readonly weightReconfirmation: { readonly maxAgeDays: number; readonly maxChangePercent: number };
  readonly discharge: DischargeRule & {
    readonly instrument: 'modified-aldrete';
    readonly minObservationMin: number;
  };
}

/** Parses a protocols knowledge file; every structural rule failure names its field. */
export function parseProtocol(raw: unknown): Result<Protocol> {
  const envelope = parseEnvelope(raw);
  if (!envelope.ok) return envelope;
  const e = envelope.value;
  if (e.kind !== 'protocols') {
    return err({
      code: 'knowledge.wrong-kind',
      field: 'kind',
      message: `${e.id}@${e.version} is a ${e.kind} file, not a protocol.`,
    });
  }
  const ref: KnowledgeRef = { id: e.id, version: e.version };
  const d = new DataReader(e.data, 'data');
  const positive = { positive: true } as const;
  const basis = d.oneOf('dosing.basis', DOSE_BASES);
  const weightScalar = d.oneOf('dosing.weightScalar', WEIGHT_SCALARS);
  d.require(
    (basis === 'mg/h') === (weightScalar === 'none'),
    'dosing.weightScalar',
    'must be "none" exactly when the basis is mg/h.',
  );
  const typicalDose = d.number('dosing.typicalDose', positive);
  const limits: DoseLimits = {
    hardMin: d.number('dosing.limits.hardMin', positive),
    softMin: d.number('dosing.limits.softMin', positive),
    softMax: d.number('dosing.limits.softMax', positive),
    hardMax: d.number('dosing.limits.hardMax', positive),
  };
  d.require(
    limits.hardMin < limits.softMin &&
      limits.softMin <= typicalDose &&
      typicalDose < limits.softMax &&
      limits.softMax < limits.hardMax,
    'dosing.limits',
    'must satisfy hardMin < softMin ≤ typicalDose < softMax < hardMax.',
  );
  d.require(
    limits.softMax < 10 * typicalDose,
    'dosing.limits.softMax',
    'must be below 10 × typicalDose so a 10-fold error always alerts (T-33).',
  );
  const rateCapMgPerH =
    d.raw('dosing.rateCapMgPerH') === null ? null : d.number('dosing.rateCapMgPerH', positive);
  let titration: Titration | null = null;
  if (d.raw('dosing.titration') !== null) {
    titration = {
      startDose: d.number('dosing.titration.startDose', positive),
      stepDose: d.number('dosing.titration.stepDose', positive),
      stepIntervalMin: d.number('dosing.titration.stepIntervalMin', {
        positive: true,
        integer: true,
      }),
      maxDose: d.number('dosing.titration.maxDose', positive),
    };
    d.require(
      limits.softMin <= titration.startDose &&
        titration.startDose <= titration.maxDose &&
        titration.maxDose < limits.hardMax,
      'dosing.titration',
      'must satisfy softMin ≤ startDose ≤ maxDose < hardMax.',
    );
  }
  const caps = {
    sessionMaxMg: d.number('caps.sessionMaxMg', positive),
    dayMaxMg: d.number('caps.dayMaxMg', positive),
    courseMaxMg: d.number('caps.courseMaxMg', positive),
  };
  d.require(
    caps.sessionMaxMg <= caps.dayMaxMg && caps.dayMaxMg <= caps.courseMaxMg,
    'caps',
    'must satisfy sessionMaxMg ≤ dayMaxMg ≤ courseMaxMg.',
  );
  const phases = d.each('phases', { nonEmpty: true }).map((p) => ({
    name: p.string('name'),
    sessionCount: p.number('sessionCount', { positive: true, integer: true }),
    maxSessionsPerDay: p.number('maxSessionsPerDay', { positive: true, integer: true }),
  }));
  const stopRules = d.each('stopRules', { nonEmpty: true }).map((r): ProtocolStopRule => ({
    id: r.string('id'),
    field: r.oneOf('field', VITAL_FIELDS),
    comparison: r.oneOf('comparison', COMPARISONS),
    threshold: r.number('threshold'),
    action: r.oneOf('action', STOP_ACTIONS),
    source: ref,
    citation: r.string('source'),
  }));
  const ids = stopRules.map((r) => r.id);
  d.require(new Set(ids).size === ids.length, 'stopRules', 'ids must be unique.');
  const assessments = d.each('monitoring.assessments').map((a): MonitoredAssessment => ({
    item: a.oneOf('item', CHARTED_ASSESSMENTS),
    intervalMin: a.number('intervalMin', { positive: true, integer: true }),
    citation: a.string('source'),
    flag: a.oneOf('flag', INTERVAL_FLAGS),
  }));
  const assessed = assessments.map((a) => a.item);
  d.require(
    new Set(assessed).size === assessed.length,
    'monitoring.assessments',
    'must name each assessment at most once.',
  );
  const baselineLimits = d.each('preChecks.baselineLimits').map((b): BaselineLimit => {
    const field: VitalField = b.oneOf('field', VITAL_FIELDS);
    const min = b.has('min') ? b.number('min') : undefined;
    const max = b.has('max') ? b.number('max') : undefined;
    b.require(min !== undefined || max !== undefined, '', 'needs min, max or both.');
    b.require(min === undefined || max === undefined || min <= max, '', 'min must not exceed max.');
    return { field, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  });
  d.oneOf('discharge.instrument', ['modified-aldrete'] as const);
  return d.finish({
    ref,
    status: e.status,
    title: e.title,
    citations: e.citations,
    notes: e.notes ?? [],
    indication: d.string('indication'),
    drugLibrary: { id: d.string('drugLibrary.id'), version: d.string('drugLibrary.version') },
    dosing: { basis, weightScalar, typicalDose, limits, rateCapMgPerH, titration },
    sessionDurationMin: d.number('session.durationMin', { positive: true, integer: true }),
    caps,
    phases,
    monitoring: {
      vitalsIntervalMin: d.number('monitoring.vitalsIntervalMin', {
        positive: true,
        integer: true,
      }),
      assessments,
    },
    stopRules,
    preChecks: {
      consentRequired: d.boolean('preChecks.consentRequired'),
      fastingRequired: d.boolean('preChecks.fastingRequired'),
      escortRequired: d.boolean('preChecks.escortRequired'),
      pregnancyTestRequired: d.boolean('preChecks.pregnancyTestRequired'),
      baselineLimits,
    },
    weightReconfirmation: {
      maxAgeDays: d.number('weightReconfirmation.maxAgeDays', { positive: true, integer: true }),
      maxChangePercent: d.number('weightReconfirmation.maxChangePercent', {
        positive: true,
        max: 100,
      }),
    },
    discharge: {
      instrument: 'modified-aldrete',
      source: ref,
      minimumTotal: d.number('discharge.minimumTotal', { min: 0, max: 10, integer: true }),
      minObservationMin: d.number('discharge.minObservationMin', { min: 0, integer: true }),
    },
  });
}
