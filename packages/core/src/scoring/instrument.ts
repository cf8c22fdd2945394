/**
 * The instrument parser: reads an `instruments` knowledge file (items, scoring rule,
 * completeness rule, severity bands, item flags, subscores, change classes) into the model of
 * instrument-types.ts. The parser rejects any file whose rules contradict each other
 * (a band outside the score range, a flag on a missing item), so scoring can trust it.
 */
import { parseEnvelope } from '../knowledge/envelope.ts';
import { err, ok, type Result } from '../result.ts';
import type { PainChangeThreshold, PgicChangeClass } from '../stats/immpact.ts';
import type {
  AnswerOption,
  Instrument,
  InstrumentItem,
  ItemFlag,
  ScoreBand,
  ScoringRule,
  Subscore,
  WeightedDomain,
} from './instrument-types.ts';

export type * from './instrument-types.ts';

const DATA_KEYS = new Set([
  'respondent',
  'recallPeriod',
  'items',
  'scoring',
  'completeness',
  'scoreRange',
  'bands',
  'flags',
  'subscores',
  'painChangeClasses',
  'pgicChangeClasses',
  'totalLoinc',
  'smallestRealDifference',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const LOINC = /^(?:LA)?[0-9]{1,6}-[0-9]$/;
const CODE = /^[a-z0-9-]+\.[a-z0-9.-]+$/;

const bad = (field: string, message: string): Result<never> =>
  err({ code: 'knowledge.invalid-instrument', field, message });

function list<T>(
  raw: unknown,
  field: string,
  parse: (v: unknown, f: string) => Result<T>,
  optional = true,
): Result<T[]> {
  if (raw === undefined && optional) return ok([]);
  if (!Array.isArray(raw)) return bad(field, `${field} must be an array.`);
  const out: T[] = [];
  for (const [i, v] of raw.entries()) {
    const parsed = parse(v, `${field}[${i}]`);
    if (!parsed.ok) return parsed;
    out.push(parsed.value);
  }
  return ok(out);
}

function optionalLoinc(v: unknown, field: string): Result<string | undefined> {
  if (v === undefined) return ok(undefined);
  return typeof v === 'string' && LOINC.test(v)
    ? ok(v)
    : bad(field, `${field} must be a LOINC code such as "72514-3".`);
}

function parseOption(v: unknown, f: string): Result<AnswerOption> {
  if (!isRecord(v) || !isInt(v.value) || !isText(v.label))
    return bad(f, `${f} needs a whole-number value and a label.`);
  const loinc = optionalLoinc(v.loinc, `${f}.loinc`);
  if (!loinc.ok) return loinc;
  return ok({
    value: v.value,
    label: v.label,
    ...(loinc.value === undefined ? {} : { loinc: loinc.value }),
  });
}

function parseItem(v: unknown, f: string): Result<InstrumentItem> {
  if (!isRecord(v) || !isText(v.id) || !isText(v.label))
    return bad(f, `${f} needs an id and a label.`);
  if (!isInt(v.min) || !isInt(v.max) || v.min >= v.max)
    return bad(f, `${f} needs whole-number min < max.`);
  const loinc = optionalLoinc(v.loinc, `${f}.loinc`);
  if (!loinc.ok) return loinc;
  let options: AnswerOption[] | undefined;
  if (v.options !== undefined) {
    const parsed = list(v.options, `${f}.options`, parseOption, false);
    if (!parsed.ok) return parsed;
    const values = parsed.value.map((o) => o.value).sort((a, b) => a - b);
    const expected = Array.from({ length: v.max - v.min + 1 }, (_, i) => (v.min as number) + i);
    if (values.join() !== expected.join())
      return bad(
        `${f}.options`,
        `${f}.options must have exactly one option per value from ${v.min} to ${v.max}.`,
      );
    options = parsed.value;
  }
  return ok({
    id: v.id,
    label: v.label,
    min: v.min,
    max: v.max,
    ...(options === undefined ? {} : { options }),
    ...(loinc.value === undefined ? {} : { loinc: loinc.value }),
  });
}

const itemIds = (v: unknown, f: string, known: ReadonlySet<string>): Result<string[]> => {
  if (!Array.isArray(v) || v.length === 0 || !v.every(isText))
    return bad(f, `${f} must list item ids.`);
  const missing = v.find((id) => !known.has(id));
  if (missing !== undefined) return bad(f, `${f} names unknown item "${missing}".`);
  return ok(v);
};

function parseScoring(
  v: unknown,
  known: ReadonlySet<string>,
  itemCount: number,
): Result<ScoringRule> {
  if (!isRecord(v)) return bad('data.scoring', 'data.scoring must be an object.');
  switch (v.method) {
    case 'sum':
    case 'mean':
      return ok({ method: v.method });
    case 'single':
      return itemCount === 1
        ? ok({ method: 'single' })
        : bad('data.scoring', 'method "single" needs exactly one item.');
    case 'weighted-domains': {
      const domains = list(
        v.domains,
        'data.scoring.domains',
        (d, f): Result<WeightedDomain> => {
          if (!isRecord(d) || !isText(d.id) || !isText(d.label))
            return bad(f, `${f} needs an id and a label.`);
          const items = itemIds(d.items, `${f}.items`, known);
          if (!items.ok) return items;
          if (typeof d.divisor !== 'number' || !(d.divisor > 0))
            return bad(`${f}.divisor`, 'divisor must be > 0.');
          if (!isInt(d.maxMissing) || d.maxMissing < 0 || d.maxMissing >= items.value.length) {
            return bad(
              `${f}.maxMissing`,
              'maxMissing must be a whole number below the domain item count.',
            );
          }
          return ok({
            id: d.id,
            label: d.label,
            items: items.value,
            divisor: d.divisor,
            maxMissing: d.maxMissing,
          });
        },
        false,
      );
      if (!domains.ok) return domains;
      const covered = domains.value.flatMap((d) => d.items);
      if (covered.length !== itemCount || new Set(covered).size !== itemCount) {
        return bad('data.scoring.domains', 'every item must belong to exactly one domain.');
      }
      return ok({ method: 'weighted-domains', domains: domains.value });
    }
    default:
      return bad('data.scoring.method', 'method must be sum, mean, single or weighted-domains.');
  }
}

/** The score range the items and the rule imply, to catch a mistyped declared range. */
function impliedRange(
  items: readonly InstrumentItem[],
  rule: ScoringRule,
): { min: number; max: number } {
  const byId = new Map(items.map((i) => [i.id, i]));
  const total = (pick: (i: InstrumentItem) => number, ids: readonly string[]): number =>
    ids.reduce((s, id) => s + pick(byId.get(id) ?? { id, label: id, min: 0, max: 0 }), 0);
  const all = items.map((i) => i.id);
  switch (rule.method) {
    case 'sum':
    case 'single':
      return { min: total((i) => i.min, all), max: total((i) => i.max, all) };
    case 'mean':
      return {
        min: total((i) => i.min, all) / all.length,
        max: total((i) => i.max, all) / all.length,
      };
    case 'weighted-domains':
      return {
        min: rule.domains.reduce((s, d) => s + total((i) => i.min, d.items) / d.divisor, 0),
        max: rule.domains.reduce((s, d) => s + total((i) => i.max, d.items) / d.divisor, 0),
      };
  }
}

/** Parses an `instruments` knowledge file into a typed, self-consistent instrument. */
export function parseInstrument(raw: unknown): Result<Instrument> {
  const env = parseEnvelope(raw);
  if (!env.ok) return env;
  const { id, version, kind, title, data } = env.value;
  if (kind !== 'instruments') return bad('kind', 'kind must be "instruments".');
  const unknownKey = Object.keys(data).find((k) => !DATA_KEYS.has(k));
  if (unknownKey !== undefined)
    return bad(`data.${unknownKey}`, `data.${unknownKey} is not an instrument field.`);
  if (data.respondent !== 'patient' && data.respondent !== 'clinician') {
    return bad('data.respondent', 'data.respondent must be "patient" or "clinician".');
  }
  const respondent = data.respondent;
  if (data.recallPeriod !== undefined && !isText(data.recallPeriod)) {
    return bad('data.recallPeriod', 'data.recallPeriod must be text such as "past 7 days".');
  }
  const srd = data.smallestRealDifference;
  if (srd !== undefined && (typeof srd !== 'number' || !(srd > 0))) {
    return bad(
      'data.smallestRealDifference',
      'data.smallestRealDifference must be a positive number of score points.',
    );
  }
  const items = list(data.items, 'data.items', parseItem, false);
  if (!items.ok) return items;
  if (items.value.length === 0) return bad('data.items', 'data.items must not be empty.');
  const known = new Set(items.value.map((i) => i.id));
  if (known.size !== items.value.length) return bad('data.items', 'item ids must be unique.');
  const scoring = parseScoring(data.scoring, known, items.value.length);
  if (!scoring.ok) return scoring;
  const completeness = data.completeness;
  const expectedRule =
    scoring.value.method === 'weighted-domains' ? 'per-domain-max-missing' : 'all-items';
  if (!isRecord(completeness) || completeness.rule !== expectedRule) {
    return bad(
      'data.completeness',
      `data.completeness.rule must be "${expectedRule}" for this scoring method.`,
    );
  }
  const range = data.scoreRange;
  if (
    !isRecord(range) ||
    typeof range.min !== 'number' ||
    typeof range.max !== 'number' ||
    range.min >= range.max
  ) {
    return bad('data.scoreRange', 'data.scoreRange needs numeric min < max.');
  }
  const scoreRange = { min: range.min, max: range.max };
  const implied = impliedRange(items.value, scoring.value);
  if (
    Math.abs(implied.min - scoreRange.min) > 1e-9 ||
    Math.abs(implied.max - scoreRange.max) > 1e-9
  ) {
    return bad(
      'data.scoreRange',
      `data.scoreRange must be ${implied.min}–${implied.max}, as implied by the items and the scoring rule.`,
    );
  }
  const bands = list(data.bands, 'data.bands', (b, f): Result<ScoreBand> =>
    isRecord(b) &&
    typeof b.code === 'string' &&
    CODE.test(b.code) &&
    isText(b.label) &&
    isInt(b.min) &&
    isInt(b.max) &&
    b.min <= b.max
      ? ok({ code: b.code, label: b.label, min: b.min, max: b.max })
      : bad(f, `${f} needs a dotted code, a label and whole-number min ≤ max.`),
  );
  if (!bands.ok) return bands;
  if (bands.value.length > 0) {
    const sorted = [...bands.value].sort((a, b) => a.min - b.min);
    let next = scoreRange.min;
    const tiles = sorted.every((b) => {
      const fits = b.min === next;
      next = b.max + 1;
      return fits;
    });
    if (
      !tiles ||
      sorted.at(-1)?.max !== scoreRange.max ||
      scoring.value.method === 'mean' ||
      scoring.value.method === 'weighted-domains'
    ) {
      return bad(
        'data.bands',
        'bands must tile the whole-number score range without gaps or overlaps (sum or single scores only).',
      );
    }
  }
  const byId = new Map(items.value.map((i) => [i.id, i]));
  const flags = list(data.flags, 'data.flags', (g, f): Result<ItemFlag> => {
    if (
      !isRecord(g) ||
      typeof g.code !== 'string' ||
      !CODE.test(g.code) ||
      !isText(g.message) ||
      !isInt(g.atLeast)
    ) {
      return bad(f, `${f} needs a dotted code, an item, a whole-number atLeast and a message.`);
    }
    const item = typeof g.item === 'string' ? byId.get(g.item) : undefined;
    if (item === undefined || g.atLeast <= item.min || g.atLeast > item.max)
      return bad(
        `${f}.item`,
        `${f} must name an item whose range contains atLeast (above its minimum).`,
      );
    return ok({ code: g.code, item: item.id, atLeast: g.atLeast, message: g.message });
  });
  if (!flags.ok) return flags;
  const subscores = list(data.subscores, 'data.subscores', (s, f): Result<Subscore> => {
    if (!isRecord(s) || !isText(s.id) || !isText(s.label))
      return bad(f, `${f} needs an id and a label.`);
    const ids = itemIds(s.items, `${f}.items`, known);
    return ids.ok ? ok({ id: s.id, label: s.label, items: ids.value }) : ids;
  });
  if (!subscores.ok) return subscores;
  const pain = list(
    data.painChangeClasses,
    'data.painChangeClasses',
    (c, f): Result<PainChangeThreshold> =>
      isRecord(c) &&
      typeof c.code === 'string' &&
      CODE.test(c.code) &&
      isText(c.label) &&
      typeof c.atLeastPercentReduction === 'number' &&
      c.atLeastPercentReduction > 0 &&
      c.atLeastPercentReduction <= 100
        ? ok({ code: c.code, label: c.label, atLeastPercentReduction: c.atLeastPercentReduction })
        : bad(f, `${f} needs a dotted code, a label and atLeastPercentReduction in (0, 100].`),
  );
  if (!pain.ok) return pain;
  const only = items.value[0];
  const pgic = list(
    data.pgicChangeClasses,
    'data.pgicChangeClasses',
    (c, f): Result<PgicChangeClass> =>
      isRecord(c) &&
      typeof c.code === 'string' &&
      CODE.test(c.code) &&
      isText(c.label) &&
      Array.isArray(c.answers) &&
      c.answers.length > 0 &&
      c.answers.every((a) => isInt(a) && only !== undefined && a >= only.min && a <= only.max)
        ? ok({ code: c.code, label: c.label, answers: c.answers as number[] })
        : bad(f, `${f} needs a dotted code, a label and answers within the item range.`),
  );
  if (!pgic.ok) return pgic;
  const totalLoinc = optionalLoinc(data.totalLoinc, 'data.totalLoinc');
  if (!totalLoinc.ok) return totalLoinc;
  return ok({
    ref: { id, version },
    title,
    items: items.value,
    scoring: scoring.value,
    scoreRange,
    bands: bands.value,
    flags: flags.value,
    subscores: subscores.value,
    painChangeClasses: pain.value,
    pgicChangeClasses: pgic.value,
    ...(totalLoinc.value === undefined ? {} : { totalLoinc: totalLoinc.value }),
    respondent,
    ...(typeof data.recallPeriod === 'string' ? { recallPeriod: data.recallPeriod } : {}),
    ...(typeof srd === 'number' ? { smallestRealDifference: srd } : {}),
  });
}
