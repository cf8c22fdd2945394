/**
 * The controlled-substance (Schedule III) ledger: entries, the pure balance fold, canonical JSON
 * for the server's hash chain, DEA theft/loss deadlines and discrepancy pattern escalation.
 */
export * from './ledger-entry.ts';
export {
  lotKey,
  stockKey,
  type Discrepancy,
  type Lot,
  type StockLine,
  type Vial,
} from './ledger-book.ts';
export * from './ledger-state.ts';
export * from './ledger-as-of.ts';
export * from './canonical-json.ts';
export * from './theft-loss-deadlines.ts';
export * from './discrepancy-pattern.ts';
export * from './ledger-units.ts';
export * from './draw-window.ts';
export * from './receipt-checks.ts';
export * from './charted-dose.ts';
export { type DeaFiling } from './dea-filing.ts';
export { type Arrival } from './ledger-dating.ts';
export { type CountMark, type SealedMove } from './sealed-history.ts';
