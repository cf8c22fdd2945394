/**
 * The adverse-event form's state and the request it sends. Every clinical choice (type, severity,
 * rescue medication and its route) starts unchosen and is unchosen again after each event, so the
 * next event never inherits the last one's route. Start and end are optional times on the clinic's
 * clock, each the most recent time the clock showed it (clinic-clock.ts: 23:50 typed at 00:05 is
 * last night), read back with its date before sending; left empty, the event started when it is
 * charted. What was typed goes as typed: a time that names no instant is sent unchanged so the
 * server refuses it naming the field (nothing is repaired).
 */
import { defaultAdverseEventVocabulary as vocabulary } from '@ketaflow/core';
import type { ChartEntryRequest } from '@ketaflow/contract';
import { typedNumber } from '../../app/typed-number.ts';
import {
  clinicDayTime,
  recentClinicTime,
  wallClock,
  type RecentClinicTime,
} from './clinic-clock.ts';

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

/** True when nothing is typed or chosen in the form. */
export const isBlankAdverseEvent = (f: AdverseEventFields): boolean =>
  (Object.keys(EMPTY_ADVERSE_EVENT) as (keyof AdverseEventFields)[]).every(
    (key) => f[key].trim() === '',
  );

/** The vocabulary's rescue medication of that code, or undefined for "None". */
export const rescueOf = (code: string) => vocabulary.rescueMedications.find((m) => m.code === code);

/** A typed time as an instant, or the text itself when it names none (the server names it). */
const instant = (text: string, now: Date, timeZone: string): string => {
  const r = recentClinicTime(text, now, timeZone);
  return r.ok ? r.instant : text;
};

/**
 * The adverse event to send, charted at `stamp.occurredAt` (now). Typed times are read against
 * `readAt` (the time the form showed them back at, at or before now, so what was shown is what is
 * sent); the rescue was given at `rescueGivenAt` (now, unless a refused event is sent again).
 */
export function adverseEventRequest(
  f: AdverseEventFields,
  stamp: { readonly id: string; readonly occurredAt: string },
  timeZone: string,
  options: { readonly readAt?: Date; readonly rescueGivenAt?: string } = {},
): ChartEntryRequest {
  const now = options.readAt ?? new Date(stamp.occurredAt);
  const rescueGivenAt = options.rescueGivenAt ?? stamp.occurredAt;
  const typed = recentClinicTime(f.startedAt, now, timeZone);
  const typedStart = f.startedAt.trim() === '' ? stamp.occurredAt : typed.ok ? typed.instant : null;
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
              givenAt: rescueGivenAt,
            },
          ],
        }),
  };
}

/** One typed time as the form reads it back before sending. */
function readBack(text: string, r: RecentClinicTime, timeZone: string): string {
  if (r.ok) {
    const when = clinicDayTime(r.instant, timeZone);
    return r.day === 'yesterday' ? `${when} (yesterday)` : when;
  }
  return r.reason === 'skipped'
    ? `${text.trim()} did not occur on the clinic clock (the clocks skipped it); the server will refuse it`
    : `"${text.trim()}" is not a 24-hour time HH:MM; the server will refuse it`;
}

/**
 * What the start and end will be charted as, in words with their dates ("25 Nov 23:50 PST
 * (yesterday)"), so a time read as last night is seen before it is sent, never silently re-dated;
 * `warning` when the end would be before the start.
 */
export function adverseEventTimes(
  f: Pick<AdverseEventFields, 'startedAt' | 'endedAt'>,
  now: Date,
  timeZone: string,
): { readonly started: string; readonly ended: string; readonly warning: string | null } {
  const start = recentClinicTime(f.startedAt, now, timeZone);
  const end = recentClinicTime(f.endedAt, now, timeZone);
  const started =
    f.startedAt.trim() === '' ? 'when charted (now)' : readBack(f.startedAt, start, timeZone);
  const ended = f.endedAt.trim() === '' ? 'ongoing' : readBack(f.endedAt, end, timeZone);
  const startMs =
    f.startedAt.trim() === '' ? now.getTime() : start.ok ? Date.parse(start.instant) : NaN;
  const endMs = end.ok ? Date.parse(end.instant) : NaN;
  return {
    started,
    ended,
    warning:
      endMs < startMs
        ? 'The end is before the start: check both times (a time later than now is read as yesterday).'
        : null,
  };
}

/**
 * The form's fields to correct a refused event: as typed, except that an event charted as
 * starting "now" gets its start back as the clinic time it was charted at, so sending it again does
 * not move the event to the time of sending (shown back with its date like any typed time).
 */
export function correctionFields(
  typed: AdverseEventFields,
  refused: ChartEntryRequest,
  timeZone: string,
): AdverseEventFields {
  if (typed.startedAt.trim() !== '' || refused.kind !== 'adverse-event') return typed;
  const at = Date.parse(refused.startedAt);
  return Number.isNaN(at) ? typed : { ...typed, startedAt: wallClock(at, timeZone) };
}

/** When the refused event's rescue was given (kept when it is sent again), if it had one. */
export const refusedRescueGivenAt = (refused: ChartEntryRequest): string | undefined =>
  refused.kind === 'adverse-event' ? refused.rescue?.[0]?.givenAt : undefined;
