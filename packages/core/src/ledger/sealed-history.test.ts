/**
 * Sealed containers over time (sealed-history.ts). A count is compared with the balance as of its
 * own date (not in recording order), and no entry recorded later may change that balance: nothing
 * moving the lot's sealed containers at the count's location may be dated before the count, and no
 * correction may change what it expected. A take may not be dated when too few were there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refuse, run } from './ledger-replay.test-support.ts';
import { applyEntries, emptyLedger } from './ledger-state.ts';
import type { LedgerEntry, ReceiveEntry } from './ledger-entry.ts';

let seq = 0;
const id = (): string => `c${String(++seq)}`;
const t = (h: number): string => `2026-11-25T${String(h).padStart(2, '0')}:00:00Z`;
const receive = (occurredAt: string, location = 'safe-a'): ReceiveEntry => ({
  type: 'receive',
  id: id(),
  occurredAt,
  userId: 'pharm-1',
  ndc: '00000-0000-01',
  lot: 'L1',
  expiry: '2027-06-30',
  strengthUgPerMl: 50_000,
  containerVolumeUl: 10_000,
  containers: 1,
  supplier: { name: 'Example Wholesale', deaNumber: 'RX0000000' },
  orderReference: 'PO-1',
  location,
});
const count = (countedContainers: number, occurredAt: string): LedgerEntry => ({
  type: 'count',
  id: id(),
  occurredAt,
  userId: 'nurse-a',
  ndc: '00000-0000-01',
  lot: 'L1',
  location: 'safe-a',
  countedContainers,
});
const draw = (occurredAt: string): LedgerEntry => ({
  type: 'draw',
  id: id(),
  occurredAt,
  userId: 'nurse-a',
  vialId: `v-${String(seq)}`,
  ndc: '00000-0000-01',
  lot: 'L1',
  location: 'safe-a',
  sessionId: 's1',
  patientId: 'p1',
  clinicDate: '2026-11-25',
});

test('a count entered late is compared with the balance as of its own date', () => {
  // Received at 11:00, then a receipt back-dated to 10:00, then a count dated 10:00: one was there.
  const s = run([receive(t(11)), receive(t(10)), count(1, t(10))]);
  assert.equal(s.discrepancies.size, 0, 'as of 10:00 one container was there, and one was counted');
  const short = run([receive(t(11)), receive(t(10)), count(0, t(10))]);
  assert.deepEqual(
    [...short.discrepancies.values()].map((d) => [d.expectedContainers, d.countedContainers]),
    [[1, 0]],
  );
  // A draw recorded before the count but dated after it does not count against it either.
  const drawn = run([receive(t(9)), receive(t(9)), draw(t(12)), count(2, t(11))]);
  assert.equal(drawn.discrepancies.size, 0);
  // …while one dated at the count's very instant, recorded before it, does.
  const same = run([receive(t(9)), receive(t(9)), draw(t(11)), count(1, t(11))]);
  assert.equal(same.discrepancies.size, 0);
});

test('the inventory as of any date finds the same discrepancy as the ledger', () => {
  const c = count(0, t(10));
  const entries: LedgerEntry[] = [
    receive(t(11)),
    receive(t(10)),
    c,
    {
      type: 'resolve-discrepancy',
      id: id(),
      occurredAt: t(12),
      userId: 'pharm-1',
      countEntryId: c.id,
      classification: 'theft',
      note: 'Reported.',
    },
  ];
  const full = run(entries);
  assert.equal(full.discrepancies.get(c.id)?.expectedContainers, 1);
  for (const cutoff of [t(11), t(12), t(13)]) {
    const asOf = applyEntries(
      emptyLedger,
      entries.filter((e) => e.occurredAt < cutoff),
    );
    assert.ok(asOf.ok, `as of ${cutoff}: ${asOf.ok ? '' : asOf.error.message}`);
    assert.equal(asOf.value.discrepancies.get(c.id)?.expectedContainers, 1);
  }
});

test('an entry moving sealed containers may not be dated before a recorded count there', () => {
  const c = count(1, t(11));
  const s = run([receive(t(9)), c]);
  const message = refuse(s, receive(t(10)), 'ledger.occurred-before-dependency', 'occurredAt');
  assert.match(message, new RegExp(`occurredAt ${t(10)} is before count ${c.id}`));
  refuse(s, draw(t(10)), 'ledger.occurred-before-dependency', 'occurredAt');
  refuse(
    s,
    {
      type: 'destroy',
      id: id(),
      occurredAt: t(10),
      userId: 'pharm-1',
      ndc: '00000-0000-01',
      lot: 'L1',
      location: 'safe-a',
      containers: 1,
      method: 'incineration',
      witnessIds: ['w1', 'w2'],
    },
    'ledger.occurred-before-dependency',
    'occurredAt',
  );
  const elsewhere = run([receive(t(9), 'safe-b')], s);
  refuse(
    elsewhere,
    {
      type: 'transfer',
      id: id(),
      occurredAt: t(10),
      userId: 'pharm-1',
      ndc: '00000-0000-01',
      lot: 'L1',
      fromLocation: 'safe-b',
      destination: { kind: 'location', location: 'safe-a' },
      containers: 1,
    },
    'ledger.occurred-before-dependency',
    'occurredAt',
  );
  // A container drawn before the count cannot be put back before it either.
  const v = draw(t(10));
  const drawnFirst = run([receive(t(9)), receive(t(9)), v, count(1, t(11))]);
  const vialId = (v as Extract<LedgerEntry, { type: 'draw' }>).vialId;
  const back: LedgerEntry = {
    type: 'return',
    id: id(),
    occurredAt: t(10),
    userId: 'nurse-a',
    vialId,
  };
  refuse(drawnFirst, back, 'ledger.occurred-before-dependency', 'occurredAt');
  run([{ ...back, occurredAt: t(11) }], drawnFirst);
  // At or after the count, and at other locations, entries may still be back-dated.
  run([receive(t(11)), draw(t(11)), receive(t(10), 'safe-b')], s);
});

test('a correction that would change what a matching count expected is refused', () => {
  const extra = receive(t(9));
  const s = run([receive(t(9)), extra, count(2, t(11))]);
  assert.equal(s.discrepancies.size, 0);
  refuse(
    s,
    {
      type: 'correction',
      id: id(),
      occurredAt: t(12),
      userId: 'pharm-1',
      correctsEntryId: extra.id,
      reason: 'Entered in error.',
    },
    'ledger.correction-conflicts',
    'correctsEntryId',
  );
});

test('a take may not be dated when, as of then or later, too few containers were there', () => {
  // One received at 9:00 and one at 11:00: two now, but only one between 9:00 and 11:00.
  const s = run([receive(t(11)), receive(t(9)), draw(t(10))]);
  const message = refuse(s, draw(t(10)), 'ledger.balance-negative', 'location');
  assert.match(message, /Only 0 sealed container\(s\) .* as of 2026-11-25T10:00:00Z or later/);
  // A draw back-dated before another recorded draw takes from what is left after it.
  const later = run([receive(t(9)), draw(t(12))]);
  refuse(later, draw(t(10)), 'ledger.balance-negative', 'location');
  // From 11:00 on two were there, so a second draw dated 11:00 is taken.
  run([draw(t(11))], s);
  // The inventory as of 10:30 still folds: it sees one receipt and one draw.
  const asOf = applyEntries(
    emptyLedger,
    [...s.entries, draw(t(11))].filter((e) => e.occurredAt < '2026-11-25T10:30:00Z'),
  );
  assert.ok(asOf.ok, asOf.ok ? '' : asOf.error.message);
});
