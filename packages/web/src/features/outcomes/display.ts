/**
 * Number and label display for the outcome screens: rounding for reading only (values stay as the
 * server computed them; CSV downloads carry them unrounded) and the labels of IMMPACT classes and
 * PGIC answers from the exact instrument version the server used (core's shipped knowledge).
 */
import { findInstrument } from '@ketaflow/core';

/** `12.345, 1` → `12.3`; null → `—`; `-0` shows as `0`. */
export function num(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

/** A signed change, e.g. `+2`, `−1.5` (true minus sign), `0`. */
export function signed(value: number | null | undefined, digits = 0): string {
  const text = num(value, digits);
  if (text === '—' || Number(text) === 0) return text;
  return value !== null && value !== undefined && value > 0 ? `+${text}` : `−${text.slice(1)}`;
}

type Ref = { readonly id: string; readonly version: string };

/** The label of an IMMPACT class code in the named instrument version; the code itself if unknown. */
export function changeClassLabel(instrument: Ref, code: string): string {
  const found = findInstrument(instrument.id, instrument.version);
  if (!found.ok) return code;
  const classes = [...found.value.painChangeClasses, ...found.value.pgicChangeClasses];
  return classes.find((c) => c.code === code)?.label ?? code;
}

/** The wording of a PGIC answer value (1 = very much improved …) in the named instrument version. */
export function answerLabel(instrument: Ref, value: number): string {
  const found = findInstrument(instrument.id, instrument.version);
  const option = found.ok
    ? found.value.items[0]?.options?.find((o) => o.value === value)
    : undefined;
  return option === undefined ? String(value) : `${option.label} (${String(value)})`;
}
