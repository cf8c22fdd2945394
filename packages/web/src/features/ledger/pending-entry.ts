/**
 * One ledger entry on its way to the server, frozen with its client id until the server
 * acknowledges it. A retry of the same form (after a lost answer or a refusal) sends the same id,
 * time and container id as the first attempt, so the server answers it as a replay instead of
 * `idempotency.key-reused`; a changed form is a new entry with a new id. A witness's password and
 * code are not part of what is frozen (the server never hashes them; a witness signs again).
 * A DEA report filing carries its own time (when it was filed, typed by the user), never "now"; a
 * draw may carry one (a draw recorded after the fact), else it is stamped when first sent.
 */
import type { LedgerEntryRequest } from '@ketaflow/contract';

/** Given by the client when the entry is first sent: its id, time and (draws) container id. */
type Generated = 'id' | 'occurredAt' | 'vialId';

/**
 * An entry as a form fills it in: without what is generated when it is first sent. A DEA report
 * keeps `occurredAt`: it is when the report was filed, which the user states.
 */
export type EntryBody = LedgerEntryRequest extends infer E
  ? E extends LedgerEntryRequest
    ? E extends { type: 'draw' }
      ? Omit<E, Generated> & { readonly occurredAt?: string }
      : E extends { type: 'dea-report' }
        ? Omit<E, 'id'>
        : Omit<E, 'id' | 'occurredAt'>
    : never
  : never;

export interface PendingEntry {
  /** The body as first sent, without witness secrets, in a canonical form. */
  readonly key: string;
  readonly id: string;
  readonly occurredAt: string;
  readonly vialId: string;
}

export interface Generators {
  readonly newId: () => string;
  /** Now, as an ISO 8601 UTC instant. */
  readonly now: () => string;
}

const SECRET = new Set(['password', 'totpCode']);

/** JSON with object keys sorted and witness secrets left out (what identifies the entry). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => !SECRET.has(k) && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  // NaN (a number the user mistyped) must compare equal to itself: the server names the field.
  return typeof value === 'number' && Number.isNaN(value) ? '"NaN"' : JSON.stringify(value);
}

/**
 * The request to send for `body`: the pending entry's id, time and container id when the form is
 * unchanged since it was first sent, else new ones. Returns the entry to keep pending with it.
 */
export function prepareEntry(
  pending: PendingEntry | null,
  body: EntryBody,
  make: Generators,
): { readonly pending: PendingEntry; readonly request: LedgerEntryRequest } {
  const key = canonical(body);
  const frozen: PendingEntry =
    pending !== null && pending.key === key
      ? pending
      : { key, id: make.newId(), occurredAt: make.now(), vialId: make.newId() };
  const request: LedgerEntryRequest =
    body.type === 'draw'
      ? {
          ...body,
          id: frozen.id,
          occurredAt: body.occurredAt ?? frozen.occurredAt,
          vialId: frozen.vialId,
        }
      : body.type === 'dea-report'
        ? { ...body, id: frozen.id }
        : { ...body, id: frozen.id, occurredAt: frozen.occurredAt };
  return { pending: frozen, request };
}
