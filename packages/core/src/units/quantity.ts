/**
 * Clinical quantities whose unit is part of the type: a `Quantity<'mg'>` cannot be passed where a
 * `Quantity<'mL'>` is expected, and same-unit arithmetic is the only arithmetic offered. Unit
 * spellings follow UCUM (`ug`, `m2`); the ISMP display spelling ("mcg") belongs to format/.
 */

/** The closed set of units Ketaflow computes with. */
export const UNITS = [
  'mg',
  'ug',
  'g',
  'mg/kg',
  'mg/kg/h',
  'ug/kg/min',
  'mg/h',
  'mL',
  'mL/h',
  'mg/mL',
  'ng/mL',
  'kg',
  'lb',
  'cm',
  'm2',
  'kg/m2',
  'min',
  'h',
  'd',
  '%',
] as const;

export type Unit = (typeof UNITS)[number];

/** A finite number tagged with its unit. Build with {@link quantity}; never mutate. */
export interface Quantity<U extends Unit> {
  readonly value: number;
  readonly unit: U;
}

/** Mass, volume or rate units the dose calculator reports (aliases for readable signatures). */
export type Mg = Quantity<'mg'>;
export type Ug = Quantity<'ug'>;
export type MgPerKgPerH = Quantity<'mg/kg/h'>;
export type MgPerH = Quantity<'mg/h'>;
export type Ml = Quantity<'mL'>;
export type MlPerH = Quantity<'mL/h'>;
export type MgPerMl = Quantity<'mg/mL'>;
export type NgPerMl = Quantity<'ng/mL'>;
export type Kg = Quantity<'kg'>;
export type Cm = Quantity<'cm'>;
export type Minutes = Quantity<'min'>;
export type Hours = Quantity<'h'>;

export const isUnit = (text: string): text is Unit => (UNITS as readonly string[]).includes(text);

/**
 * Tags a number with a unit. Throws RangeError for a non-finite value: a NaN or Infinity in a
 * clinical quantity is a programming error (inputs are parsed before they get here), and it must
 * never reach a screen.
 */
export function quantity<U extends Unit>(value: number, unit: U): Quantity<U> {
  if (!Number.isFinite(value))
    throw new RangeError(`Non-finite ${unit} quantity: ${String(value)}`);
  return { value, unit };
}

/** Sum of two quantities of the same unit. */
export const add = <U extends Unit>(a: Quantity<U>, b: Quantity<NoInfer<U>>): Quantity<U> =>
  quantity(a.value + b.value, a.unit);

/** Difference of two quantities of the same unit. */
export const subtract = <U extends Unit>(a: Quantity<U>, b: Quantity<NoInfer<U>>): Quantity<U> =>
  quantity(a.value - b.value, a.unit);

/** A quantity multiplied by a dimensionless factor. */
export const scale = <U extends Unit>(a: Quantity<U>, factor: number): Quantity<U> =>
  quantity(a.value * factor, a.unit);

/** Negative, zero or positive as a < b, a = b, a > b (same unit only). */
export const compare = <U extends Unit>(a: Quantity<U>, b: Quantity<NoInfer<U>>): number =>
  Math.sign(a.value - b.value);
