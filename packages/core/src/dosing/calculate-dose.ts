/**
 * `calculateDose`: the protocol-driven dose calculator. From a protocol version, the patient's
 * weight, height and sex, the bag concentration and the ketamine already given, it returns the
 * dose rate (mg/h), the pump rate (mL/h, exact and rounded down to the pump's resolution), the
 * session amount, volume and time, cumulative totals, and every limit checked with its source.
 * @see ../../knowledge/protocols/ for the cited regimens; safety-security.md T-28…T-40.
 */
import { err, type Result } from '../result.ts';
import { exact, mul, type Exact } from '../units/exact.ts';
import { exactInput, resolveContext } from './dose-context.ts';
import { evaluateOrder, UG_PER_KG_PER_MIN_TO_MG_PER_KG_PER_H } from './dose-engine.ts';
import { shippedDosingKnowledge, type DosingKnowledge } from './registry.ts';
import type { DoseCalculation, DoseInput } from './dose-types.ts';

/**
 * Calculates a ketamine infusion order against its protocol and drug library.
 *
 * Returns an error (code `dose.*`, with the field) for malformed input: unknown protocol,
 * non-positive or non-finite numbers, more decimals than the library allows, a dose unit that does
 * not match the protocol's basis (mg vs mg/kg, a ×60 or ×1000 unit slip), inconsistent totals.
 * Otherwise returns a `DoseCalculation` whose `status` is `blocked` (a hard limit, cap, pump limit
 * or zero rate; no override possible), `needs-override-reason` (a soft limit without a reason) or
 * `ok`. Pure and deterministic: the same input and knowledge give the same result.
 *
 * @param input patient measures in kg/cm, concentration in mg/mL, doses given in mg
 * @param knowledge defaults to the knowledge shipped with this version of core
 */
export function calculateDose(
  input: DoseInput,
  knowledge: DosingKnowledge = shippedDosingKnowledge,
): Result<DoseCalculation> {
  const ctx = resolveContext(input, knowledge);
  if (!ctx.ok) return ctx;
  const { protocol, library } = ctx.value;
  const basis = protocol.dosing.basis;

  let dose: Exact = exact(protocol.dosing.typicalDose);
  if (input.orderedDose !== undefined) {
    const { value, unit } = input.orderedDose;
    const perKg = unit === 'mg/kg/h' || unit === 'ug/kg/min';
    if (perKg !== (basis === 'mg/kg/h')) {
      return err({
        code: 'dose.unit-mismatch',
        field: 'orderedDose.unit',
        message: `${protocol.title} doses in ${basis}; the order is in ${unit}. Re-enter the dose in ${basis}.`,
      });
    }
    const decimals =
      unit === 'mg/h' ? library.entryDecimals.doseMgPerH : library.entryDecimals.doseMgPerKgPerH;
    const parsed = exactInput(
      value,
      'orderedDose.value',
      `Dose (${unit === 'ug/kg/min' ? 'mcg/kg/min' : unit})`,
      decimals,
    );
    if (!parsed.ok) return parsed;
    dose =
      unit === 'ug/kg/min' ? mul(parsed.value, UG_PER_KG_PER_MIN_TO_MG_PER_KG_PER_H) : parsed.value;
  }

  let durationMin = exact(protocol.sessionDurationMin);
  if (input.plannedDurationMin !== undefined) {
    const parsed = exactInput(
      input.plannedDurationMin,
      'plannedDurationMin',
      'Planned duration (min)',
      library.entryDecimals.durationMin,
    );
    if (!parsed.ok) return parsed;
    durationMin = parsed.value;
  }

  return {
    ok: true,
    value: evaluateOrder(
      ctx.value,
      { kind: 'dose', dose },
      {
        capMode: 'clamp',
        durationMin,
        overrideReason: input.overrideReason,
        inputs: input,
      },
    ),
  };
}
