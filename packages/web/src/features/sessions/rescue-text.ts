/**
 * A charted rescue medication as text: "Midazolam 1 mg IV" (the vocabulary's label, the dose as
 * recorded in ISMP display form with its unit, and the route). Shared by the chart's markers, the
 * session table and the printed summary so all three say the same.
 */
import { defaultAdverseEventVocabulary as vocabulary, displayUnit, isUnit } from '@ketaflow/core';
import { storedNumber } from './observation-text.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The rescue entries of an adverse event's payload (anything else in the list is skipped). */
export const rescuesOf = (payload: Readonly<Record<string, unknown>>): Record<string, unknown>[] =>
  (Array.isArray(payload.rescue) ? payload.rescue : []).filter(isRecord);

export function rescueText(r: Readonly<Record<string, unknown>>): string {
  const code = text(r.medication);
  const name = vocabulary.rescueMedications.find((m) => m.code === code)?.label ?? code;
  const unit = text(r.doseUnit);
  return `${name} ${storedNumber(r.dose)} ${isUnit(unit) ? displayUnit(unit) : unit} ${text(r.route)}`;
}
