/** @ketaflow/contract: the zod schemas of the HTTP API, shared by the server and the web app. */
export * from './problem.ts';
export * from './common.ts';
export * from './patients.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './clinics.ts';
export * from './users.ts';
export * from './analytics.ts';
export * from './intake.ts';
export * from './screening.ts';
export * from './consent.ts';
export * from './courses.ts';
export * from './clinical.ts';
export * from './ledger.ts';
export * from './questionnaires.ts';
export * from './portal.ts';
export * from './referrals.ts';
