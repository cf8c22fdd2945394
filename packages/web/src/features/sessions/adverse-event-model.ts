/**
 * The adverse-event form's state and the request it sends. Every clinical choice (type, severity,
 * rescue medication and its route) starts unchosen and is unchosen again after each event, so the
 * next event never inherits the last one's route. Start and end are optional times on the clinic's
 * clock; left empty, the event started when it is charted. What was typed goes as typed: a time that
 * does not parse is sent unchanged so the server refuses it naming the field (nothing is repaired).
 */
import { defaultAdverseEventVocabulary as vocabulary } from '@ketaflow/core';
import type { ChartEntryRequest } from '@ketaflow/contract';
import { typedNumber } from '../../app/typed-number.ts';
import { clinicTimeToday } from './clinic-clock.ts';

export interface AdverseEventFields {
  readonly type: string;
  readonly severity: string;
  readonly action: string;
  readonly description: string;
  /** HH:MM on the clinic's clock, or empty for "when charted". */
  readonly startedAt: string;
  /** HH:MM on the clinic's clock, or empty while the event is ongoing. */
  readonly endedAt: string;
  readonly medication: string;
  readonly dose: string;
  readonly route: string;
}

export const EMPTY_ADVERSE_EVENT: AdverseEventFields = {
  type: '',
  severity: '',
  action: '',
  description: '',
  startedAt: '',
  endedAt: '',
  medication: '',
  dose: '',
  route: '',
};

/** The vocabulary's rescue medication of that code, or undefined for "None". */
export const rescueOf = (code: string) => vocabulary.rescueMedications.find((m) => m.code === code);

/** A typed time as an instant, or the text itself when it is not a time (the server names it). */
const instant = (text: string, now: Date, timeZone: string): string =>
  clinicTimeToday(text, now, timeZone) ?? text;

export function adverseEventRequest(
  f: AdverseEventFields,
  stamp: { readonly id: string; readonly occurredAt: string },
  timeZone: string,
): ChartEntryRequest {
  const now = new Date(stamp.occurredAt);
  const typedStart =
    f.startedAt.trim() === '' ? stamp.occurredAt : clinicTimeToday(f.startedAt, now, timeZone);
  const startedAt = typedStart ?? f.startedAt;
  const rescue = rescueOf(f.medication);
  return {
    id: stamp.id,
    // The clinical time is the event's start, so it sits where it happened on the chart.
    occurredAt: typedStart ?? stamp.occurredAt,
    kind: 'adverse-event',
    type: f.type,
    severity: f.severity,
    startedAt,
    ...(f.endedAt.trim() === '' ? {} : { endedAt: instant(f.endedAt, now, timeZone) }),
    action: f.action,
    ...(f.description.trim() === '' ? {} : { description: f.description.trim() }),
    ...(rescue === undefined
      ? {}
      : {
          rescue: [
            {
              medication: rescue.code,
              dose: typedNumber(f.dose),
              doseUnit: rescue.doseUnit,
              // As chosen: an unchosen route fails the select's `required` and the server's check.
              route: f.route,
              givenAt: stamp.occurredAt,
            },
          ],
        }),
  };
}
