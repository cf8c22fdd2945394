/**
 * Research: HIPAA Safe Harbor de-identification and the de-identified CSV and FHIR R4 exports;
 * cohort analytics over plain rows (the reference semantics for the server's SQL).
 */
export * from './safe-harbor.ts';
export * from './deidentify.ts';
export * from './csv-export.ts';
export * from './fhir-export.ts';
export * from './cohort-bands.ts';
export * from './cohort.ts';
export * from './cohort-summary.ts';
export * from './cohort-compare.ts';
export * from './proportion-difference.ts';
export * from './cohort-row.ts';
export * from './cohort-aggregates.ts';
export * from './summary-compare.ts';
