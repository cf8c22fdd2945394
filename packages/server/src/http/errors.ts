/**
 * Expected failures as values the HTTP layer maps to RFC 9457 problem+json in one place (problem.ts).
 * Codes are stable and dotted; `field` names the offending input (e.g. `body.dateOfBirth`).
 */
import type { CoreError } from '@ketaflow/core/result';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A foreign id answers exactly like a missing one (no existence oracle). */
export const notFound = (resource: string): DomainError =>
  new DomainError(`${resource}.not-found`, 404, `No such ${resource}.`);

export const forbidden = (permission: string): DomainError =>
  new DomainError(
    'auth.forbidden',
    403,
    `Your role does not allow this (needs ${permission}).`,
    undefined,
    {
      permission,
    },
  );

export const unauthenticated = (): DomainError =>
  new DomainError('auth.required', 401, 'Sign in first.');

/** Another user changed the record since it was read. */
export const staleVersion = (resource: string): DomainError =>
  new DomainError(
    `${resource}.version-conflict`,
    409,
    `Another user changed this ${resource} since you opened it; reload and apply your change again.`,
    'body.version',
  );

/** A core validation error (Result) becomes a 400 naming the field under the request body. */
export const fromCoreError = (error: CoreError, status = 400, fieldPrefix = 'body'): DomainError =>
  new DomainError(
    error.code,
    status,
    error.message,
    error.field === undefined ? undefined : `${fieldPrefix}.${error.field}`,
  );
