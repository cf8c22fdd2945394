/**
 * Observations and stop-rule alarms as people read them: a label and unit for each field core
 * charts (core/session/vital-signs.ts names the units in the keys), numbers in the ISMP display
 * form, and "Respiratory rate 8 /min, below 10 /min" instead of `respiratoryRatePerMin 8 below 10`.
 * An unknown field or comparison is shown as stored, never hidden.
 */
import { formatNumber } from '@ketaflow/core';

export const OBSERVATIONS: Readonly<
  Record<string, { readonly label: string; readonly unit: string }>
> = {
  systolicBpMmHg: { label: 'Systolic BP', unit: 'mmHg' },
  diastolicBpMmHg: { label: 'Diastolic BP', unit: 'mmHg' },
  heartRateBpm: { label: 'Heart rate', unit: '/min' },
  spo2Percent: { label: 'SpO2', unit: '%' },
  respiratoryRatePerMin: { label: 'Respiratory rate', unit: '/min' },
  etco2MmHg: { label: 'EtCO2', unit: 'mmHg' },
  rass: { label: 'RASS', unit: '' },
  moaas: { label: 'MOAA/S', unit: '' },
  painNrs: { label: 'Pain NRS', unit: '' },
};

const COMPARISONS: Readonly<Record<string, string>> = {
  above: 'above',
  'at-or-above': 'at or above',
  below: 'below',
  'at-or-below': 'at or below',
};

/**
 * A stored number as displayed: no trailing zeros, a leading zero, thousands commas. Up to 10
 * decimals, so a recorded value is never rounded for display; a non-number is shown as stored.
 */
export function storedNumber(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) >= 1e15) {
    return String(value);
  }
  return formatNumber(value, 10);
}

/** `8 /min`, `98 %`, or the bare score for unitless scales. */
export function withUnit(field: string, value: unknown): string {
  const unit = OBSERVATIONS[field]?.unit ?? '';
  return unit === '' ? storedNumber(value) : `${storedNumber(value)} ${unit}`;
}

export const observationLabel = (field: string): string => OBSERVATIONS[field]?.label ?? field;

/** "Respiratory rate 8 /min, below 10 /min". */
export function alarmText(
  a: Readonly<Partial<Record<'field' | 'value' | 'comparison' | 'threshold', unknown>>>,
): string {
  const field = String(a.field);
  const comparison = String(a.comparison);
  return `${observationLabel(field)} ${withUnit(field, a.value)}, ${COMPARISONS[comparison] ?? comparison} ${withUnit(field, a.threshold)}`;
}

/** ", protocol@version" when a stored alarm names the protocol its rule came from; else empty. */
export function sourceOf(p: Readonly<Record<string, unknown>>): string {
  const s = p.source;
  return typeof s === 'object' && s !== null && 'id' in s && 'version' in s
    ? `, ${String(s.id)}@${String(s.version)}`
    : '';
}
