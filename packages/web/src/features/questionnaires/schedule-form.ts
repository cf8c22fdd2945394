/**
 * The course questionnaire schedule editor as data: the server's schedule becomes text fields (one
 * row per questionnaire: instrument, cadence, its day counts, start and stop dates), and the rows
 * become the PUT body. Day counts accept plain whole numbers only ("7"; never "7.5", "1e1" or " 7");
 * a bad field is named in the server's own key style (`items[2].trigger.everyDays`) so client and
 * server messages land on the same input. Core re-checks the ranges on the server.
 */
import {
  CourseQuestionnaireScheduleUpdate,
  type CourseQuestionnaireSchedule,
  type ScheduleTrigger,
} from '@ketaflow/contract';

export const CADENCES = ['baseline', 'before', 'after', 'daily', 'interval'] as const;
export type Cadence = (typeof CADENCES)[number];

export const CADENCE_LABELS: Readonly<Record<Cadence, string>> = {
  baseline: 'Once, before the first infusion',
  before: 'Before each infusion',
  after: 'After each infusion',
  daily: 'Every day',
  interval: 'Every N days',
};

/** The day counts each cadence needs. */
export const DAY_FIELDS: Readonly<Record<Cadence, readonly DayField[]>> = {
  baseline: [],
  before: [],
  after: [],
  daily: ['graceDays', 'expiresAfterDays'],
  interval: ['everyDays', 'windowBeforeDays', 'graceDays', 'expiresAfterDays'],
};

export type DayField = 'everyDays' | 'windowBeforeDays' | 'graceDays' | 'expiresAfterDays';

export interface ItemDraft {
  /** React key, stable while editing. */
  readonly key: string;
  readonly id: string;
  readonly instrumentId: string;
  readonly cadence: Cadence;
  readonly days: Readonly<Record<DayField, string>>;
  /** ICD-10-CM prefixes, comma-separated; empty = every course. */
  readonly conditions: string;
  readonly startsOn: string;
  readonly stopsAfter: string;
}

export interface ScheduleDraft {
  readonly followUpDays: string;
  readonly changeNote: string;
  readonly items: readonly ItemDraft[];
}

const NO_DAYS: Record<DayField, string> = {
  everyDays: '',
  windowBeforeDays: '',
  graceDays: '',
  expiresAfterDays: '',
};

function cadenceOf(trigger: ScheduleTrigger): Cadence {
  if (trigger.type === 'session') return trigger.moment;
  return trigger.type;
}

function daysOf(trigger: ScheduleTrigger): Record<DayField, string> {
  if (trigger.type === 'daily') {
    return {
      ...NO_DAYS,
      graceDays: String(trigger.graceDays),
      expiresAfterDays: String(trigger.expiresAfterDays),
    };
  }
  if (trigger.type === 'interval') {
    return {
      everyDays: String(trigger.everyDays),
      windowBeforeDays: String(trigger.windowBeforeDays),
      graceDays: String(trigger.graceDays),
      expiresAfterDays: String(trigger.expiresAfterDays),
    };
  }
  return NO_DAYS;
}

/** The editable rows of a schedule read from the server. */
export function draftOf(schedule: CourseQuestionnaireSchedule): ScheduleDraft {
  return {
    followUpDays: String(schedule.followUpDaysAfterLastSession),
    changeNote: '',
    items: schedule.items.map((item) => ({
      key: item.id,
      id: item.id,
      instrumentId: item.instrumentId,
      cadence: cadenceOf(item.trigger),
      days: daysOf(item.trigger),
      conditions: (item.conditions ?? []).join(', '),
      startsOn: item.startsOn ?? '',
      stopsAfter: item.stopsAfter ?? '',
    })),
  };
}

/** A new, empty row (the clinic fills every field; no clinical number is assumed here). */
export const emptyItem = (key: string, instrumentId: string): ItemDraft => ({
  key,
  id: '',
  instrumentId,
  cadence: 'baseline',
  days: NO_DAYS,
  conditions: '',
  startsOn: '',
  stopsAfter: '',
});

const WHOLE = /^(0|[1-9][0-9]{0,3})$/;

export type ScheduleRequest =
  | { readonly ok: true; readonly body: CourseQuestionnaireScheduleUpdate }
  | { readonly ok: false; readonly fields: Readonly<Record<string, string>> };

/** `['items', 2, 'trigger', 'everyDays']` → `items[2].trigger.everyDays` (the server's keys). */
export const keyOf = (path: readonly PropertyKey[]): string =>
  path
    .map((part, i) =>
      typeof part === 'number' ? `[${String(part)}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');

/** The PUT body for `draft` edited from `version`, or the messages of the fields to fix. */
export function scheduleRequest(draft: ScheduleDraft, version: number): ScheduleRequest {
  const fields: Record<string, string> = {};
  const whole = (value: string, key: string): number => {
    if (WHOLE.test(value)) return Number(value);
    fields[key] = 'Enter whole days as digits, e.g. 7.';
    return -1;
  };
  const followUp = whole(draft.followUpDays, 'followUpDaysAfterLastSession');
  const items = draft.items.map((item, index) => {
    const day = (name: DayField) =>
      whole(item.days[name], `items[${String(index)}].trigger.${name}`);
    const trigger: ScheduleTrigger =
      item.cadence === 'baseline'
        ? { type: 'baseline' }
        : item.cadence === 'before' || item.cadence === 'after'
          ? { type: 'session', moment: item.cadence }
          : item.cadence === 'daily'
            ? {
                type: 'daily',
                graceDays: day('graceDays'),
                expiresAfterDays: day('expiresAfterDays'),
              }
            : {
                type: 'interval',
                everyDays: day('everyDays'),
                windowBeforeDays: day('windowBeforeDays'),
                graceDays: day('graceDays'),
                expiresAfterDays: day('expiresAfterDays'),
              };
    const conditions = item.conditions
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    return {
      id: item.id,
      instrumentId: item.instrumentId,
      trigger,
      ...(conditions.length === 0 ? {} : { conditions }),
      ...(item.startsOn === '' ? {} : { startsOn: item.startsOn }),
      ...(item.stopsAfter === '' ? {} : { stopsAfter: item.stopsAfter }),
    };
  });
  const parsed = CourseQuestionnaireScheduleUpdate.safeParse({
    version,
    followUpDaysAfterLastSession: followUp,
    items,
    changeNote: draft.changeNote,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fields[keyOf(issue.path)] ??= issue.message;
  }
  if (Object.keys(fields).length > 0 || !parsed.success) return { ok: false, fields };
  return { ok: true, body: parsed.data };
}
