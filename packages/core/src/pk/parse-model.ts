/**
 * Parses a PK model knowledge file (unknown JSON) into a typed `PkModel`, rejecting anything
 * missing, non-finite or non-positive with an error naming the dotted field. Nothing is repaired.
 */
import { err, ok, type CoreError, type Result } from '../result.ts';
import {
  IIV_PARAMETERS,
  type EffectSiteSpec,
  type IivCorrelation,
  type IivParameter,
  type IivSpec,
  type MetaboliteSpec,
  type PkModel,
  type PkStructure,
  type PopulationRange,
  type ValidatedPopulation,
} from './model-types.ts';

type Obj = Readonly<Record<string, unknown>>;

/** Thrown only inside this module and turned into a Result at its edge. */
class ParseFailure extends Error {
  constructor(readonly coreError: CoreError) {
    super(coreError.message);
  }
}

const fail = (field: string, message: string): never => {
  throw new ParseFailure({ code: 'pk.model-invalid', field, message: `${field}: ${message}` });
};

/** Optional fields are absent, never `undefined` (exactOptionalPropertyTypes). */
const dropUndefined = (o: Obj): Obj =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const obj = (v: unknown, field: string): Obj => (isObj(v) ? v : fail(field, 'must be an object.'));

const str = (o: Obj, key: string, field: string): string => {
  const v = o[key];
  return typeof v === 'string' && v.length > 0
    ? v
    : fail(`${field}.${key}`, 'must be a non-empty string.');
};

const positive = (o: Obj, key: string, field: string): number => {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0
    ? v
    : fail(`${field}.${key}`, 'must be a finite number greater than 0.');
};

const optionalPositive = (o: Obj, key: string, field: string): number | undefined =>
  o[key] === undefined ? undefined : positive(o, key, field);

function oneOf<T extends string>(o: Obj, key: string, allowed: readonly T[], field: string): T {
  const v = o[key];
  const hit = allowed.find((a) => a === v);
  return hit ?? fail(`${field}.${key}`, `must be one of ${allowed.join(', ')}.`);
}

/** Requires both members of a peripheral pair or neither. */
function pair(o: Obj, a: string, b: string, field: string): void {
  if ((o[a] === undefined) !== (o[b] === undefined))
    fail(`${field}.${b}`, `must be given together with ${a}.`);
}

function parseStructure(v: unknown, field: string): PkStructure {
  const o = obj(v, field);
  const form = oneOf(o, 'form', ['micro-per-kg', 'allometric'], field);
  if (form === 'micro-per-kg') {
    pair(o, 'k12PerMin', 'k21PerMin', field);
    pair(o, 'k13PerMin', 'k31PerMin', field);
    if (o['k13PerMin'] !== undefined && o['k12PerMin'] === undefined)
      fail(`${field}.k12PerMin`, 'a third compartment needs a second one.');
    const s = {
      form,
      v1LPerKg: positive(o, 'v1LPerKg', field),
      k10PerMin: positive(o, 'k10PerMin', field),
      k12PerMin: optionalPositive(o, 'k12PerMin', field),
      k21PerMin: optionalPositive(o, 'k21PerMin', field),
      k13PerMin: optionalPositive(o, 'k13PerMin', field),
      k31PerMin: optionalPositive(o, 'k31PerMin', field),
    };
    return dropUndefined(s) as unknown as PkStructure;
  }
  pair(o, 'q2LPerH', 'v2L', field);
  pair(o, 'q3LPerH', 'v3L', field);
  if (o['q3LPerH'] !== undefined && o['q2LPerH'] === undefined)
    fail(`${field}.q2LPerH`, 'a third compartment needs a second one.');
  const exponent = (key: string): number => {
    const e = o[key];
    return typeof e === 'number' && Number.isFinite(e) && e >= 0 && e <= 2
      ? e
      : fail(`${field}.${key}`, 'must be a number from 0 to 2.');
  };
  const s = {
    form,
    referenceWeightKg: positive(o, 'referenceWeightKg', field),
    clearanceExponent: exponent('clearanceExponent'),
    volumeExponent: exponent('volumeExponent'),
    clLPerH: positive(o, 'clLPerH', field),
    v1L: positive(o, 'v1L', field),
    q2LPerH: optionalPositive(o, 'q2LPerH', field),
    v2L: optionalPositive(o, 'v2L', field),
    q3LPerH: optionalPositive(o, 'q3LPerH', field),
    v3L: optionalPositive(o, 'v3L', field),
  };
  return JSON.parse(JSON.stringify(s)) as PkStructure;
}

function parseEffectSite(v: unknown, field: string): EffectSiteSpec | null {
  if (v === null) return null;
  const o = obj(v, field);
  const basis = oneOf(o, 'basis', ['published', 'assumed'], field);
  const source = str(o, 'source', field);
  if (o['ke0PerMin'] !== undefined)
    return { ke0PerMin: positive(o, 'ke0PerMin', field), basis, source };
  return {
    equilibrationHalfTimeMin: positive(o, 'equilibrationHalfTimeMin', field),
    basis,
    source,
  };
}

