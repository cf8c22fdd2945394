/**
 * Display formatting by the ISMP rules for error-prone dose designations (safety-security.md a-3
 * #19, T-32): always a leading zero ("0.5", never ".5"), never a trailing zero ("5", never
 * "5.0"), commas for thousands ("1,000"), a space between number and unit, and "mcg", never "µg"
 * or "ug". Used by every screen, label and audit text.
 * @see https://www.ismp.org/recommendations/error-prone-abbreviations-list
 */
import type { Quantity, Unit } from '../units/quantity.ts';

const DISPLAY: Readonly<Partial<Record<Unit, string>>> = {
  ug: 'mcg',
  'ug/kg/min': 'mcg/kg/min',
  m2: 'm²',
  'kg/m2': 'kg/m²',
};

/** The ISMP display spelling of a unit: UCUM `ug` → "mcg"; everything else unchanged. */
export const displayUnit = (unit: Unit): string => DISPLAY[unit] ?? unit;

/**
 * A number rounded half away from zero to at most `maxDecimals` (0–10) decimals, with trailing
 * zeros removed, a leading zero and comma thousands separators: 1234.50 → "1,234.5".
 * Throws RangeError for NaN, Infinity or |value| ≥ 1e15: such a value must never be displayed.
 */
export function formatNumber(value: number, maxDecimals: number): string {
  // Beyond 1e15 toFixed switches to exponent form and decimals lose meaning; no clinical value is there.
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) {
    throw new RangeError(`Refusing to display ${String(value)}`);
  }
  if (!Number.isInteger(maxDecimals) || maxDecimals < 0 || maxDecimals > 10) {
    throw new RangeError(`maxDecimals must be an integer 0–10, got ${String(maxDecimals)}`);
  }
  const fixed = Math.abs(value).toFixed(maxDecimals);
  const [intPart = '0', fracPart = ''] = fixed.split('.');
  const frac = fracPart.replace(/0+$/, '');
  const grouped = intPart.length <= 3 ? intPart : intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = frac === '' ? grouped : `${grouped}.${frac}`;
  return value < 0 && body !== '0' ? `-${body}` : body;
}

/** "24.5 mg/h", "1,000 mg", "500 mcg": number, one space, ISMP unit spelling. */
export const formatQuantity = <U extends Unit>(q: Quantity<U>, maxDecimals: number): string =>
  `${formatNumber(q.value, maxDecimals)} ${displayUnit(q.unit)}`;
