/** Instruments (questionnaires and clinician scales) and their scoring. */
export * from './instrument.ts';
export * from './score-instrument.ts';
export * from './registry.ts';
