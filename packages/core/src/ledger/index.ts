/** The controlled-substance ledger: entries, the pure balance fold, canonical JSON, DEA deadlines. */
export * from './ledger-entry.ts';
export * from './ledger-book.ts';
export * from './ledger-state.ts';
export * from './canonical-json.ts';
export * from './theft-loss-deadlines.ts';
export * from './discrepancy-pattern.ts';
