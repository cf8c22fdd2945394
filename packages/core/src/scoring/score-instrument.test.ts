import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findInstrument, listInstruments } from './registry.ts';
import {
  scoreInstrument,
  type Answers,
  type CompleteScore,
  type InstrumentScore,
} from './score-instrument.ts';
import type { Instrument } from './instrument.ts';

const get = (id: string): Instrument => {
  const r = findInstrument(id);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};
const score = (id: string, answers: Answers): InstrumentScore => {
  const r = scoreInstrument(get(id), answers);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};
const complete = (id: string, answers: Answers): CompleteScore => {
  const s = score(id, answers);
  if (s.status !== 'complete') assert.fail(`expected complete: ${JSON.stringify(s)}`);
  return s;
};
const fill = (
  prefix: string,
  n: number,
  value: number | ((i: number) => number),
): Record<string, number> =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `${prefix}${i + 1}`,
      typeof value === 'number' ? value : value(i + 1),
    ]),
  );

// Golden: PHQ-9 severity cut-points 5/10/15/20 (Kroenke 2001, J Gen Intern Med 16:606–613;
// flagged U in clinical.md, file kept draft). Exact integers.
test('PHQ-9 totals land in the published severity bands at every boundary', () => {
  const cases: [number, string][] = [
    [0, 'phq9.minimal'],
    [4, 'phq9.minimal'],
    [5, 'phq9.mild'],
    [9, 'phq9.mild'],
    [10, 'phq9.moderate'],
    [14, 'phq9.moderate'],
    [15, 'phq9.moderately-severe'],
    [19, 'phq9.moderately-severe'],
    [20, 'phq9.severe'],
    [27, 'phq9.severe'],
  ];
  for (const [total, band] of cases) {
    // Spread the total over items 1–8 (max 3 each = 24) and item 9 for the rest.
    const answers = fill('phq9-', 9, (i) =>
      i <= 8 ? Math.min(3, Math.max(0, total - 3 * (i - 1))) : Math.max(0, total - 24),
    );
    const s = complete('phq-9', answers);
    assert.equal(s.score, total);
    assert.equal(s.band?.code, band, `total ${total}`);
  }
});

test('PHQ-9 item 9 > 0 raises phq9.item9-positive, even on an incomplete form', () => {
  const s = complete('phq-9', { ...fill('phq9-', 9, 0), 'phq9-9': 1 });
  assert.deepEqual(
    s.flags.map((f) => f.code),
    ['phq9.item9-positive'],
  );
  assert.equal(s.score, 1);
  const partial = score('phq-9', { 'phq9-1': 2, 'phq9-9': 2 });
  assert.equal(partial.status, 'incomplete');
  assert.deepEqual(
    partial.flags.map((f) => f.code),
    ['phq9.item9-positive'],
  );
  assert.equal(complete('phq-9', fill('phq9-', 9, 0)).flags.length, 0);
});

test('missing items make the form incomplete and list them; never a silent 0', () => {
  const s = score('phq-9', { ...fill('phq9-', 9, 1), 'phq9-4': null, 'phq9-7': undefined });
  assert.ok(s.status === 'incomplete');
  assert.deepEqual(s.missingItems, ['phq9-4', 'phq9-7']);
  assert.equal('score' in s, false);
  const css = score('crps-severity-score', {});
  assert.ok(css.status === 'incomplete');
  assert.equal(css.missingItems.length, 17);
});

test('GAD-7 bands 5/10/15 (Spitzer 2006; U, draft) and LOINC total', () => {
  assert.equal(complete('gad-7', fill('gad7-', 7, 0)).band?.code, 'gad7.minimal');
  assert.equal(
    complete('gad-7', { ...fill('gad7-', 7, 0), 'gad7-1': 3, 'gad7-2': 2 }).band?.code,
    'gad7.mild',
  );
  assert.equal(complete('gad-7', fill('gad7-', 7, 2)).band?.code, 'gad7.moderate');
  assert.equal(
    complete('gad-7', { ...fill('gad7-', 7, 2), 'gad7-1': 3 }).band?.code,
    'gad7.severe',
  );
  assert.equal(get('gad-7').totalLoinc, '70274-6');
});

