/**
 * Which questionnaires are due, overdue, missed or done for one course on a given day.
 * Deterministic: the caller passes today's clinic-local date; nothing reads a clock.
 *
 * Occurrence states, for an occurrence that opens on `opensOn` and is due on `dueOn`:
 *   done     a response was recorded for it (whatever the day);
 *   due      opensOn ≤ today ≤ dueOn + graceDays;
 *   overdue  dueOn + graceDays < today ≤ closesOn (dueOn + expiresAfterDays);
 *   missed   today > closesOn: its recall period has passed, it can no longer be answered.
 * Occurrences that have not opened yet are not listed.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result, type Warning } from '../result.ts';
import { addDays, parseCalendarDate, toDayNumber, type CalendarDate } from './calendar-date.ts';
import type { QuestionnaireSchedule, ScheduleItem } from './questionnaire-schedule.ts';

export interface CourseCalendar {
  /** Enrolment date: the baseline window and the daily diary start here. */
  readonly startDate: string;
  /** Planned and past infusion dates (`YYYY-MM-DD`), at least one. */
  readonly sessionDates: readonly string[];
  /** ICD-10-CM codes of the course's diagnoses (select condition-specific items). */
  readonly diagnosisCodes: readonly string[];
}

/** A recorded answer to one occurrence: the schedule item and the due date it answers. */
export interface ScheduleResponse {
  readonly itemId: string;
  readonly dueOn: string;
  readonly completedOn: string;
}

export type OccurrenceStatus = 'due' | 'overdue' | 'missed' | 'done';

export interface QuestionnaireOccurrence {
  readonly itemId: string;
  readonly instrumentId: string;
  readonly respondent: 'patient' | 'clinician';
  readonly opensOn: CalendarDate;
  readonly dueOn: CalendarDate;
  /** Last day it can still be answered. */
  readonly closesOn: CalendarDate;
  readonly status: OccurrenceStatus;
  readonly completedOn?: CalendarDate;
}

export interface QuestionnairesDue {
  readonly schedule: KnowledgeRef;
  readonly today: CalendarDate;
  /** Sorted by due date, then item id. */
  readonly occurrences: readonly QuestionnaireOccurrence[];
  readonly warnings: readonly Warning[];
}

interface Window {
  readonly opensOn: CalendarDate;
  readonly dueOn: CalendarDate;
  readonly graceDays: number;
  readonly expiresAfterDays: number;
}

const windowsOf = (
  item: ScheduleItem,
  start: CalendarDate,
  sessions: readonly CalendarDate[],
  followUpEnd: CalendarDate,
): Window[] => {
  const first = sessions[0];
  if (first === undefined) return [];
  const trigger = item.trigger;
  switch (trigger.type) {
    case 'baseline':
      return [{ opensOn: start, dueOn: first, graceDays: 0, expiresAfterDays: 0 }];
    case 'session':
      return sessions.map((date) => ({
        opensOn: date,
        dueOn: date,
        graceDays: 0,
        expiresAfterDays: 0,
      }));
    case 'daily': {
      const out: Window[] = [];
      for (let day = start; toDayNumber(day) <= toDayNumber(followUpEnd); day = addDays(day, 1)) {
        out.push({ opensOn: day, dueOn: day, ...trigger });
      }
      return out;
    }
    case 'interval': {
      const out: Window[] = [];
      for (let k = 1; ; k += 1) {
        const dueOn = addDays(first, k * trigger.everyDays);
        if (toDayNumber(dueOn) > toDayNumber(followUpEnd)) return out;
        out.push({ opensOn: addDays(dueOn, -trigger.windowBeforeDays), dueOn, ...trigger });
      }
    }
  }
};

const appliesTo = (item: ScheduleItem, diagnosisCodes: readonly string[]): boolean =>
  item.conditions === undefined ||
  item.conditions.some((prefix) =>
    diagnosisCodes.some((code) => code.toUpperCase().startsWith(prefix)),
  );

