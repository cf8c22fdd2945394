/**
 * A drug-library entry (knowledge/drug-library/): allowed bag concentrations with the hard range
 * for custom concentrations (ISMP), pump resolution and maximum rate, patient weight/height bounds
 * and the entry/display precision of each field.
 */
import { parseEnvelope } from '../knowledge/envelope.ts';
import { DataReader } from '../knowledge/data-reader.ts';
import type { Citation, KnowledgeRef, KnowledgeStatus } from '../knowledge/types.ts';
import { err, type Result } from '../result.ts';

export const ENTRY_FIELDS = [
  'weightKg',
  'heightCm',
  'doseMgPerKgPerH',
  'doseMgPerH',
  'concentrationMgPerMl',
  'givenMg',
  'durationMin',
] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];
export const DISPLAY_FIELDS = [
  'weightKg',
  'doseMgPerKgPerH',
  'rateMgPerH',
  'rateMlPerH',
  'concentrationMgPerMl',
  'amountMg',
  'volumeMl',
  'durationMin',
] as const;
export type DisplayField = (typeof DISPLAY_FIELDS)[number];

export interface DrugLibraryEntry {
  readonly ref: KnowledgeRef;
  readonly status: KnowledgeStatus;
  readonly citations: readonly Citation[];
  readonly drug: string;
  readonly form: string;
  /** Concentrations selectable without a custom entry, mg/mL. */
  readonly standardConcentrationsMgPerMl: readonly number[];
  /** Custom concentrations: allowed at all, and the inclusive hard range (ISMP hard minimum). */
  readonly customConcentration: {
    readonly allowed: boolean;
    readonly hardMinMgPerMl: number;
    readonly hardMaxMgPerMl: number;
  };
  /** Pump rate resolution (decimals of mL/h) and maximum programmable rate (mL/h, inclusive). */
  readonly pump: { readonly rateDecimals: number; readonly maxRateMlPerH: number };
  /** Patient weight bounds, kg: below hardMin or at/above hardMax blocks; outside soft needs a reason. */
  readonly patientWeightKg: {
    readonly hardMin: number;
    readonly softMin: number;
    readonly softMax: number;
    readonly hardMax: number;
  };
  /** Patient height bounds, cm (inclusive range). */
  readonly patientHeightCm: { readonly hardMin: number; readonly hardMax: number };
  /** Maximum decimals accepted per entered field (strict number grammar). */
  readonly entryDecimals: Readonly<Record<EntryField, number>>;
  /** Decimals shown per displayed field (ISMP formatting). */
  readonly displayDecimals: Readonly<Record<DisplayField, number>>;
}

/** Parses and validates a drug-library knowledge file. */
export function parseDrugLibrary(raw: unknown): Result<DrugLibraryEntry> {
  const envelope = parseEnvelope(raw);
  if (!envelope.ok) return envelope;
  const e = envelope.value;
  if (e.kind !== 'drug-library') {
    return err({
      code: 'knowledge.wrong-kind',
      field: 'kind',
      message: `${e.id}@${e.version} is a ${e.kind} file, not a drug-library entry.`,
    });
  }
  const d = new DataReader(e.data, 'data');
  const standard = d
    .each('concentrations.standardMgPerMl', { nonEmpty: true })
    .map((c) => c.number('', { positive: true }));
  const custom = {
    allowed: d.boolean('concentrations.custom.allowed'),
    hardMinMgPerMl: d.number('concentrations.custom.hardMinMgPerMl', { positive: true }),
    hardMaxMgPerMl: d.number('concentrations.custom.hardMaxMgPerMl', { positive: true }),
  };
  d.require(
    custom.hardMinMgPerMl < custom.hardMaxMgPerMl,
    'concentrations.custom',
    'hardMinMgPerMl must be below hardMaxMgPerMl.',
  );
  const weight = {
    hardMin: d.number('patientWeightKg.hardMin', { positive: true }),
    softMin: d.number('patientWeightKg.softMin', { positive: true }),
    softMax: d.number('patientWeightKg.softMax', { positive: true }),
    hardMax: d.number('patientWeightKg.hardMax', { positive: true }),
  };
  d.require(
    weight.hardMin < weight.softMin &&
      weight.softMin < weight.softMax &&
      weight.softMax < weight.hardMax,
    'patientWeightKg',
    'must satisfy hardMin < softMin < softMax < hardMax.',
  );
  const height = {
    hardMin: d.number('patientHeightCm.hardMin', { positive: true }),
    hardMax: d.number('patientHeightCm.hardMax', { positive: true }),
  };
  d.require(height.hardMin < height.hardMax, 'patientHeightCm', 'hardMin must be below hardMax.');
  const decimals = { min: 0, max: 6, integer: true };
  const entryDecimals = Object.fromEntries(
    ENTRY_FIELDS.map((f) => [f, d.number(`entryDecimals.${f}`, decimals)]),
  ) as Record<EntryField, number>;
  const displayDecimals = Object.fromEntries(
    DISPLAY_FIELDS.map((f) => [f, d.number(`displayDecimals.${f}`, decimals)]),
  ) as Record<DisplayField, number>;
  return d.finish({
    ref: { id: e.id, version: e.version },
    status: e.status,
    citations: e.citations,
    drug: d.string('drug'),
    form: d.string('form'),
    standardConcentrationsMgPerMl: standard,
    customConcentration: custom,
    pump: {
      rateDecimals: d.number('pump.rateDecimals', decimals),
      maxRateMlPerH: d.number('pump.maxRateMlPerH', { positive: true }),
    },
    patientWeightKg: weight,
    patientHeightCm: height,
    entryDecimals,
    displayDecimals,
  });
}
