/**
 * The record of one infusion session for its printed summary, beyond the chart: every transition
 * with who recorded it, its reason and the discharge score; the double-check entries of completed
 * rounds only (a round still waiting for its second entry stays blind); the session's
 * controlled-substance ledger entries (draw, administered, waste with its witness) for roles that may
 * read the ledger (null for others); and the display names of the staff who appear.
 */
import { z } from 'zod';
import { Uuid } from './common.ts';

export const SessionRecord = z.object({
  sessionId: Uuid,
  transitions: z.array(
    z.object({
      event: z.string(),
      from: z.string(),
      to: z.string(),
      occurredAt: z.string(),
      recordedBy: Uuid,
      /** Transfer or cancel reason. */
      reason: z.string().nullable(),
      /** Modified Aldrete total recorded with the discharge. */
      dischargeTotal: z.number().int().nullable(),
    }),
  ),
  doubleCheck: z.array(
    z.object({
      round: z.number().int(),
      /** 1 = first entry, 2 = the independent second entry. */
      ordinal: z.number().int(),
      concentrationMgPerMl: z.number(),
      rateMlPerH: z.number(),
      enteredBy: Uuid,
      enteredAt: z.string(),
    }),
  ),
  ledger: z
    .array(
      z.object({
        type: z.string(),
        occurredAt: z.string(),
        ndc: z.string().nullable(),
        lot: z.string().nullable(),
        vialId: z.string().nullable(),
        /** Drug administered or wasted, µg (null for a draw or a return). */
        amountUg: z.number().int().nullable(),
        userId: Uuid,
        witnessId: Uuid.nullable(),
      }),
    )
    .nullable(),
  /** Display names of the staff ids above. */
  people: z.record(z.string(), z.string()),
});
export type SessionRecord = z.infer<typeof SessionRecord>;
