/**
 * The intake API: a versioned intake document per patient (every save is a new version with its reason
 * and author; the version edited must be sent, a stale one answers 409) and weight measurements.
 * Sections are replaced whole. A boolean that is null or absent is "not recorded" (unknown), never
 * false. Coordinators may write only the `referral` section; nurses and prescribers write all of it.
 */
import { ICD10CM_CODE } from '@ketaflow/core/eligibility/rule-set';
import { z } from 'zod';
import { IsoDate, IsoDateTime, Uuid } from './common.ts';
import { boundedText, ChangeReason } from './patients.ts';

/** ICD-10-CM code, upper case with the dot after the category (e.g. `G90.511`, `M79.7`). */
export const Icd10CmCode = z
  .string()
  .regex(ICD10CM_CODE, 'Write an ICD-10-CM code upper case with the dot, e.g. G90.511 or M79.7.');

/** Treatment classes the eligibility rule set understands (its `priorTreatments` vocabulary). */
export const TREATMENT_CLASSES = [
  'gabapentinoid',
  'snri',
  'tricyclic',
  'topical-agent',
  'opioid',
  'physical-therapy',
  'psychological-therapy',
  'interventional-procedure',
  'neuromodulation',
] as const;

/** Why a prior treatment was stopped; `ineffective` and `not-tolerated` count as treatment resistance. */
export const TREATMENT_STOP_REASONS = [
  'ineffective',
  'not-tolerated',
  'partial-relief',
  'still-taking',
  'other',
] as const;

const unknownable = z.boolean().nullable().optional();

export const Diagnosis = z.strictObject({ code: Icd10CmCode, text: boundedText(200) });

export const PainHistory = z.strictObject({
  /** Whole months since the pain began (0..1200). */
  durationMonths: z.number().int().min(0).max(1200).optional(),
  onsetDate: IsoDate.optional(),
  description: boundedText(2000).optional(),
});

export const PriorTreatment = z.strictObject({
  treatmentClass: z.enum(TREATMENT_CLASSES),
  name: boundedText(120),
  stoppedBecause: z.enum(TREATMENT_STOP_REASONS),
  detail: boundedText(500).optional(),
});

/** An opioid as prescribed, for MME: dose per administration (mg) × times per day, or a patch (mcg/h). */
export const OpioidDose = z.strictObject({
  /** RxNorm ingredient RxCUI ("7804") or ingredient name ("oxycodone"). */
  drug: boundedText(60),
  doseMg: z.number().positive().optional(),
  timesPerDay: z.number().int().min(1).max(24).optional(),
  patchMcgPerH: z.number().positive().optional(),
});

export const Medication = z.strictObject({
  name: boundedText(120),
  /** The prescription as written (e.g. "300 mg three times a day"). */
  sig: boundedText(200).optional(),
  /** Present for opioids: counted in MME/day by core. */
  opioid: OpioidDose.optional(),
});

export const HEPATIC_GRADES = ['none', 'mild', 'moderate', 'severe'] as const;

export const Comorbidities = z.strictObject({
  poorlyControlledCardiovascularDisease: unknownable,
  uncontrolledHypertension: unknownable,
  cardiovascularRisk: unknownable,
  hepaticDysfunction: z.enum(HEPATIC_GRADES).nullable().optional(),
  hepatotoxicityRisk: unknownable,
  raisedIntracranialPressure: unknownable,
  raisedIntraocularPressure: unknownable,
  ketamineHypersensitivity: unknownable,
  other: z.array(boundedText(200)).max(30).optional(),
});

export const PsychiatricHistory = z.strictObject({
  activePsychosis: unknownable,
  psychosisHistory: unknownable,
  notes: boundedText(2000).optional(),
});

export const SubstanceUseHistory = z.strictObject({
  activeSubstanceMisuse: unknownable,
  notes: boundedText(2000).optional(),
});

export const PREGNANCY_STATUSES = [
  'pregnant',
  'not-pregnant',
  'cannot-become-pregnant',
  'unknown',
] as const;

export const PregnancyStatus = z.strictObject({
  status: z.enum(PREGNANCY_STATUSES),
  /** Date of the test behind `not-pregnant`, when one was done. */
  testDate: IsoDate.optional(),
});

export const BaselineTests = z.strictObject({
  baselineEcgDone: unknownable,
  baselineLiverTestsDone: unknownable,
});

