import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalEntryJson } from './canonical-json.ts';
import type { LedgerEntry } from './ledger-entry.ts';

const waste: LedgerEntry = {
  type: 'waste',
  id: 'e1',
  occurredAt: '2026-11-25T14:00:00Z',
  userId: 'nurse-a',
  vialId: 'v1',
  amountUg: 402000,
  witnessId: 'nurse-b',
};

test('keys are sorted at every depth and there is no whitespace (hand-written expected text)', () => {
  const r = canonicalEntryJson(waste);
  assert.ok(r.ok);
  assert.equal(
    r.value,
    '{"amountUg":402000,"id":"e1","occurredAt":"2026-11-25T14:00:00Z","type":"waste","userId":"nurse-a","vialId":"v1","witnessId":"nurse-b"}',
  );
  const nested = canonicalEntryJson({
    type: 'transfer',
    id: 'e2',
    occurredAt: '2026-11-25T14:00:00Z',
    userId: 'u',
    ndc: 'n',
    lot: 'l',
    fromLocation: 'a',
    containers: 1,
    destination: { location: 'b', kind: 'location' },
  });
  assert.ok(nested.ok);
  assert.match(nested.value, /"destination":\{"kind":"location","location":"b"\}/);
});

test('property: field order does not change the text, and the text parses back to the same entry (seed 42)', () => {
  fc.assert(
    fc.property(
      fc.shuffledSubarray(Object.keys(waste), { minLength: 7, maxLength: 7 }),
      fc.string(),
      (order, userId) => {
        const entry = { ...waste, userId: userId === '' ? 'x' : userId };
        const reordered = Object.fromEntries(
          order.map((k) => [k, entry[k as keyof typeof entry]]),
        ) as unknown as LedgerEntry;
        const a = canonicalEntryJson(entry);
        const b = canonicalEntryJson(reordered);
        assert.ok(a.ok && b.ok, 'both serialise');
        assert.equal(a.value, b.value);
        assert.deepEqual(JSON.parse(a.value), entry);
      },
    ),
    { seed: 42, numRuns: 500 },
  );
});

test('a non-finite number cannot be hashed', () => {
  const r = canonicalEntryJson({ ...waste, amountUg: Number.NaN });
  assert.ok(!r.ok);
  assert.equal(r.error.field, 'amountUg');
});
