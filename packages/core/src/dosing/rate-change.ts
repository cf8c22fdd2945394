/**
 * `checkRateChange`: re-checks every guardrail when a clinician changes the rate of a running
 * infusion (charting): dose limits, the hourly cap (here a typed rate above it is blocked, not
 * reduced), pump resolution and maximum, and the cumulative caps for the minutes left.
 */
import { err, ok, type Result } from '../result.ts';
import { exactInput, resolveContext } from './dose-context.ts';
import { evaluateOrder, type Order } from './dose-engine.ts';
import { shippedDosingKnowledge, type DosingKnowledge } from './registry.ts';
import type { DoseCalculation, RateChangeInput } from './dose-types.ts';

/**
 * Checks a new rate for a running session. A mL/h entry must already be at the pump's resolution
 * (never silently rounded); a mg/h or mg/kg/h entry is converted and rounded down to it. A rate of
 * 0 is refused: pausing is a separate charting action. Returns the same `DoseCalculation` as
 * {@link calculateDose}, with `session` covering the remaining minutes.
 *
 * @param input new rate, minutes left (whole; 0 when the planned time is over), doses given so far in mg
 * @param knowledge defaults to the knowledge shipped with this version of core
 */
export function checkRateChange(
  input: RateChangeInput,
  knowledge: DosingKnowledge = shippedDosingKnowledge,
): Result<DoseCalculation> {
  const ctx = resolveContext(input, knowledge);
  if (!ctx.ok) return ctx;
  const { protocol, library } = ctx.value;
  const { value, unit } = input.newRate;
  if (unit === 'mg/kg/h' && protocol.dosing.basis !== 'mg/kg/h') {
    return err({
      code: 'dose.unit-mismatch',
      field: 'newRate.unit',
      message: `${protocol.title} doses in mg/h; enter the new rate in mg/h or mL/h.`,
    });
  }
  const decimals =
    unit === 'mL/h'
      ? library.pump.rateDecimals
      : unit === 'mg/h'
        ? library.entryDecimals.doseMgPerH
        : library.entryDecimals.doseMgPerKgPerH;
  const rate = exactInput(value, 'newRate.value', `New rate (${unit})`, decimals);
  if (!rate.ok) return rate;
  // 0 once the planned time is over: a lower rate must still be recordable, and the caps are then
  // checked against what was already given.
  const remaining = exactInput(
    input.remainingMin,
    'remainingMin',
    'Minutes remaining',
    library.entryDecimals.durationMin,
    true,
  );
  if (!remaining.ok) return remaining;
  const order: Order =
    unit === 'mL/h'
      ? { kind: 'ml-per-h', mlPerH: rate.value }
      : unit === 'mg/h'
        ? { kind: 'mg-per-h', mgPerH: rate.value }
        : { kind: 'dose', dose: rate.value };
  return ok(
    evaluateOrder(ctx.value, order, {
      capMode: 'block',
      durationMin: remaining.value,
      overrideReason: input.overrideReason,
      inputs: input,
    }),
  );
}
