import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Instrument } from '../scoring/instrument.ts';
import { findInstrument } from '../scoring/registry.ts';
import { parseNrsReadings } from './pain-readings.ts';
import { responderStatus } from './responder-status.ts';
import { day, rules, unwrap } from './test-fixtures.ts';

// IMMPACT (Dworkin 2008, clinical.md 7.1): >= 30 % moderately important, >= 50 % substantial;
// PGIC much/very much improved = moderately important, very much improved = substantial.
const nrs: Instrument = {
  ...unwrap(findInstrument('nrs-0-10')),
  painChangeClasses: [
    { code: 'pain.30', label: '>= 30 %', atLeastPercentReduction: 30 },
    { code: 'pain.50', label: '>= 50 %', atLeastPercentReduction: 50 },
  ],
};
const pgic: Instrument = {
  ...unwrap(findInstrument('pgic')),
  pgicChangeClasses: [
    { code: 'pgic.much', label: 'much or very much improved', answers: [1, 2] },
    { code: 'pgic.very-much', label: 'very much improved', answers: [1] },
  ],
};

const readings = unwrap(
  parseNrsReadings([
    { date: '2026-03-08', nrs: 8, context: 'diary' },
    { date: '2026-03-10', nrs: 8, context: 'before-infusion' }, // baseline 8
    { date: '2026-04-02', nrs: 4, context: 'diary' },
    { date: '2026-04-04', nrs: 4, context: 'diary' },
    { date: '2026-04-06', nrs: 4, context: 'diary' }, // current 4 on 04-07 => 50 %
    { date: '2026-04-12', nrs: 5, context: 'diary' },
    { date: '2026-04-13', nrs: 6, context: 'diary' },
    { date: '2026-04-14', nrs: 5, context: 'diary' }, // current 16/3 on 04-14 => 33.3 %
  ]),
);
const pgicAnswers = [
  { date: '2026-03-20', answer: 3 },
  { date: '2026-04-05', answer: 2 },
  { date: '2026-04-20', answer: 1 },
];

test('baseline 8 -> current 4: both IMMPACT pain classes; latest PGIC (much improved) on or before the day', () => {
  const status = unwrap(
    responderStatus(
      { readings, firstInfusion: day('2026-03-10'), asOf: day('2026-04-07'), pgicAnswers },
      rules(),
      nrs,
      pgic,
    ),
  );
  assert.deepEqual(status.pain, {
    status: 'known',
    percentReduction: 50,
    absoluteReduction: 4,
    reached: ['pain.30', 'pain.50'],
  });
  assert.deepEqual(status.pgic, {
    status: 'known',
    date: '2026-04-05',
    answer: 2,
    reached: ['pgic.much'],
  });
  assert.deepEqual(status.painInstrument, nrs.ref);
  assert.deepEqual(status.rules, { id: 'default-outcome-rules', version: '1.0.0' });
});

test('baseline 8 -> current 16/3: 33.3 % reaches only the 30 % class', () => {
  const status = unwrap(
    responderStatus(
      { readings, firstInfusion: day('2026-03-10'), asOf: day('2026-04-14'), pgicAnswers: [] },
      rules(),
      nrs,
      pgic,
    ),
  );
  assert.equal(status.pain.status === 'known' ? status.pain.reached.join() : '', 'pain.30');
  assert.deepEqual(status.pgic, { status: 'unknown', reason: 'no-answer' });
});

test('missing data is unknown with its reason, never non-responder', () => {
  const noBaseline = unwrap(
    responderStatus(
      { readings, firstInfusion: day('2026-02-01'), asOf: day('2026-04-07'), pgicAnswers: [] },
      rules(),
      nrs,
      pgic,
    ),
  );
  assert.deepEqual(noBaseline.pain, { status: 'unknown', reason: 'no-baseline' });
  const noCurrent = unwrap(
    responderStatus(
      { readings, firstInfusion: day('2026-03-10'), asOf: day('2026-03-25'), pgicAnswers: [] },
      rules(),
      nrs,
      pgic,
    ),
  );
  assert.deepEqual(noCurrent.pain, { status: 'unknown', reason: 'no-current-pain' });
});

test('a PGIC answer outside the instrument, or an instrument without classes, is rejected', () => {
  const input = {
    readings,
    firstInfusion: day('2026-03-10'),
    asOf: day('2026-04-07'),
    pgicAnswers: [{ date: '2026-04-01', answer: 8 }],
  };
  const bad = responderStatus(input, rules(), nrs, pgic);
  assert.equal(bad.ok ? '' : bad.error.field, 'pgicAnswers[0].answer');
  const noClasses = responderStatus(
    { ...input, pgicAnswers: [] },
    rules(),
    { ...nrs, painChangeClasses: [] },
    pgic,
  );
  assert.equal(noClasses.ok ? '' : noClasses.error.code, 'outcomes.no-change-classes');
});

test('with the shipped NRS and PGIC instruments: IMMPACT classes from their knowledge files', () => {
  const shippedNrs = unwrap(findInstrument('nrs-0-10'));
  const shippedPgic = unwrap(findInstrument('pgic'));
  const status = unwrap(
    responderStatus(
      { readings, firstInfusion: day('2026-03-10'), asOf: day('2026-04-07'), pgicAnswers },
      rules(),
      shippedNrs,
      shippedPgic,
    ),
  );
  // 8 -> 4 is a 50 % reduction: moderately important (>= 30 %) and substantial (>= 50 %), Dworkin 2008
  assert.deepEqual(status.pain.status === 'known' ? status.pain.reached : [], [
    'immpact.moderately-important',
    'immpact.substantial',
  ]);
  // PGIC 2 = much improved: moderately important only
  assert.deepEqual(status.pgic.status === 'known' ? status.pgic.reached : [], [
    'immpact.moderately-important',
  ]);
  assert.deepEqual(status.painInstrument, shippedNrs.ref);
});
