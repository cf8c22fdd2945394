/**
 * Opioid medication list per patient (start/stop, dose, frequency) and MME over time: every
 * MME/day value carries the factor table id@version that produced it.
 */
import { z } from 'zod';
import { IsoDate, Uuid } from './common.ts';

const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const KnowledgeRef = z.object({ id: z.string(), version: z.string() });

export const PatientMedicationParams = z.strictObject({ patientId: Uuid });
export const MedicationLineParams = z.strictObject({ patientId: Uuid, medicationId: Uuid });

const dose = {
  /** RxNorm ingredient RxCUI ("7804") or an ingredient name ("oxycodone"). */
  drug: z.string().trim().min(1).max(80),
  /** mg per administration (oral and other non-patch forms). */
  doseMg: z.number().positive().max(10_000).optional(),
  /** Transdermal patch strength, mcg/h. */
  patchMcgPerH: z.number().positive().max(1_000).optional(),
  /** Administrations per day, 1–24 (not for patches). */
  timesPerDay: z.number().int().min(1).max(24).optional(),
  startDate: IsoDate,
  /** Last day taken (inclusive); omit while ongoing. */
  stopDate: IsoDate.optional(),
};

/** A new line on the list (version 1). `id` is the client-generated write id. */
export const MedicationCreate = z.strictObject({ id: Uuid, ...dose });
export type MedicationCreate = z.infer<typeof MedicationCreate>;

/** A change of a line (new dose, frequency or stop date) as a new version; 409 when stale. */
export const MedicationChange = z.strictObject({
  id: Uuid,
  version: z.number().int().min(1),
  reason: z.string().trim().min(3).max(500),
  ...dose,
});
export type MedicationChange = z.infer<typeof MedicationChange>;

export const MedicationLine = z.object({
  medicationId: Uuid,
  versionId: Uuid,
  version: z.number().int(),
  drug: z.string(),
  doseMg: z.number().nullable(),
  patchMcgPerH: z.number().nullable(),
  timesPerDay: z.number().int().nullable(),
  startDate: IsoDate,
  stopDate: IsoDate.nullable(),
  /** MME/day of this line at write time; null when the factor table excludes the drug. */
  mmePerDay: z.number().nullable(),
  factorTable: KnowledgeRef,
  changeReason: z.string().nullable(),
  recordedAt: z.string(),
});
export type MedicationLine = z.infer<typeof MedicationLine>;

export const MedicationList = z.object({ items: list(MedicationLine) });

export const MmeSeriesQuery = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  /** The first infusion day: when given, MME change from it at the rules' milestones (1, 3, 6 months). */
  baselineDate: IsoDate.optional(),
});

const MmeDay = z.object({
  date: IsoDate,
  mmePerDay: z.number(),
  flags: list(z.string()),
  activeMedicationIds: list(z.string()),
  notConvertedMedicationIds: list(z.string()),
  incomplete: z.boolean(),
  factorTable: KnowledgeRef,
});

const Milestone = z.union([
  z.object({
    months: z.number().int(),
    date: IsoDate,
    status: z.literal('reached'),
    mmePerDay: z.number(),
    changeMmePerDay: z.number(),
    percentChange: z.number().nullable(),
    incomplete: z.boolean(),
  }),
  z.object({ months: z.number().int(), date: IsoDate, status: z.literal('not-yet-reached') }),
]);

export const MmeSeries = z.object({
  days: list(MmeDay),
  change: z
    .object({ baseline: MmeDay, milestones: list(Milestone), factorTable: KnowledgeRef })
    .nullable(),
  rules: KnowledgeRef,
});
export type MmeSeries = z.infer<typeof MmeSeries>;
