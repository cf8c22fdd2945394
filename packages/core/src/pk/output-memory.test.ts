import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOutputMemory, seriesMemory } from './output-memory.ts';
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