// Golden: PEG = mean of its three 0–10 items (Krebs 2009).
test('PEG is the mean of its three items', () => {
  const s = complete('peg', { 'peg-pain': 6, 'peg-enjoyment': 7, 'peg-activity': 5 });
  assert.equal(s.score, 6);
  assert.equal(s.band, null);
});

// Golden: FIQR scoring instructions (Bennett 2009; myalgia.com/FIQR/Scoring.htm, clinical.md
// 7.2): function sum ÷ 3, overall impact sum, symptoms sum ÷ 2, total 0–100; a missing item is
// compensated by weighting the domain sum by items/answered. Tolerance 1e-9.
test('FIQR domain weighting, total and re-weighting of one missing item', () => {
  const answers = { ...fill('fiqr-f', 9, 6), ...fill('fiqr-i', 2, 5), ...fill('fiqr-s', 10, 4) };
  const s = complete('fiqr', answers);
  assert.deepEqual(
    s.domains.map((d) => [d.id, d.score]),
    [
      ['function', 18],
      ['overall-impact', 10],
      ['symptoms', 20],
    ],
  );
  assert.equal(s.score, 48);
  assert.equal(s.reweighted, false);
  const maxed = complete('fiqr', {
    ...fill('fiqr-f', 9, 10),
    ...fill('fiqr-i', 2, 10),
    ...fill('fiqr-s', 10, 10),
  });
  assert.equal(maxed.score, 100);
  // One function item missing: 8 answered items of 3 → 24 × 9/8 = 27 → ÷ 3 = 9.
  const one = complete('fiqr', { ...answers, ...fill('fiqr-f', 9, 3), 'fiqr-f5': null });
  assert.ok(Math.abs(one.domains[0]!.score - 9) < 1e-9);
  assert.equal(one.reweighted, true);
  const two = score('fiqr', { ...answers, 'fiqr-f1': null, 'fiqr-f2': null });
  assert.ok(two.status === 'incomplete');
  assert.deepEqual(two.missingItems, ['fiqr-f1', 'fiqr-f2']);
  const impact = score('fiqr', { ...answers, 'fiqr-i2': null });
  assert.ok(impact.status === 'incomplete');
  assert.deepEqual(impact.missingItems, ['fiqr-i2']);
});

test('CRPS severity score counts present signs and symptoms 0–17 with its smallest real difference', () => {
  const answers = { ...fill('css-symptom-', 8, 1), ...fill('css-sign-', 9, 0), 'css-sign-3': 1 };
  assert.equal(complete('crps-severity-score', answers).score, 9);
  assert.equal(get('crps-severity-score').smallestRealDifference, 4.9);
});

test('PROMIS PI 4a raw sum 4–20 and its item LOINC codes; answers outside 1–5 are errors', () => {
  const s = complete('promis-pain-interference-4a', {
    'promis-pi-1': 1,
    'promis-pi-2': 2,
    'promis-pi-3': 3,
    'promis-pi-4': 4,
  });
  assert.equal(s.score, 10);
  assert.deepEqual(
    get('promis-pain-interference-4a').items.map((i) => i.loinc),
    ['61758-9', '61769-6', '61773-8', '61775-3'],
  );
  const r = scoreInstrument(get('promis-pain-interference-4a'), { 'promis-pi-1': 0 });
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'scoring.answer-out-of-range');
  assert.equal(r.error.field, 'answers.promis-pi-1');
});

