import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultAdverseEventVocabulary as vocab,
  validateAdverseEvent,
  type AdverseEventInput,
} from './adverse-event.ts';

const t0 = Date.UTC(2026, 10, 25, 14, 30);
const event: AdverseEventInput = {
  type: 'dissociation',
  severity: 'moderate',
  startedAtMs: t0,
  endedAtMs: t0 + 20 * 60_000,
  action: 'Rate reduced, patient reassured, lights dimmed.',
  rescue: [
    { medication: 'midazolam', dose: 1, doseUnit: 'mg', route: 'IV', givenAtMs: t0 + 60_000 },
  ],
};

test('the shipped vocabulary carries the rescue agents of the cited protocols (clinical.md 3.3)', () => {
  assert.deepEqual(vocab.source, { id: 'adverse-events', version: '0.1.0' });
  assert.deepEqual(vocab.rescueMedications.map((m) => m.code).sort(), [
    'clonidine',
    'labetalol',
    'midazolam',
    'ondansetron',
    'oxygen',
  ]);
  assert.ok(
    vocab.eventTypes.includes('nausea-vomiting') &&
      vocab.eventTypes.includes('respiratory-compromise'),
    'core event types present',
  );
});

test('a complete event with a rescue medication is accepted', () => {
  assert.ok(validateAdverseEvent(event, vocab).ok, 'valid event');
});

test('each bad field is refused and named', () => {
  const cases: [AdverseEventInput, string][] = [
    [{ ...event, type: 'headache-ish' }, 'type'],
    [{ ...event, severity: 'grade 9' }, 'severity'],
    [{ ...event, endedAtMs: t0 - 1 }, 'endedAtMs'],
    [{ ...event, action: ' ' }, 'action'],
    [{ ...event, type: 'other' }, 'description'],
    [
      {
        ...event,
        rescue: [
          { medication: 'haloperidol', dose: 1, doseUnit: 'mg', route: 'IV', givenAtMs: t0 },
        ],
      },
      'rescue[0].medication',
    ],
    [
      {
        ...event,
        rescue: [{ medication: 'midazolam', dose: 0, doseUnit: 'mg', route: 'IV', givenAtMs: t0 }],
      },
      'rescue[0].dose',
    ],
    [
      {
        ...event,
        rescue: [
          { medication: 'midazolam', dose: 1000, doseUnit: 'mcg', route: 'IV', givenAtMs: t0 },
        ],
      },
      'rescue[0].doseUnit',
    ],
    [
      {
        ...event,
        rescue: [
          { medication: 'ondansetron', dose: 4, doseUnit: 'mg', route: 'IM', givenAtMs: t0 },
        ],
      },
      'rescue[0].route',
    ],
  ];
  for (const [input, field] of cases) {
    const r = validateAdverseEvent(input, vocab);
    assert.equal(r.ok ? 'accepted' : r.error.field, field);
  }
});
