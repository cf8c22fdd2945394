/**
 * Typed milli-units (mg, mL, mg/mL) → the ledger's exact integer micro-units (µg, µL, µg/mL), by
 * moving the decimal point in the text (no floating-point multiplication). Anything that is not a
 * plain decimal with at most 3 decimals is refused (null): never rounded.
 */
export function milliToMicro(text: string): number | null {
  const match = /^(\d{1,7})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (match === null) return null;
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(3, '0');
  return Number(`${whole}${fraction}`);
}

/** Exact integer micro-units → milli-units text for display: 12500 → "12.5", 1 → "0.001". */
export function microToMilliText(micro: number): string {
  const whole = Math.floor(micro / 1000);
  const fraction = String(micro % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${String(whole)}.${fraction}`;
}
