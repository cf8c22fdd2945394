/**
 * What the administer form shows and prefills from the session's chart (GET
 * /ledger/sessions/{id}/administration): the chart's cumulative dose, what the ledger already
 * records as administered for the session and what may still be recorded, in mg with ISMP
 * formatting. The recordable amount is prefilled because it is a fact read from the chart, not a
 * guess; the nurse may type less. What the nurse typed for this reading of this session is kept
 * (a reading that arrives late never overwrites it); a new reading (after each recorded
 * administration, or a re-read) replaces it with the new recordable amount.
 */
import type { LedgerSessionAdministration } from '@ketaflow/contract';
import { formatQuantity, ledgerMassMg } from '@ketaflow/core';
import type { z } from 'zod';
import { microToMilliText } from './milli-units.ts';

export type SessionAdministration = z.infer<typeof LedgerSessionAdministration>;

/** µg as the ledger shows mass: mg to the µg (3 decimals), ISMP formatted ("1,250.5 mg"). */
export const ledgerMg = (ug: number): string => formatQuantity(ledgerMassMg(ug), 3);

/** "Chart shows 12.5 mg given, 0 mg already recorded; up to 12.5 mg can be recorded". */
export function administrationSummary(a: SessionAdministration): string {
  return (
    `Chart shows ${ledgerMg(a.chartedUg)} given, ${ledgerMg(a.recordedUg)} already recorded; ` +
    `up to ${ledgerMg(a.administrableUg)} can be recorded`
  );
}

/** The amount field's prefill (plain mg text the field parses back exactly); '' when none is left. */
export const amountPrefill = (a: SessionAdministration | null): string =>
  a === null || a.administrableUg <= 0 ? '' : microToMilliText(a.administrableUg);

/** What the nurse typed, and for which reading of which session (`readingKey`). */
export interface TypedAmount {
  readonly readingKey: string;
  readonly text: string;
}

/** Identifies one reading of the chart for one session: the session and the re-read counter. */
export const readingKey = (sessionId: string, generation: number): string =>
  `${sessionId}#${String(generation)}`;

/**
 * The amount shown: what the nurse typed for this reading, else the prefill of the reading (only
 * when it is of the chosen session: a reading of another session is never prefilled).
 */
export function shownAmount(
  typed: TypedAmount | null,
  key: string,
  reading: SessionAdministration | null,
  sessionId: string,
): string {
  if (typed !== null && typed.readingKey === key) return typed.text;
  return amountPrefill(reading !== null && reading.sessionId === sessionId ? reading : null);
}
