/** Eligibility: rule sets over named patient facts and their explainable evaluation. */
export * from './condition.ts';
export * from './rule-set.ts';
export * from './evaluate-eligibility.ts';
export * from './shipped.ts';
