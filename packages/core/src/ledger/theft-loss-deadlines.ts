/**
 * DEA theft or significant-loss deadlines (21 CFR 1301.76(b), final rule 88 FR 40707): written
 * notice to the Field Division within one business day of discovery, and DEA Form 106 within 45
 * days. Business days come from the clinic's calendar, passed in; the day counts come from the
 * cited knowledge file dea-theft-loss-reporting.
 */
import { err, ok, type Result } from '../result.ts';
import { parseEnvelope } from '../knowledge/envelope.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import { addDays, parseIsoDate, weekday, type IsoDate } from '../session/iso-date.ts';
import ruleJson from '../../knowledge/charting/dea-theft-loss-reporting@0.1.0.json' with { type: 'json' };

/** The clinic's working calendar. */
export interface BusinessCalendar {
  /** Weekdays without business, 0 = Sunday … 6 = Saturday (usually [0, 6]). */
  readonly nonWorkingWeekdays: readonly number[];
  /** Closed days, YYYY-MM-DD. */
  readonly holidays: readonly string[];
}

export interface TheftLossRule {
  readonly source: KnowledgeRef;
  /** Business days after discovery for the written notice (1). */
  readonly writtenNoticeBusinessDays: number;
  /** Calendar days after discovery for DEA Form 106 (45). */
  readonly form106CalendarDays: number;
}

export interface TheftLossDeadlines {
  readonly discoveredOn: IsoDate;
  /** Last day to send the written notice to the DEA Field Division. */
  readonly writtenNoticeDueOn: IsoDate;
  /** Last day to file DEA Form 106. */
  readonly form106DueOn: IsoDate;
  readonly source: KnowledgeRef;
}

const positiveInt = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Parses the rule file; both day counts must be whole and positive. */
export function parseTheftLossRule(raw: unknown): Result<TheftLossRule> {
  const env = parseEnvelope(raw);
  if (!env.ok) return env;
  const { writtenNoticeBusinessDays: notice, form106CalendarDays: form106 } = env.value.data;
  if (!positiveInt(notice) || !positiveInt(form106)) {
    return err({
      code: 'knowledge.invalid-ledger-data',
      field: 'data',
      message: 'Both deadlines must be whole numbers of days above 0.',
    });
  }
  return ok({
    source: { id: env.value.id, version: env.value.version },
    writtenNoticeBusinessDays: notice,
    form106CalendarDays: form106,
  });
}

const shipped = parseTheftLossRule(ruleJson);
if (!shipped.ok) throw new Error(`Shipped theft/loss rule is invalid: ${shipped.error.message}`);
/** Default rule: dea-theft-loss-reporting@0.1.0 (draft). */
export const defaultTheftLossRule: TheftLossRule = shipped.value;

/**
 * Deadlines for a theft or significant loss discovered on `discoveredOn` (clinic date).
 * The written notice is due on the n-th business day after discovery (Friday → Monday, skipping
 * holidays); Form 106 on the 45th calendar day after discovery.
 */
export function theftLossDeadlines(
  discoveredOn: string,
  calendar: BusinessCalendar,
  rule: TheftLossRule = defaultTheftLossRule,
): Result<TheftLossDeadlines> {
  const day = parseIsoDate(discoveredOn, 'discoveredOn');
  if (!day.ok) return day;
  const holidays = new Set<string>();
  for (const [i, h] of calendar.holidays.entries()) {
    const parsed = parseIsoDate(h, `calendar.holidays[${i}]`);
    if (!parsed.ok) return parsed;
    holidays.add(parsed.value);
  }
  if (!calendar.nonWorkingWeekdays.every((d) => Number.isInteger(d) && d >= 0 && d <= 6)) {
    return err({
      code: 'calendar.invalid',
      field: 'calendar.nonWorkingWeekdays',
      message: 'Weekdays are whole numbers 0 (Sunday) to 6 (Saturday).',
    });
  }
  const isBusinessDay = (d: IsoDate): boolean =>
    !calendar.nonWorkingWeekdays.includes(weekday(d)) && !holidays.has(d);
  let cursor = day.value;
  let found = 0;
  // A year without a single business day is a broken calendar, not a reason to loop forever.
  for (let step = 0; step < 366 && found < rule.writtenNoticeBusinessDays; step++) {
    cursor = addDays(cursor, 1);
    if (isBusinessDay(cursor)) found++;
  }
  if (found < rule.writtenNoticeBusinessDays) {
    return err({
      code: 'calendar.no-business-days',
      field: 'calendar',
      message: 'The calendar has no business day within a year; fix the clinic calendar.',
    });
  }
  return ok({
    discoveredOn: day.value,
    writtenNoticeDueOn: cursor,
    form106DueOn: addDays(day.value, rule.form106CalendarDays),
    source: rule.source,
  });
}
