/** Dosing: protocols, drug library, dose calculator, rate-change check and weight re-confirmation. */
export * from './dose-types.ts';
export * from './protocol.ts';
export * from './drug-library.ts';
export * from './registry.ts';
export * from './calculate-dose.ts';
export * from './rate-change.ts';
export * from './weight-reconfirmation.ts';
export * from './entry-fields.ts';
export * from './titration.ts';
