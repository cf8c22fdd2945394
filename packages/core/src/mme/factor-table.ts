/**
 * The MME conversion-factor table: parses an `mme-factors` knowledge file into a typed table
 * and resolves a drug (RxNorm ingredient code or accepted ingredient name) to its factor or
 * to its exclusion. The numbers live in the knowledge file; this module only reads them.
 */
import { parseEnvelope } from '../knowledge/envelope.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import shippedCdc2022 from '../../knowledge/mme-factors/cdc-2022-mme-factors@1.0.0.json' with { type: 'json' };

/** How the daily dose of an ingredient is entered: mg per day, or patch strength in mcg/h. */
export type MmeDoseBasis = 'mg-per-day' | 'patch-mcg-per-h';

export interface MmeFactor {
  readonly ingredient: string;
  /** RxNorm ingredient RxCUI, or null when the code was not verified (name-only match). */
  readonly rxnormIngredient: string | null;
  /** Accepted ingredient names (matched case-insensitively, no trimming). */
  readonly names: readonly string[];
  readonly doseBasis: MmeDoseBasis;
  /** MME/day per mg/day, or per mcg/h of patch strength. */
  readonly factor: number;
  readonly caution?: string;
}

export interface MmeExclusion {
  readonly ingredient: string;
  readonly rxnormIngredient: string | null;
  readonly names: readonly string[];
  /** Stable error code returned when this ingredient is submitted. */
  readonly code: string;
  readonly reason: string;
}

export interface MmeThreshold {
  readonly code: string;
  readonly atOrAboveMmePerDay: number;
  readonly message: string;
}

