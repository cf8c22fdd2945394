/**
 * Inputs of the clinical calculations exposed by the JSON CLI (`ketaflow dose|mme|screen|score|pk …`)
 * and by API previews. JSON numbers only ("0.5" as a string is rejected, not coerced); unknown fields
 * rejected. Range and clinical plausibility are checked by @ketaflow/core, which names the field.
 */
import { z } from 'zod';

export const KnowledgeRefInput = z.strictObject({
  id: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'Use a version like 1.0.0.'),
});

export const DoseRequest = z.strictObject({
  protocol: KnowledgeRefInput,
  patient: z.strictObject({
    weightKg: z.number(),
    heightCm: z.number(),
    sex: z.enum(['female', 'male']),
  }),
  concentration: z.strictObject({
    mgPerMl: z.number(),
    source: z.enum(['library', 'custom']),
  }),
  alreadyGivenMg: z
    .strictObject({ session: z.number(), day: z.number(), course: z.number() })
    .default({ session: 0, day: 0, course: 0 }),
  orderedDose: z
    .strictObject({ value: z.number(), unit: z.enum(['mg/kg/h', 'ug/kg/min', 'mg/h']) })
    .optional(),
  plannedDurationMin: z.number().optional(),
  overrideReason: z.string().min(1).max(500).optional(),
});
export type DoseRequest = z.infer<typeof DoseRequest>;

export const MmeRequest = z.strictObject({
  medications: z
    .array(
      z.strictObject({
        drug: z.string().min(1),
        doseMg: z.number().optional(),
        patchMcgPerH: z.number().optional(),
        timesPerDay: z.number().optional(),
      }),
    )
    .min(1, 'List at least one medication.'),
});
export type MmeRequest = z.infer<typeof MmeRequest>;

const FactValueInput = z.union([
  z.boolean(),
  z.number(),
  z.string(),
  z.array(z.string()),
  z.null(),
]);

export const ScreenRequest = z.strictObject({
  /** Named patient facts of the rule set's vocabulary; a missing or null fact is unknown. */
  facts: z.record(z.string(), FactValueInput),
  ruleSet: KnowledgeRefInput.optional(),
});
export type ScreenRequest = z.infer<typeof ScreenRequest>;

export const ScoreRequest = z.strictObject({
  instrument: z.string().min(1),
  version: z.string().optional(),
  /** Item id → answer code; null or absent items are missing (the score is then incomplete). */
  answers: z.record(z.string(), z.number().nullable()),
});
export type ScoreRequest = z.infer<typeof ScoreRequest>;

const PkPatientInput = z.strictObject({
  weightKg: z.number(),
  heightCm: z.number(),
  ageYears: z.number(),
  sex: z.enum(['female', 'male']),
});
const ModelSelectorInput = z.strictObject({
  id: z.string().min(1),
  version: z.string().optional(),
});

export const PkTciRequest = z.strictObject({
  model: ModelSelectorInput,
  patient: PkPatientInput,
  target: z.enum(['plasma', 'effect']),
  targets: z
    .array(z.strictObject({ atMin: z.number(), concentrationNgPerMl: z.number() }))
    .min(1, 'Give at least one target step starting at 0 min.'),
  untilMin: z.number(),
  updateIntervalSec: z.number(),
  pumpMaxRateMgPerH: z.number(),
});
export type PkTciRequest = z.infer<typeof PkTciRequest>;

export const PkPopulationRequest = z.strictObject({
  model: ModelSelectorInput,
  patient: PkPatientInput,
  boluses: z.array(z.strictObject({ atMin: z.number(), doseMg: z.number() })).default([]),
  infusions: z
    .array(
      z.strictObject({ startMin: z.number(), durationMin: z.number(), rateMgPerH: z.number() }),
    )
    .default([]),
  untilMin: z.number(),
  stepMin: z.number(),
  patients: z.number().int(),
  percentiles: z.array(z.number()).optional(),
  targetRange: z
    .strictObject({
      output: z.enum(['plasma', 'effect']),
      lowNgPerMl: z.number(),
      highNgPerMl: z.number(),
      fromMin: z.number(),
      toMin: z.number(),
    })
    .optional(),
  /** Seed of the random generator: the same seed gives the same virtual population. */
  seed: z.number().int().min(0).max(4294967295),
});
export type PkPopulationRequest = z.infer<typeof PkPopulationRequest>;
