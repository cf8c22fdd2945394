/**
 * Research consent per patient and the de-identified research export (HIPAA Safe Harbor): CSV
 * tables with a data dictionary and FHIR R4 NDJSON per resource type, as file name → text.
 */
import { z } from 'zod';
import { Uuid } from './common.ts';

export const ResearchConsentParams = z.strictObject({ patientId: Uuid });

/** Grant (true) or withdraw (false) consent; `id` is the client-generated write id. */
export const ResearchConsentRecord = z.strictObject({ id: Uuid, granted: z.boolean() });
export type ResearchConsentRecord = z.infer<typeof ResearchConsentRecord>;

export const ResearchConsentState = z.object({
  granted: z.boolean(),
  /** Null when no decision was ever recorded (= no consent). */
  recordedAt: z.string().nullable(),
});
export type ResearchConsentState = z.infer<typeof ResearchConsentState>;

export const ResearchExport = z.object({
  /** Consenting patients with at least one infusion (the others have no day 0 and are left out). */
  patients: z.number().int(),
  rules: z.object({ id: z.string(), version: z.string() }),
  /** `patients.csv`, …, `data_dictionary.csv`, `README.txt`. */
  csv: z.record(z.string(), z.string()),
  /** Resource type → NDJSON (Patient, Condition, MedicationAdministration, Observation, QuestionnaireResponse). */
  fhir: z.record(z.string(), z.string()),
});
export type ResearchExport = z.infer<typeof ResearchExport>;