function parseMetabolite(v: unknown, field: string): MetaboliteSpec | null {
  if (v === null) return null;
  const o = obj(v, field);
  const fractionFormed = positive(o, 'fractionFormed', field);
  if (fractionFormed > 1) fail(`${field}.fractionFormed`, 'must not exceed 1.');
  const base = {
    name: str(o, 'name', field),
    fractionFormed,
    structure: parseStructure(o['structure'], `${field}.structure`),
  };
  const slope = o['clearanceTimeSlopePerH'];
  if (slope === undefined) return base;
  if (typeof slope !== 'number' || !Number.isFinite(slope) || slope < 0)
    fail(`${field}.clearanceTimeSlopePerH`, 'must be a finite number of at least 0.');
  return { ...base, clearanceTimeSlopePerH: slope as number };
}

const iivParameter = (o: Obj, key: string, field: string): IivParameter =>
  oneOf(o, key, IIV_PARAMETERS, field);

function parseIiv(v: unknown, field: string): IivSpec[] {
  if (!Array.isArray(v)) return fail(field, 'must be an array.');
  return v.map((item, i) => {
    const o = obj(item, `${field}.${i}`);
    return {
      parameter: iivParameter(o, 'parameter', `${field}.${i}`),
      cvPercent: positive(o, 'cvPercent', `${field}.${i}`),
      basis: str(o, 'basis', `${field}.${i}`),
    };
  });
}

function parseCorrelations(v: unknown, field: string): IivCorrelation[] {
  if (!Array.isArray(v)) return fail(field, 'must be an array.');
  return v.map((item, i) => {
    const o = obj(item, `${field}.${i}`);
    const r = o['r'];
    if (typeof r !== 'number' || !(r > -1 && r < 1))
      fail(`${field}.${i}.r`, 'must be between -1 and 1 (exclusive).');
    return {
      a: iivParameter(o, 'a', `${field}.${i}`),
      b: iivParameter(o, 'b', `${field}.${i}`),
      r: r as number,
    };
  });
}

function parseRange(v: unknown, field: string): PopulationRange | null {
  if (v === null) return null;
  const o = obj(v, field);
  const out: Record<string, number> = {};
  for (const key of ['min', 'max', 'mean', 'sd'] as const) {
    const x = o[key];
    if (x === undefined) continue;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
      fail(`${field}.${key}`, 'must be a finite number of at least 0.');
    out[key] = x as number;
  }
  const hasRange = out['min'] !== undefined && out['max'] !== undefined;
  const hasSummary = out['mean'] !== undefined && out['sd'] !== undefined;
  if (!hasRange && !hasSummary)
    fail(field, 'needs min and max, or mean and sd (or null when unknown).');
  return out;
}

/** Population-range parser shared with the PD model parser. */
export function parseValidatedPopulation(v: unknown, field: string): ValidatedPopulation {
  const o = obj(v, field);
  const base = {
    description: str(o, 'description', field),
    ageYears: parseRange(o['ageYears'], `${field}.ageYears`),
    weightKg: parseRange(o['weightKg'], `${field}.weightKg`),
  };
  return o['n'] === undefined ? base : { ...base, n: positive(o, 'n', field) };
}

/** Runs a parser that throws ParseFailure and returns its outcome as a Result. */
export function asResult<T>(parse: () => T): Result<T> {
  try {
    return ok(parse());
  } catch (e) {
    if (e instanceof ParseFailure) return err(e.coreError);
    throw e;
  }
}

/** Shared envelope fields of a knowledge file of the given kind. */
export function parseEnvelopeHead(
  v: unknown,
  kind: string,
): {
  id: string;
  version: string;
  status: 'draft' | 'released' | 'retired';
  title: string;
  data: unknown;
} {
  const o = obj(v, 'knowledge');
  if (o['kind'] !== kind) fail('kind', `must be "${kind}".`);
  const citations = o['citations'];
  if (!Array.isArray(citations) || citations.length === 0)
    fail('citations', 'needs at least one citation.');
  return {
    id: str(o, 'id', 'knowledge'),
    version: str(o, 'version', 'knowledge'),
    status: oneOf(o, 'status', ['draft', 'released', 'retired'], 'knowledge'),
    title: str(o, 'title', 'knowledge'),
    data: o['data'],
  };
}

/**
 * Parses one PK model knowledge file.
 * @returns the typed model, or `pk.model-invalid` naming the first bad field.
 */
export function parsePkModel(json: unknown): Result<PkModel> {
  return asResult(() => {
    const head = parseEnvelopeHead(json, 'pk-model');
    const d = obj(head.data, 'data');
    return {
      ref: { id: head.id, version: head.version },
      status: head.status,
      title: head.title,
      data: {
        drug: oneOf(d, 'drug', ['racemic-ketamine', 's-ketamine'], 'data'),
        sampling: oneOf(d, 'sampling', ['arterial', 'venous', 'unknown'], 'data'),
        adultUse:
          typeof d['adultUse'] === 'boolean'
            ? d['adultUse']
            : fail('data.adultUse', 'must be true or false.'),
        structure: parseStructure(d['structure'], 'data.structure'),
        effectSite: parseEffectSite(d['effectSite'], 'data.effectSite'),
        metabolite: parseMetabolite(d['metabolite'], 'data.metabolite'),
        iiv: parseIiv(d['iiv'], 'data.iiv'),
        correlations: parseCorrelations(d['correlations'], 'data.correlations'),
        validatedPopulation: parseValidatedPopulation(
          d['validatedPopulation'],
          'data.validatedPopulation',
        ),
      },
    };
  });
}
