/**
 * Explicit unit conversions. Only definitional factors live here (1 mg = 1000 ug, 1 h = 60 min,
 * 1 lb = 0.45359237 kg by the 1959 international yard and pound agreement); clinical numbers live
 * in knowledge files. A weight entered in pounds is converted once and both values are kept, so
 * the screen can show "154 lb = 69.9 kg".
 */
import { quantity, type Quantity } from './quantity.ts';

const UG_PER_MG = 1000;
const MIN_PER_H = 60;
/** Exact by definition (international avoirdupois pound, 1959). */
const KG_PER_LB = 0.45359237;

/** ug → mg. */
export const ugToMg = (q: Quantity<'ug'>): Quantity<'mg'> => quantity(q.value / UG_PER_MG, 'mg');
/** mg → ug. */
export const mgToUg = (q: Quantity<'mg'>): Quantity<'ug'> => quantity(q.value * UG_PER_MG, 'ug');
/** min → h. */
export const minToH = (q: Quantity<'min'>): Quantity<'h'> => quantity(q.value / MIN_PER_H, 'h');
/** h → min. */
export const hToMin = (q: Quantity<'h'>): Quantity<'min'> => quantity(q.value * MIN_PER_H, 'min');
/** ug/kg/min → mg/kg/h (× 60 / 1000). */
export const ugPerKgPerMinToMgPerKgPerH = (q: Quantity<'ug/kg/min'>): Quantity<'mg/kg/h'> =>
  quantity((q.value * MIN_PER_H) / UG_PER_MG, 'mg/kg/h');
/** mg/kg/h → ug/kg/min (× 1000 / 60). */
export const mgPerKgPerHToUgPerKgPerMin = (q: Quantity<'mg/kg/h'>): Quantity<'ug/kg/min'> =>
  quantity((q.value * UG_PER_MG) / MIN_PER_H, 'ug/kg/min');

/** A pound weight converted to kg, keeping both so neither is ever shown alone. */
export interface WeightConversion {
  readonly entered: Quantity<'lb'>;
  readonly converted: Quantity<'kg'>;
}

/** lb → kg, returning both values (T-34: lb entry converts explicitly and shows both). */
export const lbToKg = (q: Quantity<'lb'>): WeightConversion => ({
  entered: q,
  converted: quantity(q.value * KG_PER_LB, 'kg'),
});

/** kg → lb for display beside a kg value. */
export const kgToLb = (q: Quantity<'kg'>): Quantity<'lb'> => quantity(q.value / KG_PER_LB, 'lb');
