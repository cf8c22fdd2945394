/**
 * The protocol rules a session runs under, resolved from its signed order's protocol id@version in
 * core's registry: the state machine's guard thresholds, stop rules and the charting schedule. No
 * clinical number is written here; everything comes from the knowledge files through core.
 */
import {
  defaultChartingPromptPolicy,
  defaultDoubleCheckPolicy,
  findProtocol,
  type ChartingSchedule,
  type Protocol,
  type SessionContext,
} from '@ketaflow/core';
import { DomainError } from '../http/errors.ts';

/** The PK model used when the protocol names none: an adult racemic ketamine model (draft knowledge). */
export const DEFAULT_PK_MODEL = { id: 'ketamine-domino-1982', version: '1.0.0' } as const;

export function protocolOf(ref: { id: string; version: string }): Protocol {
  const protocol = findProtocol(ref);
  if (protocol === undefined) {
    throw new DomainError(
      'session.protocol-unknown',
      422,
      `The order's protocol ${ref.id}@${ref.version} is not in this version of Ketaflow.`,
    );
  }
  return protocol;
}

/**
 * Guard thresholds for core's state machine. `pregnancyTestRequired` applies the protocol's rule to
 * patients who can become pregnant: every patient not recorded as male at birth (unknown counts as
 * "can", so the test is asked for rather than skipped).
 */
export function sessionContextOf(protocol: Protocol, sexAtBirth: string): SessionContext {
  return {
    preInfusion: {
      source: protocol.ref,
      fastingRequired: protocol.preChecks.fastingRequired,
      escortRequired: protocol.preChecks.escortRequired,
      pregnancyTestRequired: protocol.preChecks.pregnancyTestRequired && sexAtBirth !== 'male',
      baselineLimits: protocol.preChecks.baselineLimits,
    },
    doubleCheck: defaultDoubleCheckPolicy,
    discharge: protocol.discharge,
  };
}

/**
 * Due/overdue schedule for the current phase: the vitals at the protocol's monitoring interval and
 * each bedside assessment (sedation, pain, dissociation) at the interval the protocol gives it.
 */
export function chartingScheduleOf(protocol: Protocol, phaseStartedAtMs: number): ChartingSchedule {
  return {
    phaseStartedAtMs,
    intervals: [
      { item: 'vitals', intervalMin: protocol.monitoring.vitalsIntervalMin },
      ...protocol.monitoring.assessments.map((a) => ({ item: a.item, intervalMin: a.intervalMin })),
    ],
    overdueGraceMin: defaultChartingPromptPolicy.overdueGraceMin,
    sources: [protocol.ref, defaultChartingPromptPolicy.source],
  };
}
