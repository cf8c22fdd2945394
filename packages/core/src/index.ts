/**
 * @ketaflow/core public surface: one export line per area. Pure TypeScript, zero runtime
 * dependencies; time, randomness and data come in as arguments.
 */
export * from './result.ts';
export * from './knowledge/types.ts';
export * from './knowledge/envelope.ts';
export * from './knowledge/lock.ts';
export * from './knowledge/data-reader.ts';
export * from './units/quantity.ts';
export * from './units/conversions.ts';
export * from './input/number-grammar.ts';
export * from './format/ismp.ts';
export * from './body/body-size-knowledge.ts';
export * from './body/body-size.ts';
export * from './dosing/index.ts';
export * from './mme/index.ts';
export * from './stats/index.ts';
export * from './pk/index.ts';
export * from './pd/index.ts';
export * from './outcomes/index.ts';
export * from './scoring/index.ts';
export * from './eligibility/index.ts';
export * from './research/index.ts';
export * from './session/index.ts';
export * from './ledger/index.ts';
