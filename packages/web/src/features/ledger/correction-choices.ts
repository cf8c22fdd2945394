/**
 * The entries an administrator may reverse with a correction (T-42), named by their place in the
 * chain, type, time on the clinic's clock and lot. Left out, as core refuses them: corrections
 * (never corrected), counts (a count records what was found) and entries a listed correction
 * already reverses. A reversal needs as many witnesses as the entry had, read from the stored
 * entry itself (a waste its one witness, a destruction its two).
 */
import type { LedgerEntryView } from '@ketaflow/contract';
import { formatInstant } from '../../app/format.ts';
import type { EntryBody } from './pending-entry.ts';
import { witnessCredentials, type WitnessInput } from './witness-credentials.ts';

export interface CorrectionChoice {
  readonly value: string;
  readonly label: string;
  readonly witnessesNeeded: number;
}

/** How many witnesses signed the stored entry (`witnessId` or `witnessIds` of the core entry). */
export function witnessesOf(entry: Readonly<Record<string, unknown>>): number {
  const one = typeof entry.witnessId === 'string' ? 1 : 0;
  const many = Array.isArray(entry.witnessIds) ? entry.witnessIds.length : 0;
  return one + many;
}

export function correctionChoices(
  entries: readonly LedgerEntryView[],
  timeZone: string,
): CorrectionChoice[] {
  const reversed = new Set(
    entries.flatMap((e) =>
      e.type === 'correction' && typeof e.entry.correctsEntryId === 'string'
        ? [e.entry.correctsEntryId]
        : [],
    ),
  );
  return entries
    .filter((e) => e.type !== 'correction' && e.type !== 'count' && !reversed.has(e.id))
    .map((e) => ({
      value: e.id,
      label: [
        `#${String(e.seq)} ${e.type.replace(/-/g, ' ')}`,
        formatInstant(e.occurredAt, timeZone),
        ...(e.ndc === null || e.lot === null ? [] : [`NDC ${e.ndc} lot ${e.lot}`]),
      ].join(' · '),
      witnessesNeeded: witnessesOf(e.entry),
    }));
}

/** The correction's body: the first `needed` witnesses sign; none are sent when none are needed. */
export function correctionBody(
  correctsEntryId: string,
  reason: string,
  witnesses: readonly WitnessInput[],
  needed: number,
): EntryBody {
  const signing = witnesses.slice(0, needed).map(witnessCredentials);
  return {
    type: 'correction',
    correctsEntryId,
    reason,
    ...(signing.length === 0 ? {} : { witnesses: signing }),
  };
}
