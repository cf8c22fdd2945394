/**
 * Daily morphine milligram equivalents (MME/day) of a medication list, per medication and in
 * total, with the review flags of the factor table (50 and 90 MME/day in CDC 2022). Refuses,
 * with a code and the offending field, buprenorphine, unknown opioids and doses in a form the
 * table does not cover. Factors come from the table passed in; nothing clinical is coded here.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import { resolveMmeDrug, type MmeDoseBasis, type MmeFactorTable } from './factor-table.ts';

/** One opioid as prescribed. Give `doseMg` + `timesPerDay`, or `patchMcgPerH` for a patch. */
export interface MmeMedicationInput {
  /** RxNorm ingredient RxCUI ("7804") or an accepted ingredient name ("oxycodone"). */
  readonly drug: string;
  /** Dose per administration in mg; > 0. */
  readonly doseMg?: number;
  /** Transdermal patch strength in mcg/h; > 0. The patch is worn continuously. */
  readonly patchMcgPerH?: number;
  /** Administrations per day; a whole number from 1 to 24 (not for patches). */
  readonly timesPerDay?: number;
}

export interface MmeInput {
  readonly medications: readonly MmeMedicationInput[];
}

export interface MmeLine {
  /** The drug string as submitted. */
  readonly drug: string;
  readonly ingredient: string;
  readonly rxnormIngredient: string | null;
  readonly doseBasis: MmeDoseBasis;
  /** mg/day for oral/other opioids; patch strength in mcg/h for transdermal fentanyl. */
  readonly dailyDose: number;
  readonly dailyDoseUnit: 'mg/day' | 'mcg/h';
  readonly factor: number;
  readonly mmePerDay: number;
  readonly caution?: string;
}

export interface MmeFlag {
  readonly code: string;
  readonly atOrAboveMmePerDay: number;
  readonly message: string;
}

export interface MmeResult {
  readonly medications: readonly MmeLine[];
  readonly totalMmePerDay: number;
  /** Review flags reached by the total (never hard stops). */
  readonly flags: readonly MmeFlag[];
  /** The factor table that produced these numbers; store it with the result. */
  readonly factorTable: KnowledgeRef;
}

/** Products of decimal factors carry binary noise (0.15 × 40 = 6.000000000000001); 1e-6 MME is far below any clinical meaning. */
const roundMme = (x: number): number => Math.round(x * 1e6) / 1e6;

const refuse = (code: string, field: string, message: string): Result<never> =>
  err({ code, field, message });

/** Not a type guard on purpose: narrowing a typed list through `any[]` would erase its type. */
const isList = (v: unknown): boolean => Array.isArray(v);

const positiveFinite = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v > 0;

