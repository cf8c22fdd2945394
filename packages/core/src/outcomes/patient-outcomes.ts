/**
 * Everything the prescriber's outcome page shows for one patient, in one deterministic call:
 * pain trajectory, rapid onset per session, responder status, days since the last infusion,
 * durable relief, the booster suggestion, cumulative ketamine exposure and monitoring reminders.
 * Each part records the knowledge id@version that produced it.
 */
import { err, ok, type Result } from '../result.ts';
import type { Instrument } from '../scoring/instrument.ts';
import { daysBetween, parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import { suggestBooster, type BoosterRule, type BoosterSuggestion } from './booster-suggestion.ts';
import { durableRelief, type DurableReliefResult } from './durable-relief.ts';
import { ketamineExposure, type KetamineExposure } from './ketamine-exposure.ts';
import {
  monitoringReminders,
  type MonitoringPlan,
  type MonitoringReminders,
  type RecordedCheck,
} from './monitoring-reminders.ts';
import type { OutcomeRules } from './outcome-rules.ts';
import { parseNrsReadings, type NrsReadingInput } from './pain-readings.ts';
import { painTrajectory, type PainTrajectory } from './pain-trajectory.ts';
import { rapidOnset, type RapidOnsetSummary } from './rapid-onset.ts';
import { responderStatus, type PgicAnswerInput, type ResponderStatus } from './responder-status.ts';

/** An infusion already given. */
export interface GivenSession {
  readonly sessionId: string;
  readonly date: string;
  readonly doseMg: number;
  readonly weightKg: number;
  readonly nrsBefore?: number;
  readonly nrsAfter?: number;
}

export interface PatientOutcomeInput {
  readonly readings: readonly NrsReadingInput[];
  readonly sessions: readonly GivenSession[];
  readonly pgicAnswers: readonly PgicAnswerInput[];
  readonly checks: readonly RecordedCheck[];
  /** Clinic-local date of the assessment. */
  readonly today: string;
}

export interface OutcomeKnowledge {
  readonly rules: OutcomeRules;
  readonly booster: BoosterRule;
  readonly monitoring: MonitoringPlan;
  readonly painInstrument: Instrument;
  readonly pgicInstrument: Instrument;
}

export interface PatientOutcomes {
  readonly today: CalendarDate;
  readonly firstInfusion: CalendarDate;
  readonly lastInfusion: CalendarDate;
  readonly daysSinceLastInfusion: number;
  readonly trajectory: PainTrajectory;
  readonly rapidOnset: RapidOnsetSummary;
  readonly responder: ResponderStatus;
  readonly durableRelief: DurableReliefResult;
  readonly booster: BoosterSuggestion;
  readonly exposure: KetamineExposure;
  readonly monitoring: MonitoringReminders;
}

/** Computes the outcome page of one patient; sessions must be infusions given on or before today. */
export const patientOutcomes = (
  input: PatientOutcomeInput,
  knowledge: OutcomeKnowledge,
): Result<PatientOutcomes> => {
  const today = parseCalendarDate(input.today, 'today');
  if (!today.ok) return today;
  const exposure = ketamineExposure(input.sessions);
  if (!exposure.ok) return exposure;
  const { firstDate, lastDate } = exposure.value;
  if (firstDate === null || lastDate === null) {
    return err({
      code: 'outcomes.no-sessions',
      field: 'sessions',
      message: 'sessions is empty: outcomes are measured from the first infusion.',
    });
  }
  if (lastDate > today.value) {
    return err({
      code: 'outcomes.session-in-future',
      field: 'sessions',
      message: `A session is dated ${lastDate}, after today (${today.value}); pass only infusions already given.`,
    });
  }
  const readings = parseNrsReadings(input.readings);
  if (!readings.ok) return readings;
  const trajectory = painTrajectory(input.readings, firstDate, knowledge.rules);
  if (!trajectory.ok) return trajectory;
  const onset = rapidOnset(input.sessions, knowledge.rules);
  if (!onset.ok) return onset;
  const responder = responderStatus(
    {
      readings: readings.value,
      firstInfusion: firstDate,
      asOf: today.value,
      pgicAnswers: input.pgicAnswers,
    },
    knowledge.rules,
    knowledge.painInstrument,
    knowledge.pgicInstrument,
  );
  if (!responder.ok) return responder;
  const baseline = trajectory.value.baseline;
  const relief = durableRelief(
    readings.value,
    lastDate,
    baseline.status === 'known' ? baseline.meanNrs : null,
    today.value,
    knowledge.rules,
  );
  if (!relief.ok) return relief;
  const sinceLast = daysBetween(lastDate, today.value);
  const monitoring = monitoringReminders(exposure.value, input.checks, knowledge.monitoring);
  if (!monitoring.ok) return monitoring;
  return ok({
    today: today.value,
    firstInfusion: firstDate,
    lastInfusion: lastDate,
    daysSinceLastInfusion: sinceLast,
    trajectory: trajectory.value,
    rapidOnset: onset.value,
    responder: responder.value,
    durableRelief: relief.value,
    booster: suggestBooster(relief.value.relief, sinceLast, knowledge.booster),
    exposure: exposure.value,
    monitoring: monitoring.value,
  });
};
