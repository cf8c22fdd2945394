/**
 * The screening API: core's eligibility rule set evaluated on the current intake (per-criterion trace,
 * unknown facts kept unknown) and the prescriber's signed decision with its reason. The decision names
 * the intake version it was made on; a newer intake answers 409.
 */
import { z } from 'zod';
import { Uuid } from './common.ts';
import { KnowledgeRefDto } from './intake.ts';
import { boundedText } from './patients.ts';

export const SCREENING_DECISION_VALUES = [
  'eligible',
  'not-eligible',
  'eligible-with-conditions',
] as const;

const Citation = z.object({}).catchall(z.unknown());

export const CriterionTraceDto = z.object({
  criterionId: z.string(),
  group: z.string(),
  label: z.string(),
  status: z.enum(['met', 'unmet', 'unknown']),
  outcome: z.enum(['pass', 'needs-review', 'not-eligible', 'see-group']),
  rationale: z.string(),
  missingFacts: z.array(z.string()),
  factsUsed: z.record(z.string(), z.unknown()),
  guidance: z.string().optional(),
  evidence: z.object({}).catchall(z.unknown()).optional(),
  citations: z.array(Citation),
});

export const EligibilityEvaluation = z.object({
  decision: z.enum(['eligible', 'needs-review', 'not-eligible']),
  ruleSet: KnowledgeRefDto,
  decidedBy: z.array(z.string()),
  matchedIndications: z.array(z.object({}).catchall(z.unknown())),
  groups: z.array(
    z.object({
      groupId: z.string(),
      label: z.string(),
      effect: z.string(),
      status: z.string(),
      outcome: z.string(),
    }),
  ),
  trace: z.array(CriterionTraceDto),
});

export const ScreeningDecision = z.object({
  id: Uuid,
  patientId: Uuid,
  intakeVersion: z.number().int(),
  ruleSet: KnowledgeRefDto,
  facts: z.record(z.string(), z.unknown()),
  evaluation: EligibilityEvaluation,
  decision: z.enum(SCREENING_DECISION_VALUES),
  conditions: z.string().nullable(),
  reason: z.string(),
  signedBy: Uuid,
  signedAt: z.string(),
});
export type ScreeningDecision = z.infer<typeof ScreeningDecision>;

/** What the prescriber reviews: the live evaluation of the current intake and the latest decision. */
export const ScreeningView = z.object({
  patientId: Uuid,
  intakeVersion: z.number().int(),
  facts: z.record(z.string(), z.unknown()),
  evaluation: EligibilityEvaluation,
  latestDecision: ScreeningDecision.nullable(),
});

export const ScreeningSign = z
  .strictObject({
    id: Uuid,
    /** The intake version the prescriber reviewed; a newer one answers 409. */
    intakeVersion: z.number().int().min(1),
    decision: z.enum(SCREENING_DECISION_VALUES),
    /** Required for eligible-with-conditions (e.g. "ECG before session 1"). */
    conditions: boundedText(1000).optional(),
    reason: boundedText(1000),
  })
  .refine((b) => b.decision !== 'eligible-with-conditions' || b.conditions !== undefined, {
    message: 'State the conditions of an eligible-with-conditions decision.',
    path: ['conditions'],
  })
  .refine((b) => b.decision === 'eligible-with-conditions' || b.conditions === undefined, {
    message: 'Conditions belong only to an eligible-with-conditions decision.',
    path: ['conditions'],
  });
export type ScreeningSign = z.infer<typeof ScreeningSign>;
export const ScreeningDecisionList = z.object({ items: z.array(ScreeningDecision) });
