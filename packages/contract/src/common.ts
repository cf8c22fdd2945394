/** Shared building blocks of the API schemas: ids, paging, ISO dates. */
import { z } from 'zod';

export const Uuid = z.uuid();

/** A calendar date, YYYY-MM-DD (no time, no zone). */
export const IsoDate = z.iso.date();

/** An instant with offset, e.g. 2026-11-25T17:00:00.000Z. */
export const IsoDateTime = z.iso.datetime({ offset: true });

export const MAX_PAGE_SIZE = 100;

/** Query-string paging: page numbers start at 1; at most 100 per page (T-55). */
export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
