/**
 * The starting state of the rate-change and scores forms and the requests they send. Nothing clinical
 * is preset: the rate unit is chosen for every change (at 0.16 mg/mL, "20" meant as mg/h charted as
 * mL/h is a 6-fold error), and the sedation scale is chosen unless the order's protocol names one,
 * which is then the order, not a guess. Values go as typed; the server validates and names the field.
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import { typedNumber, typedSignedNumber } from '../../app/typed-number.ts';

export const RATE_UNITS = ['mL/h', 'mg/h', 'mg/kg/h'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];
export const isRateUnit = (v: string): v is RateUnit =>
  (RATE_UNITS as readonly string[]).includes(v);

export const SEDATION_SCALES = ['rass', 'moaas'] as const;
export type SedationScale = (typeof SEDATION_SCALES)[number];
export const isSedationScale = (v: string): v is SedationScale =>
  (SEDATION_SCALES as readonly string[]).includes(v);

export interface RateChangeFields {
  readonly value: string;
  /** Empty until chosen, and again after each change. */
  readonly unit: RateUnit | '';
  readonly reason: string;
  readonly override: string;
}

export const EMPTY_RATE_CHANGE: RateChangeFields = {
  value: '',
  unit: '',
  reason: '',
  override: '',
};

/** The rate change to send, or null while the unit is unchosen (the select's `required` says so). */
export function rateChangeRequest(
  f: RateChangeFields,
  stamp: { readonly id: string; readonly occurredAt: string },
): ChartEntryRequest | null {
  if (f.unit === '') return null;
  return {
    ...stamp,
    kind: 'rate-change',
    newRate: { value: typedNumber(f.value), unit: f.unit },
    reason: f.reason,
    ...(f.override.trim() === '' ? {} : { overrideReason: f.override.trim() }),
  };
}

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
