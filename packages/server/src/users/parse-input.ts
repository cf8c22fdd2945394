/**
 * Parses service input that does not come through an HTTP route (CLI, demo): the same zod schema, and a
 * 400 DomainError naming the first offending field, like the HTTP validation errors.
 */
import type { z } from 'zod';
import { DomainError } from '../http/errors.ts';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String) ?? [];
  if (issue?.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  const field = ['body', ...path].join('.');
  throw new DomainError(
    'validation.invalid',
    400,
    `${field}: ${issue?.message ?? 'invalid'}`,
    field,
  );
}
