/**
 * Questionnaire schedules as data: which instrument is due when during a ketamine course
 * (baseline, around each infusion, daily, every N days), parsed from a knowledge file of kind
 * `questionnaire-schedules`. The due-date logic lives in questionnaires-due.ts.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { ok, type Result } from '../result.ts';
import {
  readArray,
  readEach,
  readEnum,
  readKnowledge,
  readNumber,
  readObject,
  readString,
} from './read-fields.ts';
import defaultScheduleJson from '../../knowledge/questionnaire-schedules/default-chronic-pain-schedule@1.0.0.json' with { type: 'json' };

/** When occurrences of a schedule item fall. All day counts are whole days. */
export type ScheduleTrigger =
  /** Once, from the course start until the first infusion (same day allowed, before it starts). */
  | { readonly type: 'baseline' }
  /** On each session date, before or after the infusion. */
  | { readonly type: 'session'; readonly moment: 'before' | 'after' }
  /** Every day from the course start to the end of follow-up. */
  | { readonly type: 'daily'; readonly graceDays: number; readonly expiresAfterDays: number }
  /** Every `everyDays` days after the first infusion, until the end of follow-up. */
  | {
      readonly type: 'interval';
      readonly everyDays: number;
      readonly windowBeforeDays: number;
      readonly graceDays: number;
      readonly expiresAfterDays: number;
    };

export interface ScheduleItem {
  readonly id: string;
  readonly instrumentId: string;
  readonly respondent: 'patient' | 'clinician';
  /** ICD-10-CM code prefixes; the item applies only when a course diagnosis starts with one. Absent = all. */
  readonly conditions?: readonly string[];
  readonly trigger: ScheduleTrigger;
}

export interface QuestionnaireSchedule {
  readonly ref: KnowledgeRef;
  /** Days after the last session during which daily and interval items keep falling due. */
  readonly followUpDaysAfterLastSession: number;
  readonly items: readonly ScheduleItem[];
}

const MAX_DAYS = 3650;
const days = (value: unknown, field: string, min = 0): Result<number> =>
  readNumber(value, field, { min, max: MAX_DAYS, integer: true });

const readTrigger = (value: unknown, field: string): Result<ScheduleTrigger> => {
  const object = readObject(value, field);
  if (!object.ok) return object;
  const t = object.value;
  const type = readEnum(t['type'], `${field}.type`, [
    'baseline',
    'session',
    'daily',
    'interval',
  ] as const);
  if (!type.ok) return type;
  switch (type.value) {
    case 'baseline':
      return ok({ type: 'baseline' });
    case 'session': {
      const moment = readEnum(t['moment'], `${field}.moment`, ['before', 'after'] as const);
      return moment.ok ? ok({ type: 'session', moment: moment.value }) : moment;
    }
    case 'daily': {
      const grace = days(t['graceDays'], `${field}.graceDays`);
      if (!grace.ok) return grace;
      const expires = days(t['expiresAfterDays'], `${field}.expiresAfterDays`, grace.value);
      if (!expires.ok) return expires;
      return ok({ type: 'daily', graceDays: grace.value, expiresAfterDays: expires.value });
    }
    case 'interval': {
      const every = days(t['everyDays'], `${field}.everyDays`, 1);
      if (!every.ok) return every;
      const before = readNumber(t['windowBeforeDays'], `${field}.windowBeforeDays`, {
        min: 0,
        max: every.value - 1,
        integer: true,
      });
      if (!before.ok) return before;
      const grace = days(t['graceDays'], `${field}.graceDays`);
      if (!grace.ok) return grace;
      const expires = days(t['expiresAfterDays'], `${field}.expiresAfterDays`, grace.value);
      if (!expires.ok) return expires;
      return ok({
        type: 'interval',
        everyDays: every.value,
        windowBeforeDays: before.value,
        graceDays: grace.value,
        expiresAfterDays: expires.value,
      });
    }
  }
};

const readItem = (value: unknown, field: string): Result<ScheduleItem> => {
  const object = readObject(value, field);
  if (!object.ok) return object;
  const o = object.value;
  const id = readString(o['id'], `${field}.id`);
  if (!id.ok) return id;
  const instrumentId = readString(o['instrumentId'], `${field}.instrumentId`);
  if (!instrumentId.ok) return instrumentId;
  const respondent = readEnum(o['respondent'], `${field}.respondent`, [
    'patient',
    'clinician',
  ] as const);
  if (!respondent.ok) return respondent;
  const trigger = readTrigger(o['trigger'], `${field}.trigger`);
  if (!trigger.ok) return trigger;
  const base = {
    id: id.value,
    instrumentId: instrumentId.value,
    respondent: respondent.value,
    trigger: trigger.value,
  };
  if (o['conditions'] === undefined) return ok(base);
  const list = readArray(o['conditions'], `${field}.conditions`);
  if (!list.ok) return list;
  const conditions = readEach(list.value, `${field}.conditions`, readString);
  return conditions.ok ? ok({ ...base, conditions: conditions.value }) : conditions;
};

/** Parses and validates a `questionnaire-schedules` knowledge file; item ids must be unique. */
export const parseQuestionnaireSchedule = (json: unknown): Result<QuestionnaireSchedule> => {
  const knowledge = readKnowledge(json, 'questionnaire-schedules');
  if (!knowledge.ok) return knowledge;
  const { ref, data } = knowledge.value;
  const followUp = days(data['followUpDaysAfterLastSession'], 'data.followUpDaysAfterLastSession');
  if (!followUp.ok) return followUp;
  const list = readArray(data['items'], 'data.items');
  if (!list.ok) return list;
  const items = readEach(list.value, 'data.items', readItem);
  if (!items.ok) return items;
  const seen = new Set<string>();
  for (const [index, item] of items.value.entries()) {
    if (seen.has(item.id)) {
      return {
        ok: false,
        error: {
          code: 'knowledge.duplicate-id',
          field: `data.items[${index}].id`,
          message: `Schedule item id "${item.id}" appears twice; give each item its own id.`,
        },
      };
    }
    seen.add(item.id);
  }
  return ok({ ref, followUpDaysAfterLastSession: followUp.value, items: items.value });
};

/** The shipped default schedule (draft: frequencies are clinic choices, see the file's notes). */
export const defaultQuestionnaireSchedule = (): Result<QuestionnaireSchedule> =>
  parseQuestionnaireSchedule(defaultScheduleJson);
