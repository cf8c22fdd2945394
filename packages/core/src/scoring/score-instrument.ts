/**
 * Scores one completed (or partly completed) questionnaire against its instrument: the total,
 * its severity band, subscores and item flags — or `incomplete` with the missing items, never
 * a silent 0. Safety flags (PHQ-9 item 9) are raised even on an incomplete form.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { err, ok, type Result } from '../result.ts';
import type { Instrument, InstrumentItem } from './instrument.ts';

/** Answers keyed by item id; null or absent = not answered. */
export type Answers = Readonly<Record<string, number | null | undefined>>;

export interface RaisedFlag {
  readonly code: string;
  readonly item: string;
  readonly answer: number;
  readonly message: string;
}

export interface CompleteScore {
  readonly status: 'complete';
  readonly instrument: KnowledgeRef;
  readonly score: number;
  readonly scoreRange: { readonly min: number; readonly max: number };
  /** Severity band when the instrument defines cited bands; otherwise null. */
  readonly band: { readonly code: string; readonly label: string } | null;
  /** The chosen option's label for single-item scales (RASS term, PGIC category …). */
  readonly answerLabel: string | null;
  readonly subscores: readonly { readonly id: string; readonly score: number | null }[];
  /** Per-domain scores for domain-weighted instruments (FIQR). */
  readonly domains: readonly {
    readonly id: string;
    readonly score: number;
    readonly missing: number;
  }[];
  /** True when some domain was re-weighted for unanswered items. */
  readonly reweighted: boolean;
  readonly flags: readonly RaisedFlag[];
}

export interface IncompleteScore {
  readonly status: 'incomplete';
  readonly instrument: KnowledgeRef;
  /** Item ids that must still be answered before the form can be scored. */
  readonly missingItems: readonly string[];
  readonly flags: readonly RaisedFlag[];
}

export type InstrumentScore = CompleteScore | IncompleteScore;

function validateAnswers(instrument: Instrument, answers: Answers): Result<Map<string, number>> {
  const byId = new Map<string, InstrumentItem>(instrument.items.map((i) => [i.id, i]));
  const given = new Map<string, number>();
  for (const [id, value] of Object.entries(answers)) {
    const item = byId.get(id);
    if (item === undefined) {
      return err({
        code: 'scoring.unknown-item',
        field: `answers.${id}`,
        message: `answers.${id} is not an item of ${instrument.ref.id}; items are ${[...byId.keys()].join(', ')}.`,
      });
    }
    if (value === null || value === undefined) continue;
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < item.min ||
      value > item.max
    ) {
      return err({
        code: 'scoring.answer-out-of-range',
        field: `answers.${id}`,
        message: `answers.${id} must be a whole number from ${item.min} to ${item.max}.`,
      });
    }
    given.set(id, value);
  }
  return ok(given);
}

const sumOf = (ids: readonly string[], given: ReadonlyMap<string, number>): number =>
  ids.reduce((s, id) => s + (given.get(id) ?? 0), 0);

/**
 * Scores answers with the instrument's rules.
 *
 * @param instrument a parsed instrument (see `parseInstrument`, `findInstrument`)
 * @param answers whole-number answers keyed by item id; null/absent = unanswered
 * @returns complete score with band and flags, or incomplete with the missing items; an error
 *   (`scoring.unknown-item`, `scoring.answer-out-of-range`) for answers that cannot be valid
 */
export function scoreInstrument(instrument: Instrument, answers: Answers): Result<InstrumentScore> {
  const valid = validateAnswers(instrument, answers);
  if (!valid.ok) return valid;
  const given = valid.value;
  const flags: RaisedFlag[] = [];
  for (const f of instrument.flags) {
    const answer = given.get(f.item);
    if (answer !== undefined && answer >= f.atLeast)
      flags.push({ code: f.code, item: f.item, answer, message: f.message });
  }
  const base = { instrument: instrument.ref, flags };
  const rule = instrument.scoring;

  if (rule.method === 'weighted-domains') {
    const missingItems: string[] = [];
    const domains: { id: string; score: number; missing: number }[] = [];
    for (const d of rule.domains) {
      const unanswered = d.items.filter((id) => !given.has(id));
      if (unanswered.length > d.maxMissing) missingItems.push(...unanswered);
      const answered = d.items.length - unanswered.length;
      if (answered > 0)
        domains.push({
          id: d.id,
          score: (sumOf(d.items, given) * (d.items.length / answered)) / d.divisor,
          missing: unanswered.length,
        });
    }
    if (missingItems.length > 0) return ok({ status: 'incomplete', ...base, missingItems });
    return ok({
      status: 'complete',
      ...base,
      score: domains.reduce((s, d) => s + d.score, 0),
      scoreRange: instrument.scoreRange,
      band: null,
      answerLabel: null,
      subscores: [],
      domains,
      reweighted: domains.some((d) => d.missing > 0),
    });
  }

  const missingItems = instrument.items.filter((i) => !given.has(i.id)).map((i) => i.id);
  if (missingItems.length > 0) return ok({ status: 'incomplete', ...base, missingItems });
  const ids = instrument.items.map((i) => i.id);
  const total = sumOf(ids, given);
  const score = rule.method === 'mean' ? total / ids.length : total;
  const band = instrument.bands.find((b) => score >= b.min && score <= b.max);
  const single = rule.method === 'single' ? instrument.items[0] : undefined;
  const option = single?.options?.find((o) => o.value === score);
  return ok({
    status: 'complete',
    ...base,
    score,
    scoreRange: instrument.scoreRange,
    band: band === undefined ? null : { code: band.code, label: band.label },
    answerLabel: option?.label ?? null,
    subscores: instrument.subscores.map((s) => ({
      id: s.id,
      score: s.items.every((id) => given.has(id)) ? sumOf(s.items, given) : null,
    })),
    domains: [],
    reweighted: false,
  });
}
