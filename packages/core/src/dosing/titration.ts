/**
 * The titration ladder of a protocol that titrates (start dose, step, interval, maximum): the
 * dose the protocol allows from each minute of the session, so charting can show the next
 * permitted step. Each step still goes through `checkRateChange` before it is given.
 */
import { cmp, exact, plus, toNumber } from '../units/exact.ts';
import type { DoseBasis, Protocol } from './protocol.ts';

export interface TitrationStep {
  /** Earliest session minute at which this dose may be reached. */
  readonly fromMin: number;
  /** Dose in the protocol's basis. */
  readonly dose: number;
  readonly unit: DoseBasis;
}

/**
 * The steps start, start + step, … up to the maximum (the last step is the maximum itself when
 * the step does not land on it), limited to the protocol's session duration. Empty when the
 * protocol does not titrate.
 */
export function titrationSteps(protocol: Protocol): readonly TitrationStep[] {
  const t = protocol.dosing.titration;
  if (t === null) return [];
  const unit = protocol.dosing.basis;
  const max = exact(t.maxDose);
  const steps: TitrationStep[] = [];
  let dose = exact(t.startDose);
  for (let fromMin = 0; fromMin < protocol.sessionDurationMin; fromMin += t.stepIntervalMin) {
    steps.push({ fromMin, dose: toNumber(cmp(dose, max) > 0 ? max : dose), unit });
    if (cmp(dose, max) >= 0) break;
    dose = plus(dose, exact(t.stepDose));
  }
  return steps;
}
