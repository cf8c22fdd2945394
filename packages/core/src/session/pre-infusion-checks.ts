/**
 * Pre-infusion checks before a ketamine infusion may be double-checked and started: consent
 * current, fasting and escort confirmed, baseline vitals inside the protocol's limits, and a
 * negative pregnancy test where required. The requirements come from the protocol version;
 * each check yields met | unmet | unknown, and unknown never counts as met.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { dayNumber, type IsoDate } from './iso-date.ts';
import type { Observations, VitalField } from './vital-signs.ts';

/** An inclusive limit on one baseline observation; at least one of min and max is set. */
export interface BaselineLimit {
  readonly field: VitalField;
  readonly min?: number;
  readonly max?: number;
}

/** What the protocol (and, for pregnancy testing, the patient's status) requires. */
export interface PreInfusionRequirements {
  /** The protocol id@version the requirements come from. */
  readonly source: KnowledgeRef;
  readonly fastingRequired: boolean;
  readonly escortRequired: boolean;
  /** True when the protocol requires a test and the patient can become pregnant. */
  readonly pregnancyTestRequired: boolean;
  readonly baselineLimits: readonly BaselineLimit[];
}

/** Facts recorded at the chair; `null` means not recorded (which is never read as "yes"). */
export interface PreInfusionFacts {
  /** Today's date at the clinic. */
  readonly clinicDate: IsoDate;
  /** Last day the signed consent is valid; null when no consent is on file. */
  readonly consentValidThrough: IsoDate | null;
  readonly fastingConfirmed: boolean | null;
  readonly escortConfirmed: boolean | null;
  readonly pregnancyTest: 'negative' | 'positive' | 'not-done';
  /** Baseline observations (validated vitals). */
  readonly baselineVitals: Observations;
}

export type CheckStatus = 'met' | 'unmet' | 'unknown';

/** One line of the pre-infusion trace. */
export interface PreCheckResult {
  /** Stable name, e.g. `consent-current`, `baseline.systolicBpMmHg`. */
  readonly check: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

/** All checks, and whether the infusion may proceed (only when every check is met). */
export interface PreInfusionEvaluation {
  readonly passed: boolean;
  readonly trace: readonly PreCheckResult[];
  readonly source: KnowledgeRef;
}

function confirmation(
  check: string,
  required: boolean,
  value: boolean | null,
  what: string,
): PreCheckResult {
  if (!required) return { check, status: 'met', detail: `${what} not required by the protocol.` };
  if (value === null) return { check, status: 'unknown', detail: `${what} has not been recorded.` };
  return value
    ? { check, status: 'met', detail: `${what} confirmed.` }
    : { check, status: 'unmet', detail: `${what} not confirmed.` };
}

function baseline(limit: BaselineLimit, vitals: Observations): PreCheckResult {
  const check = `baseline.${limit.field}`;
  const value = vitals[limit.field];
  const range = `${limit.min ?? '−∞'} to ${limit.max ?? '+∞'}`;
  if (limit.min === undefined && limit.max === undefined) {
    return {
      check,
      status: 'unknown',
      detail: `The protocol limit for ${limit.field} has neither min nor max.`,
    };
  }
  if (value === undefined)
    return { check, status: 'unknown', detail: `No baseline ${limit.field} recorded.` };
  const inside =
    (limit.min === undefined || value >= limit.min) &&
    (limit.max === undefined || value <= limit.max);
  return inside
    ? { check, status: 'met', detail: `${limit.field} ${value} is within ${range}.` }
    : {
        check,
        status: 'unmet',
        detail: `${limit.field} ${value} is outside the protocol limits ${range}.`,
      };
}

/** Evaluates every pre-infusion check; the trace always lists all of them, in a fixed order. */
export function evaluatePreInfusionChecks(
  facts: PreInfusionFacts,
  requirements: PreInfusionRequirements,
): PreInfusionEvaluation {
  const trace: PreCheckResult[] = [];
  if (facts.consentValidThrough === null) {
    trace.push({ check: 'consent-current', status: 'unmet', detail: 'No signed consent on file.' });
  } else if (dayNumber(facts.consentValidThrough) < dayNumber(facts.clinicDate)) {
    trace.push({
      check: 'consent-current',
      status: 'unmet',
      detail: `Consent expired on ${facts.consentValidThrough}; a new consent is needed.`,
    });
  } else {
    trace.push({
      check: 'consent-current',
      status: 'met',
      detail: `Consent valid through ${facts.consentValidThrough}.`,
    });
  }
  trace.push(
    confirmation('fasting', requirements.fastingRequired, facts.fastingConfirmed, 'Fasting'),
  );
  trace.push(
    confirmation('escort', requirements.escortRequired, facts.escortConfirmed, 'Escort home'),
  );
  if (!requirements.pregnancyTestRequired) {
    trace.push({ check: 'pregnancy-test', status: 'met', detail: 'Pregnancy test not required.' });
  } else if (facts.pregnancyTest === 'not-done') {
    trace.push({
      check: 'pregnancy-test',
      status: 'unknown',
      detail: 'Pregnancy test required but not recorded.',
    });
  } else if (facts.pregnancyTest === 'positive') {
    trace.push({
      check: 'pregnancy-test',
      status: 'unmet',
      detail: 'Pregnancy test positive: ketamine is to be avoided in pregnancy (Cohen 2018).',
    });
  } else {
    trace.push({ check: 'pregnancy-test', status: 'met', detail: 'Pregnancy test negative.' });
  }
  for (const limit of requirements.baselineLimits)
    trace.push(baseline(limit, facts.baselineVitals));
  return { passed: trace.every((c) => c.status === 'met'), trace, source: requirements.source };
}
