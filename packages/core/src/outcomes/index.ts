/**
 * Per-patient outcomes between infusions: questionnaire schedules and due state, pain trajectory,
 * rapid onset, responder status, durable relief, booster suggestion, ketamine exposure with
 * monitoring reminders, and opioid MME over time.
 */
export { parseCalendarDate, type CalendarDate } from './calendar-date.ts';
export * from './questionnaire-schedule.ts';
export * from './protocol-schedules.ts';
export * from './questionnaires-due.ts';
export * from './outcome-rules.ts';
export * from './pain-readings.ts';
export * from './pain-trajectory.ts';
export * from './rapid-onset.ts';
export * from './responder-status.ts';
export * from './durable-relief.ts';
export * from './booster-suggestion.ts';
export * from './ketamine-exposure.ts';
export * from './monitoring-reminders.ts';
export * from './mme-over-time.ts';
export * from './patient-outcomes.ts';
export * from './preparation-instructions.ts';
