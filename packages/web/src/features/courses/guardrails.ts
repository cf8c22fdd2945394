/**
 * Reads the guardrail results out of a refusal: a refused order carries core's `calculation`, a
 * refused rate change its `evidence`; both hold the findings and every limit checked with its source.
 */
import { DoseCalculationDto, DoseFindingDto, LimitCheckDto } from '@ketaflow/contract';
import { z } from 'zod';
import type { ApiProblem } from '../../api/problem.ts';

const Evidence = z.object({
  findings: z.array(DoseFindingDto),
  limitsApplied: z.array(LimitCheckDto),
});
export type Guardrails = z.infer<typeof Evidence>;

/** The findings and limits of a refusal, from `calculation` or `evidence`; null when it has none. */
export function guardrailsOf(problem: ApiProblem): Guardrails | null {
  const calculation = DoseCalculationDto.safeParse(problem.extra?.calculation);
  if (calculation.success) return calculation.data;
  const evidence = Evidence.safeParse(problem.extra?.evidence);
  return evidence.success ? evidence.data : null;
}
