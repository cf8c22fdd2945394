/**
 * The prescriber's outcome page of one patient: pain trajectory against baseline, rapid onset per
 * session, responder status (≥ 30 %, ≥ 50 %, PGIC), days since the last infusion, durable relief,
 * the booster suggestion (shown, never scheduled), cumulative ketamine exposure and monitoring
 * reminders, as computed by @ketaflow/core patientOutcomes (each part names its knowledge id@version).
 */
import { z } from 'zod';
import { IsoDate, Uuid } from './common.ts';

export const PatientOutcomesParams = z.strictObject({ patientId: Uuid });
export const PatientOutcomesQuery = z.strictObject({
  /** Assessment day; defaults to today in the clinic's time zone. */
  today: IsoDate.optional(),
});

export const PatientOutcomesResponse = z.union([
  z.object({ status: z.literal('no-infusions') }),
  z.object({
    status: z.literal('assessed'),
    /** core PatientOutcomes (see packages/core/src/outcomes/patient-outcomes.ts). */
    outcomes: z.record(z.string(), z.unknown()),
    sources: z.object({
      sessions: z.number().int(),
      diaryReadings: z.number().int(),
      pgicAnswers: z.number().int(),
    }),
  }),
]);
export type PatientOutcomesResponse = z.infer<typeof PatientOutcomesResponse>;
