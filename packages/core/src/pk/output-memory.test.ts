import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createOutputMemory, seriesMemory, seriesWithTimeAxis } from './output-memory.ts';
import { simulatePopulation, type PopulationInput } from './population.ts';
import { createRng } from './random.ts';
import { simulate, type SimulateInput } from './simulate.ts';

const adult = { weightKg: 70, heightCm: 175, ageYears: 40, sex: 'male' as const };
const flint: SimulateInput = {
  model: { id: 's-ketamine-flint-2017' },
  patient: adult,
  boluses: [{ atMin: 3.7, doseMg: 10 }],
  infusions: [{ startMin: 0, durationMin: 120, rateMgPerH: 20 }],
  untilMin: 240,
  stepMin: 1,
};

test('seriesMemory: disjoint views of one buffer, grown when too small and reused otherwise', () => {
  const memory = createOutputMemory();
  const [a, b] = seriesMemory(memory, 2, 5);
  assert.ok(a && b, 'two views');
  assert.equal(a.buffer, b.buffer);
  assert.deepEqual([a.length, b.length, b.byteOffset], [5, 5, 40]);
  const grown = memory.buffer;
  assert.equal(seriesMemory(memory, 3, 3)[2]?.buffer, grown.buffer, 'a smaller request reuses it');
  assert.notEqual(seriesMemory(memory, 3, 7)[0]?.buffer, grown.buffer, 'a larger one grows it');
  assert.equal(memory.buffer.length, 21);
  assert.equal(seriesMemory(undefined, 2, 4)[1]?.length, 4);
});

test('simulate with reused memory gives exactly the numbers of a fresh call, even after a larger run', () => {
  const fresh = simulate(flint);
  assert.ok(fresh.ok, 'fresh run');
  const memory = createOutputMemory();
  // Leave other numbers in the memory first: every element must be overwritten.
  assert.ok(simulate({ ...flint, stepMin: 0.1, untilMin: 600 }, memory).ok, 'larger run');
  const reused = simulate(flint, memory);
  assert.ok(reused.ok, 'reused run');
  assert.equal(reused.value.plasmaNgPerMl.buffer, memory.buffer.buffer, 'views on the memory');
  for (const key of ['timesMin', 'plasmaNgPerMl', 'effectNgPerMl', 'metaboliteNgPerMl'] as const)
    assert.deepEqual(reused.value[key], fresh.value[key], key);
});

test('simulatePopulation with reused memory gives exactly the bands of a fresh call', () => {
  const input: PopulationInput = {
    model: { id: 'ketamine-herd-2007' },
    patient: { ...adult, weightKg: 30, ageYears: 9 },
    boluses: [{ atMin: 0, doseMg: 30 }],
    infusions: [{ startMin: 0, durationMin: 60, rateMgPerH: 15 }],
    untilMin: 120,
    stepMin: 2.5,
    patients: 300,
    targetRange: { output: 'plasma', lowNgPerMl: 100, highNgPerMl: 2000, fromMin: 10, toMin: 120 },
  };
  const fresh = simulatePopulation(input, createRng(7));
  const memory = createOutputMemory();
  assert.ok(simulatePopulation({ ...input, patients: 900 }, createRng(8), memory).ok, 'larger run');
  const reused = simulatePopulation(input, createRng(7), memory);
  assert.ok(fresh.ok && reused.ok, 'both runs');
  assert.deepEqual(reused.value, fresh.value);
});

const SERIES_KEYS = ['timesMin', 'plasmaNgPerMl', 'effectNgPerMl', 'metaboliteNgPerMl'] as const;

test('the time axis is written again whenever the grid or the buffer changes (step, length, growth, other use)', () => {
  const memory = createOutputMemory();
  const axis = (count: number, untilMin: number, stepMin: number): number[] =>
    Array.from(seriesWithTimeAxis(memory, count, { untilMin, stepMin })[0] ?? []);
  assert.deepEqual(axis(2, 2, 0.5), [0, 0.5, 1, 1.5, 2]);
  // Same length (5 values), another step: rewritten.
  assert.deepEqual(axis(2, 1, 0.25), [0, 0.25, 0.5, 0.75, 1]);
  // Same step, shorter and longer axes.
  assert.deepEqual(axis(2, 0.5, 0.25), [0, 0.25, 0.5]);
  assert.deepEqual(axis(2, 1, 0.25), [0, 0.25, 0.5, 0.75, 1]);
  // More series than the buffer holds: a new (zeroed) buffer, so the axis is written into it.
  const before = memory.buffer;
  assert.deepEqual(axis(6, 1, 0.25), [0, 0.25, 0.5, 0.75, 1]);
  assert.notEqual(memory.buffer, before, 'the buffer grew');
  // Any other use of the memory (population matrix) may overwrite the axis: it is forgotten.
  seriesMemory(memory, 1, 5)[0]?.fill(-1);
  assert.deepEqual(axis(2, 1, 0.25), [0, 0.25, 0.5, 0.75, 1]);
});

test('a held time axis is not written again (why the series are read-only views of the memory)', () => {
  const memory = createOutputMemory();
  const grid = { untilMin: 2, stepMin: 0.5 };
  const first = seriesWithTimeAxis(memory, 2, grid)[0];
  assert.ok(first, 'time axis');
  first[3] = -7; // a caller writing into a result breaks the contract ...
  // ... and the next run on the same grid hands the damaged axis back: this is the saved work.
  assert.deepEqual(Array.from(seriesWithTimeAxis(memory, 2, grid)[0] ?? []), [0, 0.5, 1, -7, 2]);
  assert.deepEqual(
    Array.from(seriesWithTimeAxis(undefined, 2, grid)[0] ?? []),
    [0, 0.5, 1, 1.5, 2],
  );
});

test('property: any sequence of simulations on one memory gives exactly the series of fresh calls', () => {
  const models = [
    { id: 'ketamine-domino-1982', version: '1.0.0' }, // plasma + effect site (a draft)
    { id: 's-ketamine-flint-2017' }, // plus metabolite: one series more, the buffer may grow
    { id: 'ketamine-herd-2007' }, // plasma only
  ];
  const run = fc.record({
    model: fc.integer({ min: 0, max: models.length - 1 }),
    untilMin: fc.constantFrom(30, 60, 61, 240),
    stepMin: fc.constantFrom(1 / 60, 0.25, 0.5, 1, 2.5),
    doseMg: fc.double({ min: 1, max: 50, noNaN: true }),
    rateMgPerH: fc.double({ min: 0, max: 100, noNaN: true }),
  });
  fc.assert(
    fc.property(fc.array(run, { minLength: 2, maxLength: 6 }), (runs) => {
      const memory = createOutputMemory();
      for (const r of runs) {
        const input: SimulateInput = {
          ...flint,
          model: models[r.model] ?? flint.model,
          boluses: [{ atMin: 0, doseMg: r.doseMg }],
          infusions: [{ startMin: 0, durationMin: 20, rateMgPerH: r.rateMgPerH }],
          untilMin: r.untilMin,
          stepMin: r.stepMin,
        };
        const fresh = simulate(input);
        const reused = simulate(input, memory);
        assert.ok(fresh.ok && reused.ok, 'both runs');
        for (const key of SERIES_KEYS) assert.deepEqual(reused.value[key], fresh.value[key], key);
      }
    }),
    { numRuns: 60 },
  );
});
