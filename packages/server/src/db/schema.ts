/** Every table of Ketaflow, gathered for drizzle (queries) and drizzle-kit (migrations). */
export * from '../clinics/schema.ts';
export * from '../users/schema.ts';
export * from '../auth/schema.ts';
export * from '../audit/schema.ts';
export * from '../patients/schema.ts';
export * from '../intake/schema.ts';
export * from '../screening/schema.ts';
export * from '../consent/schema.ts';
export * from '../courses/schema.ts';
export * from '../sessions/schema.ts';
export * from '../medications/schema.ts';
export * from '../research/schema.ts';
export * from '../analytics/schema.ts';
export * from '../ledger/schema.ts';
