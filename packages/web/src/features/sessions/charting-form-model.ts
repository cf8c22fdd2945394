/**
 * The starting state of the rate-change and scores forms and the requests they send. Nothing clinical
 * is preset: the rate unit is chosen for every change (at 0.16 mg/mL, "20" meant as mg/h charted as
 * mL/h is a 6-fold error), and the sedation scale is chosen unless the order's protocol names one,
 * which is then the order, not a guess. Values go as typed; the server validates and names the field.
 * A rate increase at or above the soft limit also carries a second clinician's blind re-entry
 * (T-37): their fields always start empty, never with the first entry's values.
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import type { ApiProblem } from '../../api/problem.ts';
import { typedNumber, typedSignedNumber } from '../../app/typed-number.ts';
import {
  emptyWitness,
  witnessCredentials,
  type WitnessInput,
} from '../ledger/witness-credentials.ts';

export const RATE_UNITS = ['mL/h', 'mg/h', 'mg/kg/h'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];
export const isRateUnit = (v: string): v is RateUnit =>
  (RATE_UNITS as readonly string[]).includes(v);

export const SEDATION_SCALES = ['rass', 'moaas'] as const;
export type SedationScale = (typeof SEDATION_SCALES)[number];
export const isSedationScale = (v: string): v is SedationScale =>
  (SEDATION_SCALES as readonly string[]).includes(v);

/** The second clinician's sign-in and blind re-entry of the new rate and the bag. */
export interface DoubleCheckFields {
  readonly checker: WitnessInput;
  readonly value: string;
  /** Chosen by the checker (any unit; the server compares what each entry delivers). */
  readonly unit: RateUnit | '';
  readonly concentration: string;
}

export const EMPTY_DOUBLE_CHECK: DoubleCheckFields = {
  checker: emptyWitness,
  value: '',
  unit: '',
  concentration: '',
};

export interface RateChangeFields {
  readonly value: string;
  /** Empty until chosen, and again after each change. */
  readonly unit: RateUnit | '';
  readonly reason: string;
  readonly override: string;
  readonly check: DoubleCheckFields;
}

export const EMPTY_RATE_CHANGE: RateChangeFields = {
  value: '',
  unit: '',
  reason: '',
  override: '',
  check: EMPTY_DOUBLE_CHECK,
};

const started = (c: DoubleCheckFields): boolean =>
  [c.checker.email, c.checker.password, c.checker.totp, c.value, c.concentration].some(
    (v) => v.trim() !== '',
  ) || c.unit !== '';

/**
 * The rate change to send, or null while a unit is unchosen (the selects' `required` says so). The
 * double check goes along when its fields are shown (all required; the server names a bad one).
 */
export function rateChangeRequest(
  f: RateChangeFields,
  stamp: { readonly id: string; readonly occurredAt: string },
  withDoubleCheck = false,
): ChartEntryRequest | null {
  if (f.unit === '') return null;
  const check = withDoubleCheck ? f.check : null;
  if (check?.unit === '') return null;
  const doubleCheck =
    check === null
      ? {}
      : {
          doubleCheck: {
            checker: witnessCredentials(check.checker),
            rate: { value: typedNumber(check.value), unit: check.unit },
            concentrationMgPerMl: typedNumber(check.concentration),
          },
        };
  return {
    ...stamp,
    kind: 'rate-change',
    newRate: { value: typedNumber(f.value), unit: f.unit },
    reason: f.reason,
    ...(f.override.trim() === '' ? {} : { overrideReason: f.override.trim() }),
    ...doubleCheck,
  };
}

/** What the form keeps of a sent change: everything but the second clinician's entries and secrets. */
export const sentFields = (f: RateChangeFields): RateChangeFields => ({
  ...f,
  check: EMPTY_DOUBLE_CHECK,
});

/**
 * True when a refusal of the form's change is answered in the form: the server asks for the double
 * check or names one of its fields (sign-in, self-check, disagreement). The refused entry was never
 * stored: the form discards it from the outbox (with the secrets it carries) and the change is sent
 * again under a new id (the same id with another body would be a reused key). Other refusals stay
 * in the outbox banner with their guardrail evidence.
 */
export function resumesInForm(request: ChartEntryRequest, problem: ApiProblem): boolean {
  return (
    request.kind === 'rate-change' &&
    (problem.code === 'rate-change.double-check-required' ||
      (problem.field?.startsWith('body.doubleCheck') ?? false))
  );
}

/** True when nothing has been typed in the form since it was cleared (a resume may refill it). */
export const isUntouched = (f: RateChangeFields): boolean =>
  f.value === '' && f.unit === '' && f.reason === '' && f.override === '' && !started(f.check);

/** The scale the form starts with: the protocol's, when it names one; otherwise none. */
export const initialScale = (protocolScale: SedationScale | null): SedationScale | '' =>
  protocolScale ?? '';

/** The sedation entry for a typed score, or null when no score was typed or no scale is chosen. */
export function sedationRequest(
  scale: SedationScale | '',
  score: string,
  stamp: { readonly id: string; readonly occurredAt: string },
): ChartEntryRequest | null {
  if (score.trim() === '' || scale === '') return null;
  return { ...stamp, kind: 'sedation', scale, score: typedSignedNumber(score) };
}

/** One side of a disagreeing double check, as the server compared it. */
export interface ComparedEntry {
  readonly concentrationMgPerMl: number;
  readonly rateMlPerH: number;
  readonly doseRateMgPerH: number;
}

const comparedEntry = (v: unknown): ComparedEntry | null => {
  if (typeof v !== 'object' || v === null) return null;
  const e = v as Record<string, unknown>;
  const { concentrationMgPerMl: c, rateMlPerH: r, doseRateMgPerH: d } = e;
  return typeof c === 'number' && typeof r === 'number' && typeof d === 'number'
    ? { concentrationMgPerMl: c, rateMlPerH: r, doseRateMgPerH: d }
    : null;
};

/**
 * Both entries of a double check that disagreed, side by side (d-4: shown only now that both were
 * submitted), with the policy that set the tolerance; null for any other refusal.
 */
export function disagreement(
  problem: ApiProblem,
): { first: ComparedEntry; second: ComparedEntry; policy: string } | null {
  const evidence = problem.extra?.evidence;
  if (typeof evidence !== 'object' || evidence === null) return null;
  const e = evidence as Record<string, unknown>;
  const first = comparedEntry(e.first);
  const second = comparedEntry(e.second);
  return first === null || second === null || typeof e.policy !== 'string'
    ? null
    : { first, second, policy: e.policy };
}
