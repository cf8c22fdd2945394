/** The vital signs the chart records, with their units, and parsing of what was typed. */
import { typedNumber } from '../../app/typed-number.ts';

export const VITAL_FIELDS = [
  {
    key: 'systolicBpMmHg',
    label: 'Systolic BP (mmHg)',
    short: 'SBP',
    unit: 'mmHg',
    optional: false,
  },
  {
    key: 'diastolicBpMmHg',
    label: 'Diastolic BP (mmHg)',
    short: 'DBP',
    unit: 'mmHg',
    optional: false,
  },
  { key: 'heartRateBpm', label: 'Heart rate (/min)', short: 'HR', unit: '/min', optional: false },
  { key: 'spo2Percent', label: 'SpO2 (%)', short: 'SpO2', unit: '%', optional: false },
  {
    key: 'respiratoryRatePerMin',
    label: 'Respiratory rate (/min)',
    short: 'RR',
    unit: '/min',
    optional: false,
  },
  { key: 'etco2MmHg', label: 'EtCO2 (mmHg)', short: 'EtCO2', unit: 'mmHg', optional: true },
] as const;

/**
 * Typed text → numbers by key. Empty inputs are left out; anything else goes through the strict
 * grammar (typedNumber: NaN unless a plain decimal) so the server's validation names the field —
 * nothing is repaired here.
 */
export function parseVitals(text: Readonly<Record<string, string>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(text)) {
    if (value.trim() === '') continue;
    out[key] = typedNumber(value);
  }
  return out;
}