const parseDates = (values: readonly string[], field: string): Result<CalendarDate[]> => {
  const out: CalendarDate[] = [];
  for (const [index, value] of values.entries()) {
    const parsed = parseCalendarDate(value, `${field}[${index}]`);
    if (!parsed.ok) return parsed;
    out.push(parsed.value);
  }
  return ok(out);
};

/**
 * Lists every opened occurrence of every applicable schedule item with its state on `today`.
 * Responses that match no occurrence (an item removed from the schedule, a wrong due date) are
 * returned as warnings, never silently dropped.
 */
export const questionnairesDue = (
  schedule: QuestionnaireSchedule,
  course: CourseCalendar,
  responses: readonly ScheduleResponse[],
  todayText: string,
): Result<QuestionnairesDue> => {
  const today = parseCalendarDate(todayText, 'today');
  if (!today.ok) return today;
  const start = parseCalendarDate(course.startDate, 'course.startDate');
  if (!start.ok) return start;
  const parsedSessions = parseDates(course.sessionDates, 'course.sessionDates');
  if (!parsedSessions.ok) return parsedSessions;
  const sessions = [...new Set(parsedSessions.value)].sort();
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  if (first === undefined || last === undefined) {
    return err({
      code: 'questionnaires.no-sessions',
      field: 'course.sessionDates',
      message:
        'course.sessionDates is empty: plan the first infusion date so questionnaire due dates can be set.',
    });
  }
  if (first < start.value) {
    return err({
      code: 'questionnaires.session-before-start',
      field: 'course.sessionDates',
      message: `The first session (${first}) is before course.startDate (${start.value}); correct either date.`,
    });
  }
  const answered = new Map<string, CalendarDate>();
  for (const [index, response] of responses.entries()) {
    const dueOn = parseCalendarDate(response.dueOn, `responses[${index}].dueOn`);
    if (!dueOn.ok) return dueOn;
    const completedOn = parseCalendarDate(response.completedOn, `responses[${index}].completedOn`);
    if (!completedOn.ok) return completedOn;
    answered.set(`${response.itemId} ${dueOn.value}`, completedOn.value);
  }

  const followUpEnd = addDays(last, schedule.followUpDaysAfterLastSession);
  const todayDay = toDayNumber(today.value);
  const occurrences: QuestionnaireOccurrence[] = [];
  const matched = new Set<string>();
  for (const item of schedule.items) {
    if (!appliesTo(item, course.diagnosisCodes)) continue;
    for (const window of windowsOf(item, start.value, sessions, followUpEnd)) {
      const key = `${item.id} ${window.dueOn}`;
      const completedOn = answered.get(key);
      const closesOn = addDays(window.dueOn, window.expiresAfterDays);
      const base = {
        itemId: item.id,
        instrumentId: item.instrumentId,
        respondent: item.respondent,
        opensOn: window.opensOn,
        dueOn: window.dueOn,
        closesOn,
      };
      if (completedOn !== undefined) {
        matched.add(key);
        occurrences.push({ ...base, status: 'done', completedOn });
        continue;
      }
      if (todayDay < toDayNumber(window.opensOn)) continue;
      const status: OccurrenceStatus =
        todayDay <= toDayNumber(window.dueOn) + window.graceDays
          ? 'due'
          : todayDay <= toDayNumber(closesOn)
            ? 'overdue'
            : 'missed';
      occurrences.push({ ...base, status });
    }
  }
  occurrences.sort((a, b) =>
    a.dueOn === b.dueOn ? (a.itemId < b.itemId ? -1 : 1) : a.dueOn < b.dueOn ? -1 : 1,
  );
  const warnings: Warning[] = [...answered.keys()]
    .filter((key) => !matched.has(key))
    .map((key) => ({
      code: 'questionnaires.response-unmatched',
      field: 'responses',
      message: `The response to ${key.replace(' ', ' due ')} matches no occurrence of schedule ${schedule.ref.id}@${schedule.ref.version}.`,
    }));
  return ok({ schedule: schedule.ref, today: today.value, occurrences, warnings });
};
