/**
 * Idempotent ledger writes: the row stores a SHA-256 of the request (without secrets). A retry with
 * the same id and request returns the stored entry; the same id with another request answers 409
 * `idempotency.key-reused` (T-23: a retried request never duplicates, never silently differs).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/chain.ts';
import { DomainError } from '../http/errors.ts';

export const requestHash = (kind: string, body: unknown): string =>
  createHash('sha256')
    .update(`${kind}\n${canonicalJson(body)}`)
    .digest('hex');

export const keyReused = (): DomainError =>
  new DomainError(
    'idempotency.key-reused',
    409,
    'This request id was already used for a different request; generate a new id for a new write.',
    'body.id',
  );

/** True when a stored write with this id is the same request; 409 when it is another one. */
export function isReplay(
  existing: { readonly requestHash: string } | undefined,
  hash: string,
): boolean {
  if (existing === undefined) return false;
  if (existing.requestHash !== hash) throw keyReused();
  return true;
}

/** A concurrent insert of the same id in another clinic (primary key) is a reused key too. */
export async function mappingDuplicateId<T>(table: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    for (
      let e: unknown = error;
      typeof e === 'object' && e !== null;
      e = (e as { cause?: unknown }).cause
    ) {
      const pg = e as { code?: unknown; constraint?: unknown };
      if (pg.code === '23505' && pg.constraint === `${table}_pkey`) throw keyReused();
    }
    throw error;
  }
}
