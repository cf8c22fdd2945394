/**
 * The blind count form's model (safety-security.md T-45): which lots a count may name, the count
 * entry's body from what the form holds, and what the counter is told afterwards. A lot is offered
 * once per NDC and lot whatever storage location holds it, and the location is chosen on its own,
 * so the form never hints at where the books put stock or how much. Nothing is chosen for the
 * counter and nothing is repaired: an empty choice or a mistyped number is sent as it is and the
 * server names the field. A container of a lot the stock list does not show (the books say none is
 * left anywhere) must still be countable: a surplus is a discrepancy the administrator must see, so
 * the counter may type its NDC and lot instead (OTHER_LOT).
 */
import { COUNT_KIND_VALUES } from '@ketaflow/contract';
import { typedNumber } from '../../app/typed-number.ts';
import type { EntryBody } from './pending-entry.ts';

export type CountKind = (typeof COUNT_KIND_VALUES)[number];

export const COUNT_KIND_OPTIONS: readonly { readonly value: CountKind; readonly label: string }[] =
  [
    { value: 'end-of-shift', label: 'End of shift' },
    { value: 'end-of-day', label: 'End of the clinic day' },
  ];

/** How a count's kind reads on an incident; null: a count recorded before counts had a kind. */
export const countKindText = (kind: CountKind | null): string =>
  kind === 'end-of-shift'
    ? 'end-of-shift count'
    : kind === 'end-of-day'
      ? 'end-of-day count'
      : 'count';

/** The select value of an NDC and lot (JSON: a lot number may hold any character). */
export const countLotValue = (l: { readonly ndc: string; readonly lot: string }): string =>
  JSON.stringify([l.ndc, l.lot]);

/** A count lot value → NDC and lot; empty strings for nothing chosen (the server names them). */
export function parseCountLotValue(value: string): { ndc: string; lot: string } {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [ndc, lot] = parsed as unknown[];
      if (typeof ndc === 'string' && typeof lot === 'string') return { ndc, lot };
    }
  } catch {
    // Not a value this module made: nothing chosen.
  }
  return { ndc: '', lot: '' };
}

/** The lot choice that means "not in the list": the NDC and lot are typed. */
export const OTHER_LOT = 'other';

export const OTHER_LOT_OPTION = {
  value: OTHER_LOT,
  label: 'A lot not in this list (type its NDC and lot)',
} as const;

/** Each NDC and lot of the stock list once, in NDC then lot order, without its locations. */
export function countLotOptions(
  lots: readonly { readonly ndc: string; readonly lot: string; readonly expiry: string }[],
): { readonly value: string; readonly label: string }[] {
  const seen = new Map<string, { value: string; label: string }>();
  for (const l of lots) {
    const value = countLotValue(l);
    if (!seen.has(value))
      seen.set(value, { value, label: `${l.ndc} lot ${l.lot} · expires ${l.expiry}` });
  }
  return [...seen.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export interface CountInput {
  readonly kind: string;
  readonly locationId: string;
  /** A `countLotValue`, OTHER_LOT, or '' when none is chosen. */
  readonly lot: string;
  /** The typed NDC and lot, read only when `lot` is OTHER_LOT. */
  readonly otherNdc?: string;
  readonly otherLot?: string;
  readonly counted: string;
  readonly note: string;
}

export function countBody(input: CountInput): EntryBody {
  const { ndc, lot } =
    input.lot === OTHER_LOT
      ? { ndc: input.otherNdc ?? '', lot: input.otherLot ?? '' }
      : parseCountLotValue(input.lot);
  const body = {
    type: 'count' as const,
    ndc,
    lot,
    locationId: input.locationId,
    countedContainers: typedNumber(input.counted),
    ...(input.note.trim() === '' ? {} : { note: input.note }),
  };
  const kind = COUNT_KIND_VALUES.find((k) => k === input.kind);
  // No kind chosen: sent without one, and the server names body.kind (none is guessed here).
  return kind === undefined ? (body as unknown as EntryBody) : { ...body, kind };
}

/**
 * What the counter reads once the count is recorded: whether it matched the books, never the
 * number the books hold. Who may resolve discrepancies (ledger.report) resolves it on the page;
 * anyone else is told the administrator has it.
 */
export function countRecordedMessage(
  discrepancy: boolean | undefined,
  canResolve: boolean,
): string {
  if (discrepancy !== true) return 'Count recorded. It matches the books.';
  return canResolve
    ? 'Count recorded. Discrepancy found: resolve it below.'
    : 'Count recorded. It does not match the books: an incident is open for the administrator; tell them what you found.';
}
