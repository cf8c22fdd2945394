/** Every table of Ketaflow, gathered for drizzle (queries) and drizzle-kit (migrations). */
export * from '../clinics/schema.ts';
export * from '../users/schema.ts';
export * from '../auth/schema.ts';
export * from '../audit/schema.ts';
export * from '../patients/schema.ts';
