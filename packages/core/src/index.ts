/**
 * @ketaflow/core public surface: one export line per area. Pure TypeScript, zero runtime
 * dependencies; time, randomness and data come in as arguments.
 */
export * from './result.ts';
export * from './knowledge/types.ts';
export * from './knowledge/envelope.ts';
export * from './knowledge/lock.ts';
export * from './mme/index.ts';
export * from './stats/index.ts';
