/**
 * The ledger's administrations against the session's chart: what the ledger records as given to a
 * patient from the containers drawn for a session can never be more than the chart shows was
 * infused (session/cumulative-dose.ts, whole µg rounded up, so never under-reported). A typed
 * amount above the chart would hide drug that left the books without being given (a diversion
 * path, T-41); exactly the charted amount is allowed. Both sides are exact integers in µg, so no
 * tolerance is needed.
 */
import { formatNumber } from '../format/ismp.ts';
import { err, ok, type Result } from '../result.ts';
import type { BookView } from './ledger-book.ts';
import { ledgerMassMg } from './ledger-units.ts';

/** µg the ledger records as administered from the containers drawn for `sessionId` (all of them). */
export function sessionAdministeredUg(book: BookView, sessionId: string): number {
  let total = 0;
  for (const vial of book.vials.values()) {
    if (vial.sessionId === sessionId) total += vial.administeredUg;
  }
  return total;
}

/** What the chart and the ledger say of one session, µg (whole numbers ≥ 0). */
export interface ChartedAdministration {
  /** The chart's cumulative administered dose. */
  readonly chartedUg: number;
  /** Already recorded as administered in the ledger (over all the session's containers). */
  readonly recordedUg: number;
}

/** µg that may still be recorded as administered for the session (0 when none). */
export const administrableUg = (s: ChartedAdministration): number =>
  Math.max(0, s.chartedUg - s.recordedUg);

const mg = (ug: number): string => `${formatNumber(ledgerMassMg(ug).value, 3)} mg`;

/**
 * Whether recording `amountUg` more as administered keeps the ledger's total for the session at
 * or below the chart. Error `ledger.above-charted-dose` (field `amountUg`) states both amounts.
 */
export function checkWithinChartedDose(s: ChartedAdministration, amountUg: number): Result<true> {
  if (s.recordedUg + amountUg <= s.chartedUg) return ok(true);
  return err({
    code: 'ledger.above-charted-dose',
    field: 'amountUg',
    message:
      `The chart shows ${mg(s.chartedUg)} given in this session and the ledger already has ` +
      `${mg(s.recordedUg)} recorded as administered for it; at most ${mg(administrableUg(s))} ` +
      `more can be recorded (${mg(amountUg)} asked). Record what the chart shows; if the chart is ` +
      'behind the pump, chart the infusion first.',
  });
}
