/**
 * Treatment courses and signed orders. A prescriber picks a protocol id@version for a patient with a
 * signed eligible screening decision; per-session orders are computed by core's dose calculator from the
 * latest weight and a drug-library concentration, shown with every guardrail and its source, and signed.
 * A signed order never changes: a change is a new version with a reason that supersedes the old one.
 */
import { z } from 'zod';
import { Uuid } from './common.ts';
import { KnowledgeRefDto } from './intake.ts';
import { boundedText } from './patients.ts';

export const ProtocolSummary = z.object({
  ref: KnowledgeRefDto,
  status: z.string(),
  title: z.string(),
  indication: z.string(),
  doseBasis: z.enum(['mg/kg/h', 'mg/h']),
  typicalDose: z.number(),
  sessionDurationMin: z.number(),
  phases: z.array(
    z.object({ name: z.string(), sessionCount: z.number(), maxSessionsPerDay: z.number() }),
  ),
  standardConcentrationsMgPerMl: z.array(z.number()),
  customConcentration: z.object({
    allowed: z.boolean(),
    hardMinMgPerMl: z.number(),
    hardMaxMgPerMl: z.number(),
  }),
});
export const ProtocolList = z.object({ items: z.array(ProtocolSummary) });

export const CourseCreate = z.strictObject({
  id: Uuid,
  protocol: z.strictObject({ id: z.string().min(1).max(120), version: z.string().min(1).max(40) }),
});

export const CoursePhaseDto = z.object({
  name: z.string(),
  sessionCount: z.number().int(),
  maxSessionsPerDay: z.number().int(),
  firstSession: z.number().int(),
  lastSession: z.number().int(),
});

/** One guardrail checked by core, with the knowledge file it comes from. */
export const LimitCheckDto = z.object({
  name: z.string(),
  limit: z.number(),
  actual: z.number(),
  unit: z.string(),
  outcome: z.enum(['within', 'soft', 'blocked', 'capped']),
  source: KnowledgeRefDto,
});

export const DoseFindingDto = z.object({
  code: z.string(),
  severity: z.enum(['blocked', 'needs-override', 'info']),
  message: z.string(),
  field: z.string().optional(),
});

/** Core's DoseCalculation: status, findings, every limit applied with its source, the formula. */
export const DoseCalculationDto = z
  .object({
    status: z.enum(['ok', 'needs-override-reason', 'blocked']),
    blocked: z.boolean(),
    needsOverrideReason: z.boolean(),
    overrideReason: z.string().nullable(),
    findings: z.array(DoseFindingDto),
    limitsApplied: z.array(LimitCheckDto),
    knowledge: z.array(KnowledgeRefDto),
    formula: z.array(z.string()),
  })
  .catchall(z.unknown());

/** Core's weight re-confirmation check of the weight used. */
export const WeightCheckDto = z.object({
  needsReconfirmation: z.boolean(),
  reasons: z.array(z.string()),
  ageDays: z.number(),
  changePercent: z.number().nullable(),
  source: KnowledgeRefDto,
});

export const OrderInput = z.strictObject({
  sessionNumber: z.number().int().min(1),
  concentration: z.strictObject({
    mgPerMl: z.number().positive(),
    source: z.enum(['library', 'custom']),
  }),
  /** The dose in the protocol's basis; the protocol's typical dose when omitted. */
  orderedDose: z
    .strictObject({
      value: z.number().positive(),
      unit: z.enum(['mg/kg/h', 'ug/kg/min', 'mg/h']),
    })
    .optional(),
  plannedDurationMin: z.number().int().positive().optional(),
  /** Required when a soft limit is crossed or a custom concentration is used. */
  overrideReason: boundedText(500).optional(),
  /** Sex for the body-size equations, required only when the patient's sex at birth is not female or male. */
  sexForBodySize: z.enum(['female', 'male']).optional(),
});

export const OrderSign = OrderInput.extend({
  id: Uuid,
  /** The active order this one replaces (its session's current version); with a reason. */
  supersedesOrderId: Uuid.optional(),
  changeReason: boundedText(500).optional(),
}).refine((b) => (b.supersedesOrderId === undefined) === (b.changeReason === undefined), {
  message: 'A change needs both supersedesOrderId and changeReason.',
  path: ['changeReason'],
});
export type OrderSign = z.infer<typeof OrderSign>;
export type OrderInput = z.infer<typeof OrderInput>;

export const OrderPreview = z.object({
  sessionNumber: z.number().int(),
  weight: z.object({
    id: Uuid,
    weightKg: z.number(),
    heightCm: z.number(),
    measuredAt: z.string(),
  }),
  weightCheck: WeightCheckDto,
  calculation: DoseCalculationDto,
  /** True when this order could be signed as entered. */
  signable: z.boolean(),
  /** What blocks signing (weight re-confirmation, hard limit, missing override reason). */
  blockers: z.array(z.object({ code: z.string(), message: z.string() })),
});

export const Order = z.object({
  id: Uuid,
  patientId: Uuid,
  courseId: Uuid,
  sessionNumber: z.number().int(),
  version: z.number().int(),
  supersedesOrderId: Uuid.nullable(),
  changeReason: z.string().nullable(),
  /** True when no later version replaced it. */
  active: z.boolean(),
  protocol: KnowledgeRefDto,
  drugLibrary: KnowledgeRefDto,
  weightMeasurementId: Uuid,
  weightKg: z.number(),
  heightCm: z.number(),
  concentrationMgPerMl: z.number(),
  concentrationSource: z.enum(['library', 'custom']),
  doseBasis: z.enum(['mg/kg/h', 'mg/h']),
  doseOrdered: z.number(),
  doseDelivered: z.number(),
  rateMgPerH: z.number(),
  rateMlPerH: z.number(),
  durationMin: z.number().int(),
  sessionDoseMg: z.number(),
  volumeMl: z.number(),
  overrideReason: z.string().nullable(),
  calculation: DoseCalculationDto,
  weightCheck: WeightCheckDto,
  signedBy: Uuid,
  signedAt: z.string(),
});
export type Order = z.infer<typeof Order>;

export const Course = z.object({
  id: Uuid,
  patientId: Uuid,
  screeningDecisionId: Uuid,
  protocol: KnowledgeRefDto,
  phases: z.array(CoursePhaseDto),
  totalSessions: z.number().int(),
  doseBasis: z.enum(['mg/kg/h', 'mg/h']),
  weightScalar: z.string(),
  status: z.string(),
  createdBy: Uuid,
  createdAt: z.string(),
  /** The active signed order of each session that has one. */
  activeOrders: z.array(Order),
});
export type Course = z.infer<typeof Course>;
export const CourseList = z.object({ items: z.array(Course.omit({ activeOrders: true })) });
export const OrderList = z.object({ items: z.array(Order) });
export const CourseIdParam = z.strictObject({ courseId: Uuid });
export const OrderIdParam = z.strictObject({ orderId: Uuid });

/** 422 answer when an order is refused: the problem plus core's calculation and weight check. */
export const OrderRefused = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  field: z.string().optional(),
  requestId: z.string(),
  calculation: DoseCalculationDto.nullable(),
  weightCheck: WeightCheckDto.nullable(),
});
