/**
 * Compile-time proof that mixing units does not type-check. This file is never run; `tsc -p
 * packages/core` fails if any line marked `@ts-expect-error` stops being an error.
 */
import { add, compare, quantity, type Quantity } from './quantity.ts';
import { lbToKg, ugToMg } from './conversions.ts';

const doseMg = quantity(25, 'mg');
const volumeMl = quantity(25, 'mL');
const rateMgPerH = quantity(25, 'mg/h');
const weightKg = quantity(70, 'kg');
const weightLb = quantity(154, 'lb');
const amountUg = quantity(500, 'ug');

const takesMlPerH = (q: Quantity<'mL/h'>): number => q.value;
const takesKg = (q: Quantity<'kg'>): number => q.value;

// @ts-expect-error mg + mL does not compile
add(doseMg, volumeMl);
// @ts-expect-error a mg/h rate is not a mL/h pump rate (the 41.7 vs 4.17 wrong-field error)
takesMlPerH(rateMgPerH);
// @ts-expect-error a pound weight is not a kg weight without lbToKg
takesKg(weightLb);
// @ts-expect-error mcg and mg do not compare without ugToMg
compare(amountUg, doseMg);
// @ts-expect-error units outside the closed set are refused
quantity(1, 'mcg');
// @ts-expect-error the unit is read-only
doseMg.unit = 'mL';

// The explicit conversions are the way across.
export const checks = [
  takesKg(weightKg),
  takesKg(lbToKg(weightLb).converted),
  compare(ugToMg(amountUg), doseMg),
  add(doseMg, quantity(1, 'mg')).value,
];
