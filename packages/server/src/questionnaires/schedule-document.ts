/**
 * The clinic's edit of a course schedule as a stored document. A saved schedule is a
 * `questionnaire-schedules` knowledge document that names the shipped schedule it starts from
 * (its id@version), so core's parser and due logic read it like the default. Items may carry a
 * first and last due date (`startsOn`, `stopsAfter`): core ignores those fields and
 * `withinItemDates` drops the occurrences outside them.
 */
import type { ScheduleItemEdit } from '@ketaflow/contract';
import {
  findInstrument,
  parseQuestionnaireSchedule,
  type QuestionnaireOccurrence,
  type QuestionnaireSchedule,
} from '@ketaflow/core';
import { z } from 'zod';
import { DomainError, fromCoreError } from '../http/errors.ts';

/** First and last due dates kept per item id (only items that set one). */
export type ItemDates = ReadonlyMap<string, { startsOn?: string; stopsAfter?: string }>;

const StoredDates = z.object({
  data: z.object({
    items: z.array(
      z.object({
        id: z.string(),
        startsOn: z.string().optional(),
        stopsAfter: z.string().optional(),
      }),
    ),
  }),
});

/** The item dates of a stored document (none for a document without them). */
export function itemDatesOf(document: unknown): ItemDates {
  const parsed = StoredDates.safeParse(document);
  if (!parsed.success) return new Map();
  return new Map(
    parsed.data.data.items
      .filter((i) => i.startsOn !== undefined || i.stopsAfter !== undefined)
      .map((i) => [
        i.id,
        {
          ...(i.startsOn === undefined ? {} : { startsOn: i.startsOn }),
          ...(i.stopsAfter === undefined ? {} : { stopsAfter: i.stopsAfter }),
        },
      ]),
  );
}

/**
 * Keeps answered occurrences and those whose due date lies within the item's dates (ISO dates
 * compare as text).
 */
export function withinItemDates<T extends Pick<QuestionnaireOccurrence, 'itemId' | 'dueOn'>>(
  occurrences: readonly (T & { status: string })[],
  dates: ItemDates,
): (T & { status: string })[] {
  return occurrences.filter((o) => {
    const d = dates.get(o.itemId);
    if (d === undefined || o.status === 'done') return true;
    return !(
      (d.startsOn !== undefined && o.dueOn < d.startsOn) ||
      (d.stopsAfter !== undefined && o.dueOn > d.stopsAfter)
    );
  });
}

const bad = (code: string, message: string, field: string): DomainError =>
  new DomainError(code, 400, message, field);

/**
 * Builds and validates the stored document of an edit: every instrument must exist in the
 * knowledge files (its respondent comes from there), dates must be in order, and core must accept
 * the whole schedule (ranges, unique item ids).
 */
export function scheduleDocument(
  base: QuestionnaireSchedule,
  followUpDaysAfterLastSession: number,
  items: readonly ScheduleItemEdit[],
): { document: Record<string, unknown>; schedule: QuestionnaireSchedule } {
  const stored = items.map((item, index) => {
    const instrument = findInstrument(item.instrumentId);
    if (!instrument.ok) {
      throw bad(
        'questionnaire-schedule.unknown-instrument',
        `No instrument "${item.instrumentId}" in the knowledge files.`,
        `body.items[${String(index)}].instrumentId`,
      );
    }
    if (
      item.startsOn !== undefined &&
      item.stopsAfter !== undefined &&
      item.stopsAfter < item.startsOn
    ) {
      throw bad(
        'questionnaire-schedule.stop-before-start',
        'The stop date is before the start date.',
        `body.items[${String(index)}].stopsAfter`,
      );
    }
    return { ...item, respondent: instrument.value.respondent };
  });
  const document = {
    id: base.ref.id,
    version: base.ref.version,
    kind: 'questionnaire-schedules',
    status: 'draft',
    data: { followUpDaysAfterLastSession, items: stored },
  };
  const parsed = parseQuestionnaireSchedule(document);
  if (!parsed.ok) {
    // Core names fields of the stored document (data.items[0]…); the request names them items[0]….
    const { field, ...rest } = parsed.error;
    throw fromCoreError(
      field === undefined ? rest : { ...rest, field: field.replace(/^data\./, '') },
      400,
      'body',
    );
  }
  return { document, schedule: parsed.value };
}
