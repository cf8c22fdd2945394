/** RFC 9457 problem details as Ketaflow sends them for every expected error. */
import { z } from 'zod';

export const FieldError = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
});

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  /** Stable dotted code, e.g. `patient.version-conflict`. */
  code: z.string(),
  detail: z.string(),
  /** The offending input, e.g. `body.dateOfBirth`. */
  field: z.string().optional(),
  errors: z.array(FieldError).optional(),
  requestId: z.string(),
});
export type Problem = z.infer<typeof Problem>;

/** Response schemas for the usual error statuses, for route definitions (OpenAPI). */
export const problemResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
} as const;
