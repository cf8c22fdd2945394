/**
 * Display formatting for dates, times and names. Instants are shown on the clinic's wall clock
 * (its IANA zone), with the zone abbreviation, so a nurse in California and an auditor elsewhere
 * read the same time the same way. Calendar dates (date of birth) are shown as stored, YYYY-MM-DD,
 * never shifted through a time zone.
 */
import type { Patient } from '@ketaflow/contract';

/** `2026-11-25T17:05:00Z` in America/Los_Angeles → `2026-11-25 09:05 PST`. */
export function formatInstant(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

/** The time of day to the second on the clinic's wall clock: `17:05:09Z` in Los Angeles → `09:05:09 PST`. */
export function formatClock(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(date);
}

/** "Family, Given" as clinic lists sort and read them. */
export function patientName(p: Pick<Patient, 'legalFamilyName' | 'legalGivenName'>): string {
  return `${p.legalFamilyName}, ${p.legalGivenName}`;
}

export const SEX_LABELS: Readonly<Record<string, string>> = {
  female: 'Female',
  male: 'Male',
  intersex: 'Intersex',
  unknown: 'Unknown',
};

/** Field names of the API as people read them (history, audit). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  mrn: 'MRN',
  legalGivenName: 'Legal given name',
  legalFamilyName: 'Legal family name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  sexAtBirth: 'Sex assigned at birth',
  genderIdentity: 'Gender identity',
  phone: 'Phone',
  email: 'Email',
  address: 'Address',
  emergencyContact: 'Emergency contact',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
