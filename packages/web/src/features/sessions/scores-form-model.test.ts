/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyScores, scoresEntries } from './scores-form-model.ts';

const stampOf = (kind: string) => ({
  id: `id-${kind}`,
  occurredAt: kind === 'pain' ? '2026-11-25T18:00:00.000Z' : '2026-11-25T18:30:00.000Z',
});

test('each score typed is its own entry, keeping only its own part of the form', () => {
  const typed = {
    scale: 'rass' as const,
    sedation: '-1',
    dissociation: 'yes',
    description: ' floating ',
    pain: '1e1',
  };
  const entries = scoresEntries(typed, stampOf);
  assert.deepEqual(
    entries.map((e) => e.request),
    [
      {
        id: 'id-sedation',
        occurredAt: '2026-11-25T18:30:00.000Z',
        kind: 'sedation',
        scale: 'rass',
        score: -1,
      },
      {
        id: 'id-dissociation',
        occurredAt: '2026-11-25T18:30:00.000Z',
        kind: 'dissociation',
        present: true,
        description: 'floating',
      },
      { id: 'id-pain', occurredAt: '2026-11-25T18:00:00.000Z', kind: 'pain', painNrs: Number.NaN },
    ],
  );
  // The pain entry comes back as typed ("1e1", not the NaN sent), alone: the others were charted.
  assert.deepEqual(entries[2]?.fields, { ...emptyScores(''), pain: '1e1' });
  assert.deepEqual(entries[0]?.fields, { ...emptyScores(''), scale: 'rass', sedation: '-1' });
  assert.deepEqual(entries[1]?.fields, {
    ...emptyScores(''),
    dissociation: 'yes',
    description: ' floating ',
  });
});

test('nothing is charted for an empty form or a sedation score without its scale', () => {
  assert.deepEqual(scoresEntries(emptyScores('moaas'), stampOf), []);
  assert.deepEqual(scoresEntries({ ...emptyScores(''), sedation: '2', pain: '3' }, stampOf), []);
});
