/**
 * Cumulative ketamine exposure of one patient across all sessions: total mg, total mg/kg (each
 * session's dose divided by that session's weight) and session count. Feeds the monitoring
 * reminders for repeated use.
 */
import { err, ok, type Result } from '../result.ts';
import { parseCalendarDate, type CalendarDate } from './calendar-date.ts';

export interface ExposureSessionInput {
  readonly date: string;
  /** Ketamine actually given in the session, mg (> 0, ≤ 10,000). */
  readonly doseMg: number;
  /** Weight used for that session, kg (> 0, ≤ 500). */
  readonly weightKg: number;
}

export interface ExposureSession {
  readonly date: CalendarDate;
  readonly doseMg: number;
  readonly weightKg: number;
  readonly doseMgPerKg: number;
}

export interface KetamineExposure {
  readonly sessions: number;
  readonly totalMg: number;
  /** Sum over sessions of doseMg / weightKg. */
  readonly totalMgPerKg: number;
  readonly firstDate: CalendarDate | null;
  readonly lastDate: CalendarDate | null;
  /** Sessions in date order with their mg/kg. */
  readonly bySession: readonly ExposureSession[];
}

const invalid = (field: string, message: string): Result<never> =>
  err({ code: 'outcomes.invalid-exposure', field, message });

/** Sums ketamine exposure; a session with a non-positive or implausible dose or weight is rejected. */
export const ketamineExposure = (
  inputs: readonly ExposureSessionInput[],
): Result<KetamineExposure> => {
  const sessions: ExposureSession[] = [];
  for (const [index, s] of inputs.entries()) {
    const at = `sessions[${index}]`;
    const date = parseCalendarDate(s.date, `${at}.date`);
    if (!date.ok) return date;
    if (!Number.isFinite(s.doseMg) || s.doseMg <= 0 || s.doseMg > 10_000) {
      return invalid(
        `${at}.doseMg`,
        `${at}.doseMg must be the ketamine given in mg, greater than 0 and at most 10,000.`,
      );
    }
    if (!Number.isFinite(s.weightKg) || s.weightKg <= 0 || s.weightKg > 500) {
      return invalid(
        `${at}.weightKg`,
        `${at}.weightKg must be the session weight in kg, greater than 0 and at most 500.`,
      );
    }
    sessions.push({
      date: date.value,
      doseMg: s.doseMg,
      weightKg: s.weightKg,
      doseMgPerKg: s.doseMg / s.weightKg,
    });
  }
  sessions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return ok({
    sessions: sessions.length,
    totalMg: sessions.reduce((sum, s) => sum + s.doseMg, 0),
    totalMgPerKg: sessions.reduce((sum, s) => sum + s.doseMgPerKg, 0),
    firstDate: sessions[0]?.date ?? null,
    lastDate: sessions[sessions.length - 1]?.date ?? null,
    bySession: sessions,
  });
};
