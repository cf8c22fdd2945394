/**
 * HIPAA Safe Harbor rules as data (45 CFR 164.514(b)(2), clinical.md 8.4): the 18 identifiers,
 * the age category for ages over 89, the 3-digit ZIP rule with its list of restricted ZIP3s, and
 * dates as days relative to the first infusion. Parsed from `deidentification` knowledge files.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import { completedYears, daysBetween, type CalendarDate } from '../outcomes/calendar-date.ts';
import {
  readArray,
  readEach,
  readEnum,
  readKnowledge,
  readNumber,
  readObject,
  readString,
} from '../outcomes/read-fields.ts';
import safeHarborJson from '../../knowledge/deidentification/safe-harbor@1.0.0.json' with { type: 'json' };
import restrictedZip3Json from '../../knowledge/deidentification/restricted-zip3@1.0.0.json' with { type: 'json' };

export type IdentifierHandling =
  'removed' | 'zip3-only' | 'relative-days-and-age-category' | 'pseudonym';

export interface SafeHarborIdentifier {
  readonly number: number;
  readonly id: string;
  readonly label: string;
  readonly handling: IdentifierHandling;
}

export interface SafeHarborRules {
  readonly ref: KnowledgeRef;
  /** The 18 identifier categories, numbered 1–18. */
  readonly identifiers: readonly SafeHarborIdentifier[];
  /** Ages at or above this are exported as `ageTopCategoryLabel` (90 → "90+"). */
  readonly ageTopCategoryFromYears: number;
  readonly ageTopCategoryLabel: string;
  /** The replacement for a restricted ZIP3 ("000"). */
  readonly restrictedZip3Replacement: string;
  /** ZIP3 areas with no more than 20,000 people (from the restricted-zip3 file). */
  readonly restrictedZip3: ReadonlySet<string>;
  readonly restrictedZip3Ref: KnowledgeRef;
  readonly restrictedZip3Status: string;
}

const readIdentifier = (value: unknown, field: string): Result<SafeHarborIdentifier> => {
  const object = readObject(value, field);
  if (!object.ok) return object;
  const number = readNumber(object.value['number'], `${field}.number`, {
    min: 1,
    max: 18,
    integer: true,
  });
  if (!number.ok) return number;
  const id = readString(object.value['id'], `${field}.id`);
  if (!id.ok) return id;
  const label = readString(object.value['label'], `${field}.label`);
  if (!label.ok) return label;
  const handling = readEnum(object.value['handling'], `${field}.handling`, [
    'removed',
    'zip3-only',
    'relative-days-and-age-category',
    'pseudonym',
  ] as const);
  if (!handling.ok) return handling;
  return ok({ number: number.value, id: id.value, label: label.value, handling: handling.value });
};

/** Parses the Safe Harbor rules file and the restricted-ZIP3 list it relies on. */
export const parseSafeHarborRules = (
  rulesJson: unknown,
  zipJson: unknown,
): Result<SafeHarborRules> => {
  const rules = readKnowledge(rulesJson, 'deidentification');
  if (!rules.ok) return rules;
  const data = rules.value.data;
  const list = readArray(data['identifiers'], 'data.identifiers');
  if (!list.ok) return list;
  const identifiers = readEach(list.value, 'data.identifiers', readIdentifier);
  if (!identifiers.ok) return identifiers;
  const numbers = identifiers.value.map((i) => i.number).sort((a, b) => a - b);
  if (numbers.length !== 18 || numbers.some((n, i) => n !== i + 1)) {
    return err({
      code: 'knowledge.invalid-field',
      field: 'data.identifiers',
      message:
        'data.identifiers must list the 18 Safe Harbor identifiers, numbered 1 to 18 once each.',
    });
  }
  const age = readNumber(data['ageTopCategoryFromYears'], 'data.ageTopCategoryFromYears', {
    min: 1,
    max: 150,
    integer: true,
  });
  if (!age.ok) return age;
  const ageLabel = readString(data['ageTopCategoryLabel'], 'data.ageTopCategoryLabel');
  if (!ageLabel.ok) return ageLabel;
  const replacement = readString(
    data['restrictedZip3Replacement'],
    'data.restrictedZip3Replacement',
  );
  if (!replacement.ok) return replacement;

  const zip = readKnowledge(zipJson, 'deidentification');
  if (!zip.ok) return zip;
  const zipList = readArray(zip.value.data['zip3'], 'data.zip3');
  if (!zipList.ok) return zipList;
  const zip3 = readEach(zipList.value, 'data.zip3', (v, f) =>
    typeof v === 'string' && /^\d{3}$/.test(v)
      ? ok(v)
      : err({
          code: 'knowledge.invalid-field',
          field: f,
          message: `${f} must be a 3-digit ZIP prefix such as "036".`,
        }),
  );
  if (!zip3.ok) return zip3;
  return ok({
    ref: rules.value.ref,
    identifiers: identifiers.value,
    ageTopCategoryFromYears: age.value,
    ageTopCategoryLabel: ageLabel.value,
    restrictedZip3Replacement: replacement.value,
    restrictedZip3: new Set(zip3.value),
    restrictedZip3Ref: zip.value.ref,
    restrictedZip3Status: zip.value.status,
  });
};

/** The shipped rules: safe-harbor@1.0.0 with restricted-zip3@1.0.0 (draft, 2000 Census list). */
export const defaultSafeHarborRules = (): Result<SafeHarborRules> =>
  parseSafeHarborRules(safeHarborJson, restrictedZip3Json);

/** An exportable age: whole years, or the Safe Harbor top category (90 or older). */
export type SafeHarborAge =
  | { readonly kind: 'years'; readonly years: number }
  | { readonly kind: 'top-category'; readonly fromYears: number; readonly label: string };

/** Age in whole years at `on`, or the top category ("90+") at and above its threshold. */
export const safeHarborAge = (
  birth: CalendarDate,
  on: CalendarDate,
  rules: SafeHarborRules,
): Result<SafeHarborAge> => {
  const years = completedYears(birth, on);
  if (years < 0) {
    return err({
      code: 'research.birth-after-first-infusion',
      field: 'birthDate',
      message: 'birthDate is after the first infusion; correct the birth date.',
    });
  }
  return ok(
    years >= rules.ageTopCategoryFromYears
      ? {
          kind: 'top-category',
          fromYears: rules.ageTopCategoryFromYears,
          label: rules.ageTopCategoryLabel,
        }
      : { kind: 'years', years },
  );
};

/**
 * The exportable 3-digit ZIP: the first 3 digits of a US ZIP or ZIP+4, or the replacement
 * ("000") for a restricted ZIP3. Null when no postal code is on file.
 */
export const safeHarborZip3 = (
  postalCode: string | null,
  rules: SafeHarborRules,
): Result<string | null> => {
  if (postalCode === null) return ok(null);
  if (!/^\d{5}(-\d{4})?$/.test(postalCode)) {
    return err({
      code: 'research.postal-code',
      field: 'postalCode',
      message: 'postalCode must be a US ZIP code (12345 or 12345-6789) or absent.',
    });
  }
  const zip3 = postalCode.slice(0, 3);
  return ok(rules.restrictedZip3.has(zip3) ? rules.restrictedZip3Replacement : zip3);
};

/** Whole days from the first infusion (day 0) to `date`; negative before it. */
export const relativeDay = (date: CalendarDate, firstInfusion: CalendarDate): number =>
  daysBetween(firstInfusion, date);
