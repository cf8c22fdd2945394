/**
 * Monitoring reminders for repeated ketamine use (liver function tests, urinary symptoms), driven
 * by a `monitoring` knowledge file: a reminder is due when the sessions since the last recorded
 * check reach the file's `everySessions`. A prompt for the care team, never an order.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { ok, type Result } from '../result.ts';
import { parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import type { KetamineExposure } from './ketamine-exposure.ts';
import {
  readArray,
  readEach,
  readKnowledge,
  readNumber,
  readObject,
  readString,
} from './read-fields.ts';
import monitoringJson from '../../knowledge/monitoring/repeated-ketamine-monitoring@1.0.0.json' with { type: 'json' };

export interface MonitoringRule {
  readonly id: string;
  /** What is checked, e.g. `liver-function-tests`; matches the `check` of recorded checks. */
  readonly check: string;
  readonly title: string;
  /** Sessions after which the check is due again (≥ 1). */
  readonly everySessions: number;
}

export interface MonitoringPlan {
  readonly ref: KnowledgeRef;
  readonly rules: readonly MonitoringRule[];
}

const readRule = (value: unknown, field: string): Result<MonitoringRule> => {
  const object = readObject(value, field);
  if (!object.ok) return object;
  const id = readString(object.value['id'], `${field}.id`);
  if (!id.ok) return id;
  const check = readString(object.value['check'], `${field}.check`);
  if (!check.ok) return check;
  const title = readString(object.value['title'], `${field}.title`);
  if (!title.ok) return title;
  const every = readNumber(object.value['everySessions'], `${field}.everySessions`, {
    min: 1,
    max: 1000,
    integer: true,
  });
  if (!every.ok) return every;
  return ok({ id: id.value, check: check.value, title: title.value, everySessions: every.value });
};

/** Parses a `monitoring` knowledge file. */
export const parseMonitoringPlan = (json: unknown): Result<MonitoringPlan> => {
  const knowledge = readKnowledge(json, 'monitoring');
  if (!knowledge.ok) return knowledge;
  const list = readArray(knowledge.value.data['reminders'], 'data.reminders');
  if (!list.ok) return list;
  const rules = readEach(list.value, 'data.reminders', readRule);
  return rules.ok ? ok({ ref: knowledge.value.ref, rules: rules.value }) : rules;
};

/** The shipped plan (draft: intervals are clinic choices, see the file's notes). */
export const defaultMonitoringPlan = (): Result<MonitoringPlan> =>
  parseMonitoringPlan(monitoringJson);

export interface RecordedCheck {
  readonly check: string;
  readonly date: string;
}

export interface MonitoringReminder {
  readonly ruleId: string;
  readonly check: string;
  readonly title: string;
  readonly due: boolean;
  /** Sessions on or after the day of the last check (all sessions when never checked). */
  readonly sessionsSinceLastCheck: number;
  readonly everySessions: number;
  readonly lastCheckedOn: CalendarDate | null;
}

export interface MonitoringReminders {
  readonly reminders: readonly MonitoringReminder[];
  readonly plan: KnowledgeRef;
}

/**
 * One reminder per rule of the plan. A check recorded on a session day counts as done before that
 * session (pre-infusion blood draw), so that session counts toward the next check.
 */
export const monitoringReminders = (
  exposure: KetamineExposure,
  checks: readonly RecordedCheck[],
  plan: MonitoringPlan,
): Result<MonitoringReminders> => {
  const lastByCheck = new Map<string, CalendarDate>();
  for (const [index, c] of checks.entries()) {
    const date = parseCalendarDate(c.date, `checks[${index}].date`);
    if (!date.ok) return date;
    const previous = lastByCheck.get(c.check);
    if (previous === undefined || date.value > previous) lastByCheck.set(c.check, date.value);
  }
  const reminders = plan.rules.map((rule) => {
    const last = lastByCheck.get(rule.check) ?? null;
    const since =
      last === null ? exposure.sessions : exposure.bySession.filter((s) => s.date >= last).length;
    return {
      ruleId: rule.id,
      check: rule.check,
      title: rule.title,
      due: since >= rule.everySessions,
      sessionsSinceLastCheck: since,
      everySessions: rule.everySessions,
      lastCheckedOn: last,
    };
  });
  return ok({ reminders, plan: plan.ref });
};
