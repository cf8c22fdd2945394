/**
 * The live chair board: one tile per chair of the clinic, patient initials only (minimum necessary),
 * pushed as server-sent events within 2 s of any charted entry.
 */
import { z } from 'zod';
import { Uuid } from './common.ts';

export const BoardTile = z.object({
  chairId: Uuid,
  chairName: z.string(),
  session: z
    .object({
      id: Uuid,
      initials: z.string(),
      protocol: z.string(),
      state: z.string(),
      elapsedMin: z.number().int().nullable(),
      remainingMin: z.number().int().nullable(),
      rateMgPerH: z.number(),
      rateMlPerH: z.number(),
      lastVitals: z
        .object({ values: z.record(z.string(), z.number()), ageMin: z.number().int() })
        .nullable(),
      overdue: z.array(z.string()),
      /** Each alarm with the charted value and the rule it crossed (unit of the vital `field`). */
      activeAlarms: z.array(
        z.object({
          id: Uuid,
          ruleId: z.string(),
          field: z.string(),
          value: z.number(),
          comparison: z.string(),
          threshold: z.number(),
          action: z.string(),
        }),
      ),
    })
    .nullable(),
});
export const BoardSnapshot = z.object({
  clinicId: Uuid,
  generatedAt: z.string(),
  chairs: z.array(BoardTile),
});
export type BoardSnapshot = z.infer<typeof BoardSnapshot>;
export type BoardTile = z.infer<typeof BoardTile>;
