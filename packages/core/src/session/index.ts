/** Infusion session rules: state machine and guards, charting validation, stop rules, prompts, cumulative dose. */
export * from './iso-date.ts';
export * from './vital-signs.ts';
export * from './charting-knowledge.ts';
export * from './pre-infusion-checks.ts';
export * from './double-check.ts';
export * from './discharge.ts';
export * from './session-state.ts';
export * from './stop-rules.ts';
export * from './charting-due.ts';
export * from './cumulative-dose.ts';
export * from './adverse-event.ts';
