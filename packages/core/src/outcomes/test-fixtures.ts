/**
 * Test helpers for the outcome tests: the shipped rules loaded or the test fails loudly, and a
 * date helper. Not exported from the package.
 */
import type { Result } from '../result.ts';
import { parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import { defaultOutcomeRules, type OutcomeRules } from './outcome-rules.ts';

/** Unwraps a Result in a test; a failure throws with its message. */
export const unwrap = <T>(result: Result<T>): T => {
  if (!result.ok)
    throw new Error(
      `${result.error.code} at ${result.error.field ?? '-'}: ${result.error.message}`,
    );
  return result.value;
};

export const day = (text: string): CalendarDate => unwrap(parseCalendarDate(text, 'test'));

export const rules = (): OutcomeRules => unwrap(defaultOutcomeRules());
