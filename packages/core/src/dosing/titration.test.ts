import { test } from 'node:test';
import assert from 'node:assert/strict';
import { titrationSteps } from './titration.ts';
import { findProtocol } from './registry.ts';
import { CRPS, TITRATION } from './dose-fixtures.test-support.ts';

test('titration protocol: 10 mg/h then +5 mg/h every 30 min to 40 mg/h (Goldberg 2010 range; step and interval clinic choices)', () => {
  const steps = titrationSteps(findProtocol(TITRATION)!);
  assert.deepEqual(
    steps.map((s) => [s.fromMin, s.dose]),
    [
      [0, 10],
      [30, 15],
      [60, 20],
      [90, 25],
      [120, 30],
      [150, 35],
      [180, 40],
    ],
  );
  assert.ok(steps.every((s) => s.unit === 'mg/h'));
});

test('a protocol without titration has no ladder', () => {
  assert.deepEqual(titrationSteps(findProtocol(CRPS)!), []);
});
