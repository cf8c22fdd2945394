/**
 * Idempotent writes with client-generated ids. Every write of these features carries an `id` chosen by
 * the client; the row stores a SHA-256 of the request. A retry with the same id and the same request
 * returns the original result; the same id with a different request answers 409
 * `idempotency.key-reused` (T-23: a retried request never duplicates, never silently differs).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/chain.ts';
import { DomainError } from '../http/errors.ts';

/** Hash of one write: its kind (e.g. `intake.save`), its target (path ids) and its body. */
export function requestHash(kind: string, target: string, body: unknown): string {
  return createHash('sha256')
    .update(`${kind}\n${target}\n${canonicalJson(body)}`)
    .digest('hex');
}

export const keyReused = (): DomainError =>
  new DomainError(
    'idempotency.key-reused',
    409,
    'This request id was already used for a different request; generate a new id for a new write.',
    'body.id',
  );

/**
 * Decides what to do with a write whose id may exist: `undefined` → new write; same hash → replay
 * (the caller returns the stored result); different hash → 409.
 */
export function isReplay(
  existing: { readonly requestHash: string } | undefined,
  hash: string,
): boolean {
  if (existing === undefined) return false;
  if (existing.requestHash !== hash) throw keyReused();
  return true;
}

/** True when the error (or one it wraps, e.g. drizzle's query error) violates `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (
    let e: unknown = error;
    typeof e === 'object' && e !== null;
    e = (e as { cause?: unknown }).cause
  ) {
    const pgError = e as { code?: unknown; constraint?: unknown };
    if (pgError.code === '23505' && pgError.constraint === constraint) return true;
  }
  return false;
}

/** Runs a write, turning a concurrent insert of the same id (primary key) into 409 key-reused. */
export async function mappingDuplicateId<T>(table: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error, `${table}_pkey`)) throw keyReused();
    throw error;
  }
}
