/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LedgerEntryView } from '@ketaflow/contract';
import { correctionBody, correctionChoices, witnessesOf } from './correction-choices.ts';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function view(
  n: number,
  type: LedgerEntryView['type'],
  entry: Record<string, unknown> = {},
): LedgerEntryView {
  return {
    id: id(n),
    seq: n,
    type,
    occurredAt: '2026-11-25T17:05:00.000Z',
    recordedAt: '2026-11-25T17:05:01.000Z',
    userId: id(900),
    patientId: null,
    sessionId: null,
    ndc: type === 'resolve-discrepancy' ? null : '12345-6789-01',
    lot: type === 'resolve-discrepancy' ? null : 'L1',
    entry: { type, ...entry },
    hash: 'h',
  };
}

test('counts, corrections and entries already reversed are not offered', () => {
  const choices = correctionChoices(
    [
      view(1, 'receive'),
      view(2, 'count'),
      view(3, 'waste', { witnessId: id(901) }),
      view(4, 'transfer'),
      view(5, 'correction', { correctsEntryId: id(4) }),
      view(6, 'resolve-discrepancy'),
    ],
    'America/Los_Angeles',
  );
  assert.deepEqual(
    choices.map((c) => c.value),
    [id(1), id(3), id(6)],
  );
});

test('each is named by seq, type, clinic time and lot (a resolution has no lot)', () => {
  const [receive, resolution] = correctionChoices(
    [view(1, 'receive'), view(6, 'resolve-discrepancy')],
    'America/Los_Angeles',
  );
  assert.equal(receive?.label, '#1 receive · 2026-11-25 09:05 PST · NDC 12345-6789-01 lot L1');
  assert.equal(resolution?.label, '#6 resolve discrepancy · 2026-11-25 09:05 PST');
});

test('a reversal needs as many witnesses as the stored entry had', () => {
  assert.equal(witnessesOf({ type: 'waste', witnessId: id(901) }), 1);
  assert.equal(witnessesOf({ type: 'destroy', witnessIds: [id(901), id(902)] }), 2);
  assert.equal(witnessesOf({ type: 'receive' }), 0);
  const [destroy] = correctionChoices(
    [view(7, 'destroy', { witnessIds: [id(901), id(902)] })],
    'UTC',
  );
  assert.equal(destroy?.witnessesNeeded, 2);
});

test('a correction sends exactly the witnesses the reversed entry needs, or none', () => {
  const w = (n: number) => ({ email: `w${String(n)}@x.test`, password: 'pw', totp: '' });
  assert.deepEqual(correctionBody(id(1), 'Entered twice', [w(1), w(2)], 0), {
    type: 'correction',
    correctsEntryId: id(1),
    reason: 'Entered twice',
  });
  const one = correctionBody(id(3), 'Wrong container', [w(1), w(2)], 1);
  assert.deepEqual(one.type === 'correction' ? one.witnesses : null, [
    { email: 'w1@x.test', password: 'pw' },
  ]);
  const two = correctionBody(id(7), 'Wrong lot', [w(1), w(2)], 2);
  assert.equal(two.type === 'correction' ? two.witnesses?.length : null, 2);
});
