/**
 * The strict number grammar for every clinical number typed by a person (safety-security.md
 * section d-1, T-31): plain ASCII digits, at most one decimal point with digits on both sides,
 * no sign, no exponent, no separators, no leading zeros, and no more decimals or integer digits
 * than the field allows. Anything else is rejected with a code, the field and how to fix it —
 * never repaired (Thimbleby & Cairns 2010, doi 10.1098/rsif.2010.0112).
 */
import { err, ok, type CoreError, type Result } from '../result.ts';

/** What a field accepts. */
export interface NumberFieldSpec {
  /** Dotted field path reported with errors, e.g. `patient.weightKg`. */
  readonly field: string;
  /** Human label starting with a capital, e.g. "Weight". */
  readonly label: string;
  /** Unit the number is in, named in the trailing-text hint (display spelling, e.g. "kg"). */
  readonly unit: string;
  /** Maximum digits after the decimal point, 0–6. */
  readonly maxDecimals: number;
  /** Maximum digits before the decimal point, 1–9 (default 6). */
  readonly maxIntegerDigits?: number;
}

export type NumberErrorCode =
  | 'number.empty'
  | 'number.whitespace'
  | 'number.not-a-number'
  | 'number.non-ascii-digit'
  | 'number.sign'
  | 'number.exponent-or-radix'
  | 'number.separator'
  | 'number.multiple-decimal-points'
  | 'number.leading-decimal-point'
  | 'number.trailing-decimal-point'
  | 'number.leading-zero'
  | 'number.trailing-text'
  | 'number.too-many-decimals'
  | 'number.too-many-digits';

const isAsciiDigit = (c: string): boolean => c >= '0' && c <= '9';
/** Digits, number forms and minus look-alikes outside ASCII (full-width, Arabic-Indic, ½, U+2212). */
const LOOKALIKE = /[\p{Nd}\p{No}\p{Nl}\u2212\u2012\u2013\uFE63\uFF0B\uFF0D\uFF0E\uFF0C]/u;
const ASCII_LOOKALIKE = /[0-9]/;

/**
 * Parses `text` as a number for `spec`; accepts exactly
 * `^(0|[1-9][0-9]{0,maxIntegerDigits-1})(\.[0-9]{1,maxDecimals})?$`. "5.0" is accepted as 5 (its
 * display is "5"); "5." and ".5" are not. Zero is accepted here: range checks belong to the caller.
 */
export function parseNumber(
  text: string,
  spec: NumberFieldSpec,
): Result<number, CoreError<NumberErrorCode>> {
  const fail = (
    code: NumberErrorCode,
    message: string,
  ): Result<never, CoreError<NumberErrorCode>> =>
    err({ code, field: spec.field, message: `${spec.label} ${message}` });
  const maxInt = spec.maxIntegerDigits ?? 6;
  const example = spec.maxDecimals > 0 ? '0.5' : '5';

  if (text.trim() === '') return fail('number.empty', `is empty. Enter a number, e.g. ${example}.`);
  for (const c of text) {
    if (!ASCII_LOOKALIKE.test(c) && LOOKALIKE.test(c)) {
      return fail('number.non-ascii-digit', `contains "${c}". Use digits 0–9 only.`);
    }
  }
  if (text !== text.trim())
    return fail('number.whitespace', 'has spaces around it. Enter the number only.');
  const first = text[0] ?? '';
  if (first === '+' || first === '-') {
    return fail('number.sign', 'has a sign. Only plain decimal digits are allowed, e.g. 5.');
  }
  if (/^(?:infinity|nan)$/i.test(text) || /^0[xbo]/i.test(text) || /^[0-9.]+e[0-9+-]/i.test(text)) {
    return fail(
      'number.exponent-or-radix',
      `"${text}" is not a plain decimal. Only plain decimal digits are allowed, e.g. ${example}.`,
    );
  }
  if (/[0-9][,' _\u00A0\u202F][0-9]/.test(text)) {
    return fail(
      'number.separator',
      'has a comma, space or separator. Use a dot for decimals and no thousands separators.',
    );
  }

  // Longest prefix made of digits and dots: the number part; anything after it is trailing text.
  let end = 0;
  while (end < text.length && (isAsciiDigit(text.charAt(end)) || text.charAt(end) === '.')) end++;
  const head = text.slice(0, end);
  if (head === '' || !/[0-9]/.test(head)) {
    return fail('number.not-a-number', `must be a number, e.g. ${example}.`);
  }
  if ((head.match(/\./g) ?? []).length > 1) {
    return fail('number.multiple-decimal-points', 'has more than one decimal point.');
  }
  if (end < text.length) {
    return fail(
      'number.trailing-text',
      `has extra characters after ${head}. Enter the number only; the unit is ${spec.unit}.`,
    );
  }
  if (head.startsWith('.'))
    return fail('number.leading-decimal-point', `needs a leading zero: 0${head}.`);
  if (head.endsWith('.')) {
    return fail(
      'number.trailing-decimal-point',
      `ends with a decimal point. Remove it: ${head.slice(0, -1)}.`,
    );
  }
  const [intPart = '', fracPart = ''] = head.split('.');
  if (intPart.length > 1 && intPart.startsWith('0')) {
    return fail(
      'number.leading-zero',
      `has a leading zero. Write ${intPart.replace(/^0+(?=\d)/, '')}${fracPart === '' ? '' : `.${fracPart}`}.`,
    );
  }
  if (fracPart.length > spec.maxDecimals) {
    return fail(
      'number.too-many-decimals',
      spec.maxDecimals === 0
        ? 'must be a whole number.'
        : `allows at most ${spec.maxDecimals} decimal${spec.maxDecimals === 1 ? '' : 's'}.`,
    );
  }
  if (intPart.length > maxInt)
    return fail(
      'number.too-many-digits',
      `allows at most ${maxInt} digits before the decimal point.`,
    );
  return ok(Number(head));
}

/**
 * The plain text a value is entered or stored as (no separators, no trailing zeros): the inverse
 * of {@link parseNumber} for values with at most `maxDecimals` decimals.
 */
export function toEntryText(value: number, maxDecimals: number): string {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`Not an enterable value: ${String(value)}`);
  const fixed = value.toFixed(maxDecimals);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}