export interface MmeFactorTable {
  readonly ref: KnowledgeRef;
  readonly factors: readonly MmeFactor[];
  readonly excluded: readonly MmeExclusion[];
  /** Ascending by level. */
  readonly thresholds: readonly MmeThreshold[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const RXCUI = /^[1-9][0-9]{0,8}$/;

const bad = (field: string, message: string): Result<never> =>
  err({ code: 'knowledge.invalid-mme-table', field, message });

function parseNames(raw: unknown, field: string): Result<readonly string[]> {
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every(isText)) {
    return bad(field, `${field} must list at least one accepted ingredient name.`);
  }
  const names = raw;
  if (names.some((n) => n !== n.toLowerCase() || n !== n.trim())) {
    return bad(field, `${field} must hold lower-case names without surrounding spaces.`);
  }
  return ok(names);
}

function parseRxcui(raw: unknown, field: string): Result<string | null> {
  if (raw === null) return ok(null);
  if (typeof raw === 'string' && RXCUI.test(raw)) return ok(raw);
  return bad(field, `${field} must be an RxNorm RxCUI string of digits, or null when unverified.`);
}

function parseFactor(raw: unknown, i: number): Result<MmeFactor> {
  const field = `data.factors[${i}]`;
  if (!isRecord(raw)) return bad(field, `${field} must be an object.`);
  if (!isText(raw.ingredient)) return bad(`${field}.ingredient`, 'ingredient is required.');
  const rx = parseRxcui(raw.rxnormIngredient, `${field}.rxnormIngredient`);
  if (!rx.ok) return rx;
  const names = parseNames(raw.names, `${field}.names`);
  if (!names.ok) return names;
  if (raw.doseBasis !== 'mg-per-day' && raw.doseBasis !== 'patch-mcg-per-h') {
    return bad(`${field}.doseBasis`, 'doseBasis must be "mg-per-day" or "patch-mcg-per-h".');
  }
  if (typeof raw.factor !== 'number' || !Number.isFinite(raw.factor) || raw.factor <= 0) {
    return bad(`${field}.factor`, 'factor must be a positive finite number.');
  }
  if (raw.caution !== undefined && !isText(raw.caution)) {
    return bad(`${field}.caution`, 'caution must be a non-empty string when present.');
  }
  return ok({
    ingredient: raw.ingredient,
    rxnormIngredient: rx.value,
    names: names.value,
    doseBasis: raw.doseBasis,
    factor: raw.factor,
    ...(raw.caution === undefined ? {} : { caution: raw.caution }),
  });
}

function parseExclusion(raw: unknown, i: number): Result<MmeExclusion> {
  const field = `data.excluded[${i}]`;
  if (!isRecord(raw)) return bad(field, `${field} must be an object.`);
  if (!isText(raw.ingredient)) return bad(`${field}.ingredient`, 'ingredient is required.');
  const rx = parseRxcui(raw.rxnormIngredient, `${field}.rxnormIngredient`);
  if (!rx.ok) return rx;
  const names = parseNames(raw.names, `${field}.names`);
  if (!names.ok) return names;
  if (typeof raw.code !== 'string' || !/^mme\.[a-z0-9-]+$/.test(raw.code)) {
    return bad(`${field}.code`, 'code must be a dotted code such as "mme.buprenorphine-excluded".');
  }
  if (!isText(raw.reason)) return bad(`${field}.reason`, 'reason must explain the exclusion.');
  return ok({
    ingredient: raw.ingredient,
    rxnormIngredient: rx.value,
    names: names.value,
    code: raw.code,
    reason: raw.reason,
  });
}

function parseThreshold(raw: unknown, i: number): Result<MmeThreshold> {
  const field = `data.thresholds[${i}]`;
  if (!isRecord(raw)) return bad(field, `${field} must be an object.`);
  if (typeof raw.code !== 'string' || !/^mme\.[a-z0-9-]+$/.test(raw.code)) {
    return bad(`${field}.code`, 'code must be a dotted code such as "mme.at-or-above-50".');
  }
  const level = raw.atOrAboveMmePerDay;
  if (typeof level !== 'number' || !Number.isFinite(level) || level <= 0) {
    return bad(`${field}.atOrAboveMmePerDay`, 'atOrAboveMmePerDay must be a positive number.');
  }
  if (!isText(raw.message)) return bad(`${field}.message`, 'message is required.');
  return ok({ code: raw.code, atOrAboveMmePerDay: level, message: raw.message });
}

function parseList<T>(
  raw: unknown,
  field: string,
  parse: (item: unknown, i: number) => Result<T>,
): Result<T[]> {
  if (!Array.isArray(raw)) return bad(field, `${field} must be an array.`);
  const out: T[] = [];
  for (const [i, item] of raw.entries()) {
    const parsed = parse(item, i);
    if (!parsed.ok) return parsed;
    out.push(parsed.value);
  }
  return ok(out);
}

/**
 * Parses an `mme-factors` knowledge file. Rejects a table in which a name or RxCUI would
 * resolve to two entries (an excluded drug must never also have a factor).
 */
export function parseMmeFactorTable(raw: unknown): Result<MmeFactorTable> {
  const envelope = parseEnvelope(raw);
  if (!envelope.ok) return envelope;
  const { id, version, kind, data } = envelope.value;
  if (kind !== 'mme-factors') return bad('kind', 'kind must be "mme-factors".');
  const factors = parseList(data.factors, 'data.factors', parseFactor);
  if (!factors.ok) return factors;
  if (factors.value.length === 0) return bad('data.factors', 'data.factors must not be empty.');
  const excluded = parseList(data.excluded, 'data.excluded', parseExclusion);
  if (!excluded.ok) return excluded;
  const thresholds = parseList(data.thresholds, 'data.thresholds', parseThreshold);
  if (!thresholds.ok) return thresholds;
  const seen = new Set<string>();
  for (const entry of [...factors.value, ...excluded.value]) {
    const keys = [
      ...entry.names,
      ...(entry.rxnormIngredient === null ? [] : [entry.rxnormIngredient]),
    ];
    for (const key of keys) {
      if (seen.has(key)) return bad('data', `"${key}" resolves to more than one entry.`);
      seen.add(key);
    }
  }
  const sorted = [...thresholds.value].sort((a, b) => a.atOrAboveMmePerDay - b.atOrAboveMmePerDay);
  return ok({
    ref: { id, version },
    factors: factors.value,
    excluded: excluded.value,
    thresholds: sorted,
  });
}

/** What a submitted drug string resolves to. */
export type MmeDrugMatch =
  | { readonly kind: 'factor'; readonly entry: MmeFactor }
  | { readonly kind: 'excluded'; readonly entry: MmeExclusion }
  | { readonly kind: 'unknown' };

/**
 * Resolves a drug given as an RxNorm ingredient RxCUI ("7804") or an accepted ingredient name
 * ("oxycodone", case-insensitive). Whitespace is not trimmed: " oxycodone" is unknown.
 */
export function resolveMmeDrug(table: MmeFactorTable, drug: string): MmeDrugMatch {
  const key = drug.toLowerCase();
  const hit = (e: MmeFactor | MmeExclusion): boolean =>
    e.rxnormIngredient === drug || e.names.includes(key);
  const excluded = table.excluded.find(hit);
  if (excluded !== undefined) return { kind: 'excluded', entry: excluded };
  const factor = table.factors.find(hit);
  if (factor !== undefined) return { kind: 'factor', entry: factor };
  return { kind: 'unknown' };
}

function loadShipped(): MmeFactorTable {
  const parsed = parseMmeFactorTable(shippedCdc2022);
  // The shipped file is validated by the test suite; reaching this means a corrupted release.
  if (!parsed.ok) throw new Error(`Shipped MME table is invalid: ${parsed.error.message}`);
  return parsed.value;
}

/** CDC 2022 MME conversion factors (cdc-2022-mme-factors@1.0.0), parsed. */
export const CDC_2022_MME_FACTORS: MmeFactorTable = loadShipped();
