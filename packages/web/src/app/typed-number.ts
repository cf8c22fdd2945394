/**
 * A clinical number as a person typed it → the number it plainly is, or NaN. Only what core's strict
 * number grammar accepts passes (plain ASCII digits, at most one decimal point with digits on both
 * sides; no sign, exponent, radix, separators or leading zeros: safety-security.md T-31, section
 * d-1). JavaScript's Number() would read "1e2" as 100, "0x46" as 70, "12." as 12 and "" as 0; here
 * each becomes NaN, which JSON sends as null, so the server refuses the request and names the field.
 * Nothing is repaired. Spaces around the text are dropped (they cannot change what the number
 * reads as); decimals and ranges per field are the server's to check, so the shape check allows up
 * to 6 decimals and 9 integer digits.
 */
import { parseNumber } from '@ketaflow/core';

const SHAPE = { field: 'number', label: 'Number', unit: '', maxDecimals: 6, maxIntegerDigits: 9 };

export function typedNumber(text: string): number {
  const parsed = parseNumber(text.trim(), SHAPE);
  return parsed.ok ? parsed.value : Number.NaN;
}

/**
 * The same for a scale whose values can be negative (RASS, −5 to +4): one ASCII "-" or "+" before a
 * plain decimal; "-0", a sign alone, two signs and look-alike minus signs are refused.
 */
export function typedSignedNumber(text: string): number {
  const trimmed = text.trim();
  const sign = trimmed.startsWith('-') ? -1 : trimmed.startsWith('+') ? 1 : 0;
  if (sign === 0) return typedNumber(trimmed);
  const rest = trimmed.slice(1);
  const magnitude = rest === rest.trim() ? typedNumber(rest) : Number.NaN;
  return magnitude === 0 ? Number.NaN : sign * magnitude;
}