/** Intake vitals; values are checked by core against its plausible ranges (whole numbers). */
export const IntakeVitals = z.strictObject({
  measuredAt: IsoDateTime,
  systolicBpMmHg: z.number(),
  diastolicBpMmHg: z.number(),
  heartRateBpm: z.number(),
  spo2Percent: z.number(),
  respiratoryRatePerMin: z.number(),
});

/** Administrative part a coordinator may record. */
export const Referral = z.strictObject({
  referringClinician: boundedText(120).optional(),
  referralDate: IsoDate.optional(),
  reasonForReferral: boundedText(1000).optional(),
});

export const IntakeDocument = z.strictObject({
  referral: Referral.optional(),
  diagnoses: z.array(Diagnosis).max(20).optional(),
  painHistory: PainHistory.optional(),
  priorTreatments: z.array(PriorTreatment).max(40).optional(),
  medications: z.array(Medication).max(40).optional(),
  comorbidities: Comorbidities.optional(),
  psychiatric: PsychiatricHistory.optional(),
  substanceUse: SubstanceUseHistory.optional(),
  pregnancy: PregnancyStatus.optional(),
  baselineTests: BaselineTests.optional(),
  vitals: IntakeVitals.optional(),
});
export type IntakeDocument = z.infer<typeof IntakeDocument>;
export type IntakeSection = keyof IntakeDocument;
export const INTAKE_SECTIONS = Object.keys(IntakeDocument.shape) as IntakeSection[];
/** The sections a coordinator may write. */
export const ADMINISTRATIVE_SECTIONS: readonly IntakeSection[] = ['referral'];

/** Weight in kg with at most one decimal (a clinic scale's resolution); 1..500. */
export const WeightKg = z
  .number()
  .positive()
  .max(500)
  .refine((x) => Math.round(x * 10) === x * 10, 'At most one decimal, e.g. 72.4.');
/** Height in cm with at most one decimal; 30..250. */
export const HeightCm = z
  .number()
  .min(30)
  .max(250)
  .refine((x) => Math.round(x * 10) === x * 10, 'At most one decimal, e.g. 170.5.');

export const WeightRecord = z.strictObject({
  /** Client-generated id: a retry with the same id and body returns the original. */
  id: Uuid,
  weightKg: WeightKg,
  heightCm: HeightCm.optional(),
  /** When the patient was weighed; not in the future. */
  measuredAt: IsoDateTime,
});

export const IntakeSave = z
  .strictObject({
    id: Uuid,
    /** The version edited: 0 when the patient has no intake yet. */
    version: z.number().int().min(0),
    reason: ChangeReason,
    sections: IntakeDocument,
    /** A weighing taken with this intake (recorded as a weight measurement). */
    weight: WeightRecord.omit({ id: true }).optional(),
  })
  .refine((b) => Object.keys(b.sections).length > 0 || b.weight !== undefined, {
    message: 'Send at least one section or a weight.',
    path: ['sections'],
  });
export type IntakeSave = z.infer<typeof IntakeSave>;

export const KnowledgeRefDto = z.object({ id: z.string(), version: z.string() });

export const MmeSummary = z.object({
  totalMmePerDay: z.number(),
  medications: z.array(
    z.object({
      drug: z.string(),
      ingredient: z.string(),
      dailyDose: z.number(),
      dailyDoseUnit: z.string(),
      factor: z.number(),
      mmePerDay: z.number(),
      caution: z.string().optional(),
    }),
  ),
  flags: z.array(
    z.object({ code: z.string(), atOrAboveMmePerDay: z.number(), message: z.string() }),
  ),
  factorTable: KnowledgeRefDto,
});

export const WeightMeasurement = z.object({
  id: Uuid,
  patientId: Uuid,
  weightKg: z.number(),
  heightCm: z.number().nullable(),
  measuredAt: z.string(),
  recordedBy: Uuid,
  recordedAt: z.string(),
});
export type WeightMeasurement = z.infer<typeof WeightMeasurement>;

export const Intake = z.object({
  id: Uuid,
  patientId: Uuid,
  version: z.number().int(),
  document: IntakeDocument,
  changedSections: z.array(z.string()),
  mme: MmeSummary.nullable(),
  reason: z.string(),
  recordedBy: Uuid,
  recordedAt: z.string(),
  latestWeight: WeightMeasurement.nullable(),
});
export type Intake = z.infer<typeof Intake>;

export const IntakeHistory = z.object({ items: z.array(Intake.omit({ latestWeight: true })) });
export const WeightList = z.object({ items: z.array(WeightMeasurement) });
export const PatientIdParam = z.strictObject({ patientId: Uuid });
