/** Opioid morphine milligram equivalents: factor tables and the MME calculator. */
export * from './factor-table.ts';
export * from './calculate-mme.ts';
