/** Shared building blocks of the API schemas: ids, paging, ISO dates. */
import { z } from 'zod';

export const Uuid = z.uuid();

/** A calendar date, YYYY-MM-DD (no time, no zone). */
export const IsoDate = z.iso.date();

/** An instant with offset, e.g. 2026-11-25T17:00:00.000Z. */
export const IsoDateTime = z.iso.datetime({ offset: true });

export const MAX_PAGE_SIZE = 100;

/**
 * A whole number in a query string: plain digits only ("1e2", " 5", "0x1" are rejected, not coerced),
 * the fallback when absent, then range-checked.
 */
export const queryInt = (fallback: number, min: number, max: number) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,8})$/, 'Use plain digits, e.g. 25.')
    .optional()
    .transform((raw) => (raw === undefined ? fallback : Number(raw)))
    .pipe(z.number().int().min(min).max(max));

/** Query-string paging: page numbers start at 1; at most 100 per page (T-55). */
export const PageQuery = z.strictObject({
  page: queryInt(1, 1, 1_000_000),
  pageSize: queryInt(25, 1, MAX_PAGE_SIZE),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });

/** A parsed value with `undefined` removed from optional fields (for exactOptionalPropertyTypes). */
export type Defined<T> = T extends readonly (infer U)[]
  ? Defined<U>[]
  : T extends object
    ? { [K in keyof T]: Defined<Exclude<T[K], undefined>> }
    : T;

/**
 * Drops keys whose value is undefined, at every depth: zod marks an absent optional field
 * `undefined`, while core's types say "absent".
 */
export function defined<T>(value: T): Defined<T> {
  if (Array.isArray(value)) return value.map(defined) as Defined<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, defined(v)]),
    ) as Defined<T>;
  }
  return value as Defined<T>;
}
