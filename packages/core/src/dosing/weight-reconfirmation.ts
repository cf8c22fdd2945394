/**
 * `weightNeedsReconfirmation`: a weight used for weight-based dosing must be recent and must not
 * differ from the previous measurement by more than the protocol's percentage (T-34: "154 kg for a
 * patient last weighed at 70 kg is flagged"). Dates are ISO calendar days passed in by the caller.
 */
import { err, ok, type Result } from '../result.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import type { Protocol } from './protocol.ts';

export interface WeightRecord {
  readonly weightKg: number;
  /** Calendar day the weight was measured, `YYYY-MM-DD`. */
  readonly measuredOn: string;
}

export interface WeightCheck {
  readonly needsReconfirmation: boolean;
  /** Why (empty when the weight may be used). */
  readonly reasons: readonly string[];
  readonly ageDays: number;
  /** Change from the previous weight in percent of the previous one (null without a previous weight). */
  readonly changePercent: number | null;
  readonly source: KnowledgeRef;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid ISO calendar date, or undefined. */
function dayNumber(iso: string): number | undefined {
  const m = DAY.exec(iso);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / 86_400_000;
}

/**
 * Whether `current` must be re-measured before dosing: older than `maxAgeDays` on `today`, or
 * differing from `previous` by more than `maxChangePercent` (strictly more; 10 % exactly passes).
 */
export function weightNeedsReconfirmation(args: {
  readonly protocol: Protocol;
  readonly current: WeightRecord;
  readonly previous: WeightRecord | null;
  /** Today's clinic date, `YYYY-MM-DD`. */
  readonly today: string;
}): Result<WeightCheck> {
  const { protocol, current, previous, today } = args;
  const rule = protocol.weightReconfirmation;
  const todayN = dayNumber(today);
  const measuredN = dayNumber(current.measuredOn);
  if (todayN === undefined)
    return err({
      code: 'dose.invalid-input',
      field: 'today',
      message: 'today must be a calendar date YYYY-MM-DD.',
    });
  if (measuredN === undefined) {
    return err({
      code: 'dose.invalid-input',
      field: 'current.measuredOn',
      message: 'The weight date must be a calendar date YYYY-MM-DD.',
    });
  }
  if (measuredN > todayN) {
    return err({
      code: 'dose.weight-from-future',
      field: 'current.measuredOn',
      message: `The weight is dated ${current.measuredOn}, after today ${today}; correct the date.`,
    });
  }
  for (const [field, w] of [
    ['current.weightKg', current.weightKg],
    ['previous.weightKg', previous?.weightKg ?? 1],
  ] as const) {
    if (!Number.isFinite(w) || w <= 0)
      return err({
        code: 'dose.invalid-input',
        field,
        message: 'A weight must be a number of kg greater than 0.',
      });
  }
  const reasons: string[] = [];
  const ageDays = todayN - measuredN;
  if (ageDays > rule.maxAgeDays) {
    reasons.push(
      `The weight is ${ageDays} days old; the protocol allows ${rule.maxAgeDays} days. Re-weigh the patient.`,
    );
  }
  let changePercent: number | null = null;
  if (previous !== null) {
    changePercent = (Math.abs(current.weightKg - previous.weightKg) / previous.weightKg) * 100;
    // Compare in whole grams so that exactly 10 % is not flagged by a rounding artefact.
    const diff = Math.abs(
      Math.round(current.weightKg * 1000) - Math.round(previous.weightKg * 1000),
    );
    if (diff * 100 > rule.maxChangePercent * Math.round(previous.weightKg * 1000)) {
      reasons.push(
        `The weight ${current.weightKg} kg differs by ${changePercent.toFixed(1)} % from the previous ${previous.weightKg} kg (limit ${rule.maxChangePercent} %). Re-weigh in kg and confirm.`,
      );
    }
  }
  return ok({
    needsReconfirmation: reasons.length > 0,
    reasons,
    ageDays,
    changePercent,
    source: protocol.ref,
  });
}
