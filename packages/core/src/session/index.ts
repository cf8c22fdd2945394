/**
 * Infusion session rules: state machine and guards, pre-infusion checks, independent double
 * check, discharge, charting validation, stop rules, due/overdue prompts, cumulative dose and
 * adverse events.
 */
export { parseIsoDate, type IsoDate } from './iso-date.ts';
export * from './vital-signs.ts';
export * from './charting-knowledge.ts';
export * from './pre-infusion-checks.ts';
export * from './double-check.ts';
export * from './discharge.ts';
export * from './observation.ts';
export * from './occupancy.ts';
export * from './session-state.ts';
export * from './stop-rules.ts';
export * from './charting-due.ts';
export * from './charted-items.ts';
export {
  administeredDose,
  toMicro,
  wouldExceedCap,
  type AdministeredDose,
  type CapProjection,
  type DoseCaps,
  type InfusionEvent,
  type InfusionStatus,
} from './cumulative-dose.ts';
export * from './adverse-event.ts';