// Golden: modified Aldrete (Aldrete 1995; clinical.md 3.4): 5 items 0–2, ≥ 9 allows discharge.
test('modified Aldrete: 9 meets the discharge score, 8 does not', () => {
  const base = {
    'aldrete-activity': 2,
    'aldrete-respiration': 2,
    'aldrete-circulation': 2,
    'aldrete-consciousness': 2,
  };
  const nine = complete('modified-aldrete', { ...base, 'aldrete-oxygen-saturation': 1 });
  assert.equal(nine.score, 9);
  assert.equal(nine.band?.code, 'aldrete.meets-discharge-score');
  const eight = complete('modified-aldrete', {
    ...base,
    'aldrete-consciousness': 1,
    'aldrete-oxygen-saturation': 1,
  });
  assert.equal(eight.band?.code, 'aldrete.below-discharge-threshold');
});

test('single-item scales return the answer and its label (RASS, MOAA/S, PGIC, NRS)', () => {
  const rass = complete('rass', { rass: -3 });
  assert.equal(rass.score, -3);
  assert.match(rass.answerLabel ?? '', /^Moderate sedation/);
  assert.match(complete('moaa-s', { 'moaa-s': 5 }).answerLabel ?? '', /alert/);
  assert.equal(complete('pgic', { pgic: 2 }).answerLabel, 'Much improved');
  assert.equal(complete('nrs-0-10', { nrs: 0 }).score, 0);
  const r = scoreInstrument(get('rass'), { rass: 5 });
  assert.ok(!r.ok && r.error.code === 'scoring.answer-out-of-range');
});

test('CADSS total and the CADSS-6 subscore (items 1, 2, 6, 7, 15, 22)', () => {
  const s = complete(
    'cadss-23',
    fill('cadss-', 23, (i) => (i % 2 === 0 ? 2 : 1)),
  );
  assert.equal(s.score, 12 * 1 + 11 * 2);
  assert.deepEqual(s.subscores, [{ id: 'cadss-6', score: 1 + 2 + 2 + 1 + 1 + 2 }]);
});

test('unknown items and non-integer answers are errors naming the field', () => {
  const unknown = scoreInstrument(get('nrs-0-10'), { pain: 5 });
  assert.ok(
    !unknown.ok &&
      unknown.error.code === 'scoring.unknown-item' &&
      unknown.error.field === 'answers.pain',
  );
  for (const bad of [5.5, Number.NaN, 11, -1]) {
    const r = scoreInstrument(get('nrs-0-10'), { nrs: bad });
    assert.ok(!r.ok && r.error.field === 'answers.nrs', String(bad));
  }
});

test('every shipped instrument is found by id, and an unknown id is refused', () => {
  for (const i of listInstruments()) assert.equal(findInstrument(i.ref.id, i.ref.version).ok, true);
  const r = findInstrument('bpi');
  assert.ok(!r.ok && r.error.code === 'scoring.unknown-instrument');
});

test('property: for every instrument, a complete form scores inside its range; dropping any item makes it incomplete', () => {
  const instruments = listInstruments();
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: instruments.length - 1 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (k, seed) => {
        const instrument = instruments[k]!;
        let state = seed;
        const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31);
        const answers: Record<string, number> = {};
        for (const item of instrument.items)
          answers[item.id] = item.min + (next() % (item.max - item.min + 1));
        const r = scoreInstrument(instrument, answers);
        assert.ok(r.ok && r.value.status === 'complete');
        assert.ok(
          r.value.score >= instrument.scoreRange.min - 1e-9 &&
            r.value.score <= instrument.scoreRange.max + 1e-9,
        );
        if (instrument.bands.length > 0) assert.notEqual(r.value.band, null);
        const dropped = instrument.items[next() % instrument.items.length]!.id;
        const partial = scoreInstrument(instrument, { ...answers, [dropped]: null });
        assert.ok(partial.ok);
        if (instrument.scoring.method !== 'weighted-domains') {
          assert.ok(partial.value.status === 'incomplete');
          assert.deepEqual(partial.value.missingItems, [dropped]);
        }
      },
    ),
    { seed: 2001, numRuns: 1000 },
  );
});