function lineFor(table: MmeFactorTable, med: MmeMedicationInput, field: string): Result<MmeLine> {
  if (typeof med.drug !== 'string' || med.drug === '') {
    return refuse(
      'mme.missing-drug',
      `${field}.drug`,
      `${field}.drug is required: give an RxNorm ingredient code or an ingredient name such as "oxycodone".`,
    );
  }
  const match = resolveMmeDrug(table, med.drug);
  if (match.kind === 'unknown') {
    const names = table.factors.flatMap((f) => f.names).join(', ');
    return refuse(
      'mme.unknown-opioid',
      `${field}.drug`,
      `${field}.drug "${med.drug}" is not an opioid in ${table.ref.id}@${table.ref.version}; use an RxNorm ingredient code or one of: ${names}.`,
    );
  }
  if (match.kind === 'excluded') {
    return refuse(match.entry.code, `${field}.drug`, `${field}.drug: ${match.entry.reason}`);
  }
  const f = match.entry;
  const common = {
    drug: med.drug,
    ingredient: f.ingredient,
    rxnormIngredient: f.rxnormIngredient,
    doseBasis: f.doseBasis,
    factor: f.factor,
    ...(f.caution === undefined ? {} : { caution: f.caution }),
  };
  if (f.doseBasis === 'patch-mcg-per-h') {
    if (med.doseMg !== undefined) {
      return refuse(
        'mme.form-not-covered',
        `${field}.doseMg`,
        `${field}: ${f.ingredient} is covered only as a transdermal patch; give patchMcgPerH (patch strength in mcg/h) instead of doseMg.`,
      );
    }
    if (med.timesPerDay !== undefined) {
      return refuse(
        'mme.patch-times-per-day',
        `${field}.timesPerDay`,
        `${field}.timesPerDay must be omitted for a patch: MME/day follows from the patch strength in mcg/h.`,
      );
    }
    if (!positiveFinite(med.patchMcgPerH)) {
      return refuse(
        'mme.invalid-patch-strength',
        `${field}.patchMcgPerH`,
        `${field}.patchMcgPerH must be the patch strength in mcg/h, a number greater than 0.`,
      );
    }
    if (!Number.isFinite(med.patchMcgPerH * f.factor)) {
      return refuse(
        'mme.invalid-patch-strength',
        `${field}.patchMcgPerH`,
        `${field}.patchMcgPerH is too large to compute: give the patch strength in mcg/h.`,
      );
    }
    return ok({
      ...common,
      dailyDose: med.patchMcgPerH,
      dailyDoseUnit: 'mcg/h',
      mmePerDay: roundMme(med.patchMcgPerH * f.factor),
    });
  }
  if (med.patchMcgPerH !== undefined) {
    return refuse(
      'mme.form-not-covered',
      `${field}.patchMcgPerH`,
      `${field}: ${f.ingredient} is not a patch in this table; give doseMg and timesPerDay instead of patchMcgPerH.`,
    );
  }
  if (!positiveFinite(med.doseMg)) {
    return refuse(
      'mme.invalid-dose',
      `${field}.doseMg`,
      `${field}.doseMg must be the dose per administration in mg, a number greater than 0.`,
    );
  }
  const times = med.timesPerDay;
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 24) {
    return refuse(
      'mme.invalid-times-per-day',
      `${field}.timesPerDay`,
      `${field}.timesPerDay must be a whole number of administrations per day from 1 to 24.`,
    );
  }
  const dailyMg = med.doseMg * times;
  if (!Number.isFinite(dailyMg * f.factor)) {
    return refuse(
      'mme.invalid-dose',
      `${field}.doseMg`,
      `${field}.doseMg is too large to compute: give the dose per administration in mg.`,
    );
  }
  return ok({
    ...common,
    dailyDose: dailyMg,
    dailyDoseUnit: 'mg/day',
    mmePerDay: roundMme(dailyMg * f.factor),
  });
}

/**
 * Computes MME/day per medication and in total. An empty list is valid (total 0 MME/day).
 * Flags are raised when the total is at or above each threshold of the table.
 *
 * @param input medications with dose in mg and times per day, or patch strength in mcg/h
 * @param table a parsed `mme-factors` knowledge file, e.g. CDC_2022_MME_FACTORS
 * @returns per-medication and total MME/day, flags, and the table id@version
 * @see https://doi.org/10.15585/mmwr.rr7103a1 (CDC 2022 MME table)
 */
export function calculateMme(input: MmeInput, table: MmeFactorTable): Result<MmeResult> {
  const meds = input.medications;
  if (!isList(meds)) {
    return refuse(
      'mme.missing-medications',
      'medications',
      'medications must be a list (it may be empty).',
    );
  }
  const lines: MmeLine[] = [];
  for (const [i, med] of meds.entries()) {
    const line = lineFor(table, med, `medications[${i}]`);
    if (!line.ok) return line;
    lines.push(line.value);
  }
  const total = roundMme(lines.reduce((sum, l) => sum + l.mmePerDay, 0));
  if (!Number.isFinite(total)) {
    return refuse(
      'mme.invalid-dose',
      'medications',
      'The total MME/day is too large to compute: check the doses entered.',
    );
  }
  const flags = table.thresholds
    .filter((t) => total >= t.atOrAboveMmePerDay)
    .map((t) => ({ code: t.code, atOrAboveMmePerDay: t.atOrAboveMmePerDay, message: t.message }));
  return ok({ medications: lines, totalMmePerDay: total, flags, factorTable: table.ref });
}
