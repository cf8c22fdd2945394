import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyEntries,
  applyEntry,
  emptyLedger,
  onHandUg,
  openDiscrepancies,
  type LedgerState,
} from './ledger-state.ts';
import type { LedgerEntry, ReceiveEntry } from './ledger-entry.ts';

// Synthetic stock: 50 mg/mL × 10 mL vials (500 mg = 500 000 µg each), an obviously fictional NDC.
let seq = 0;
const at = '2026-11-25T14:00:00Z';
const id = (): string => `e${String(++seq)}`;
const receive = (over: Partial<ReceiveEntry> = {}): ReceiveEntry => ({
  type: 'receive',
  id: id(),
  occurredAt: at,
  userId: 'pharm-1',
  ndc: '00000-0000-01',
  lot: 'L1',
  expiry: '2027-06-30',
  strengthUgPerMl: 50_000,
  containerVolumeUl: 10_000,
  containers: 3,
  supplier: { name: 'Example Wholesale', deaNumber: 'RX0000000' },
  orderReference: 'PO-1',
  location: 'safe-a',
  ...over,
});
const draw = (
  vialId: string,
  over: Partial<Extract<LedgerEntry, { type: 'draw' }>> = {},
): LedgerEntry => ({
  type: 'draw',
  id: id(),
  occurredAt: at,
  userId: 'nurse-a',
  vialId,
  ndc: '00000-0000-01',
  lot: 'L1',
  location: 'safe-a',
  sessionId: 's1',
  patientId: 'p1',
  clinicDate: '2026-11-25',
  ...over,
});
const administer = (vialId: string, amountUg: number): LedgerEntry => ({
  type: 'administer',
  id: id(),
  occurredAt: at,
  userId: 'nurse-a',
  vialId,
  sessionId: 's1',
  patientId: 'p1',
  amountUg,
});
const waste = (
  vialId: string,
  amountUg: number,
  witnessId = 'nurse-b',
  userId = 'nurse-a',
): LedgerEntry => ({
  type: 'waste',
  id: id(),
  occurredAt: at,
  userId,
  vialId,
  amountUg,
  witnessId,
});

function run(entries: LedgerEntry[], from: LedgerState = emptyLedger): LedgerState {
  const r = applyEntries(from, entries);
  assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
  return r.value;
}
function refuse(state: LedgerState, entry: LedgerEntry, code: string, field?: string): void {
  const r = applyEntry(state, entry);
  assert.ok(!r.ok, `expected ${code}`);
  assert.equal(r.error.code, code);
  if (field !== undefined) assert.equal(r.error.field, field);
}

test('receive books sealed containers and their mass; on-hand is exact µg', () => {
  const s = run([receive()]);
  const [line] = [...s.stock.values()];
  assert.ok(line !== undefined, 'a stock line exists');
  assert.equal(line.sealedContainers, 3);
  assert.equal(line.receivedUg, 1_500_000);
  assert.equal(onHandUg(s, '00000-0000-01', 'L1', 'safe-a'), 1_500_000);
});

test('a session: draw one vial, administer 98 mg, waste the rest witnessed; the vial closes with drawn = administered + wasted', () => {
  const s = run([receive(), draw('v1'), administer('v1', 98_000), waste('v1', 402_000)]);
  const v = s.vials.get('v1');
  assert.ok(v !== undefined, 'the vial is tracked');
  assert.equal(v.status, 'closed');
  assert.equal(v.administeredUg + v.wastedUg, v.drawnUg);
  assert.equal(onHandUg(s, '00000-0000-01', 'L1', 'safe-a'), 1_000_000);
  refuse(s, administer('v1', 1), 'ledger.vial-closed');
});

test('nothing can go negative: more than the vial holds, or a draw from an empty lot', () => {
  const s = run([receive({ containers: 1 }), draw('v1')]);
  refuse(s, administer('v1', 500_001), 'ledger.balance-negative', 'amountUg');
  refuse(s, draw('v2'), 'ledger.balance-negative');
});

test('waste: the witness must be a different user', () => {
  const s = run([receive(), draw('v1')]);
  refuse(s, waste('v1', 1000, 'nurse-a', 'nurse-a'), 'ledger.self-witness', 'witnessId');
  refuse(
    s,
    { ...(waste('v1', 1000) as Extract<LedgerEntry, { type: 'waste' }>), witnessId: ' ' },
    'ledger.invalid-field',
    'witnessId',
  );
});

test('administer only for the session and patient the vial was drawn for', () => {
  const s = run([receive(), draw('v1')]);
  refuse(
    s,
    {
      ...(administer('v1', 1000) as Extract<LedgerEntry, { type: 'administer' }>),
      patientId: 'p2',
    },
    'ledger.session-mismatch',
  );
});

test('return: an untouched vial goes back to stock; a used one cannot', () => {
  const s = run([receive(), draw('v1'), draw('v2'), administer('v2', 10)]);
  const back = run(
    [{ type: 'return', id: id(), occurredAt: at, userId: 'nurse-a', vialId: 'v1' }],
    s,
  );
  assert.equal([...back.stock.values()][0]?.sealedContainers, 2);
  assert.equal(back.vials.get('v1')?.status, 'returned');
  refuse(
    s,
    { type: 'return', id: id(), occurredAt: at, userId: 'nurse-a', vialId: 'v2' },
    'ledger.vial-opened',
  );
});

test('expired lots cannot be drawn; unknown lots and reused vial ids are refused', () => {
  const s = run([receive({ expiry: '2026-11-24' }), receive({ lot: 'L2' })]);
  refuse(s, draw('v1'), 'ledger.lot-expired');
  refuse(s, draw('v1', { lot: 'L9' }), 'ledger.unknown-lot');
  const s2 = run([draw('v1', { lot: 'L2' })], s);
  refuse(s2, draw('v1', { lot: 'L2' }), 'ledger.duplicate-vial');
});

test('a second receipt of a lot must agree on expiry, strength and volume', () => {
  const s = run([receive()]);
  refuse(s, receive({ strengthUgPerMl: 10_000 }), 'ledger.lot-conflict');
});

test('transfer between locations keeps the total; to another registrant it leaves the books', () => {
  const s = run([
    receive(),
    {
      type: 'transfer',
      id: id(),
      occurredAt: at,
      userId: 'pharm-1',
      ndc: '00000-0000-01',
      lot: 'L1',
      fromLocation: 'safe-a',
      destination: { kind: 'location', location: 'safe-b' },
      containers: 2,
    },
  ]);
  assert.equal(onHandUg(s, '00000-0000-01', 'L1', 'safe-a'), 500_000);
  assert.equal(onHandUg(s, '00000-0000-01', 'L1', 'safe-b'), 1_000_000);
  const out = run(
    [
      {
        type: 'transfer',
        id: id(),
        occurredAt: at,
        userId: 'pharm-1',
        ndc: '00000-0000-01',
        lot: 'L1',
        fromLocation: 'safe-b',
        destination: { kind: 'registrant', name: 'Reverse Distributor', deaNumber: 'RD0000000' },
        containers: 2,
      },
    ],
    s,
  );
  assert.equal(onHandUg(out, '00000-0000-01', 'L1', 'safe-b'), 0);
  refuse(
    s,
    {
      type: 'transfer',
      id: id(),
      occurredAt: at,
      userId: 'pharm-1',
      ndc: '00000-0000-01',
      lot: 'L1',
      fromLocation: 'safe-a',
      destination: { kind: 'location', location: 'safe-b' },
      containers: 2,
    },
    'ledger.balance-negative',
  );
});

test('destroy needs two different witnesses, neither the recording user (Form 41)', () => {
  const s = run([receive()]);
  const destroy = (w: readonly [string, string], user = 'pharm-1'): LedgerEntry => ({
    type: 'destroy',
    id: id(),
    occurredAt: at,
    userId: user,
    ndc: '00000-0000-01',
    lot: 'L1',
    location: 'safe-a',
    containers: 1,
    method: 'reverse distributor incineration',
    witnessIds: w,
  });
  refuse(s, destroy(['pharm-1', 'nurse-b']), 'ledger.self-witness');
  refuse(s, destroy(['nurse-b', 'nurse-b']), 'ledger.same-witness');
  const ok = run([destroy(['nurse-b', 'nurse-c'])], s);
  assert.equal([...ok.stock.values()][0]?.destroyedUg, 500_000);
});

test('blind count: a mismatch opens a discrepancy that needs a resolution note; theft removes the missing stock', () => {
  const s = run([receive()]);
  const countId = id();
  const counted = run(
    [
      {
        type: 'count',
        id: countId,
        occurredAt: at,
        userId: 'nurse-a',
        ndc: '00000-0000-01',
        lot: 'L1',
        location: 'safe-a',
        countedContainers: 2,
      },
    ],
    s,
  );
  assert.deepEqual(
    openDiscrepancies(counted).map((d) => [d.expectedContainers, d.countedContainers]),
    [[3, 2]],
  );
  refuse(
    counted,
    {
      type: 'resolve-discrepancy',
      id: id(),
      occurredAt: at,
      userId: 'pharm-1',
      countEntryId: countId,
      classification: 'theft',
      note: '',
    },
    'ledger.invalid-field',
    'note',
  );
  const resolved = run(
    [
      {
        type: 'resolve-discrepancy',
        id: id(),
        occurredAt: at,
        userId: 'pharm-1',
        countEntryId: countId,
        classification: 'theft',
        note: 'Vial missing from safe A; police report filed.',
      },
    ],
    counted,
  );
  assert.equal(openDiscrepancies(resolved).length, 0);
  assert.equal([...resolved.stock.values()][0]?.lostUg, 500_000);
  assert.equal(onHandUg(resolved, '00000-0000-01', 'L1', 'safe-a'), 1_000_000);
  const matching = run(
    [
      {
        type: 'count',
        id: id(),
        occurredAt: at,
        userId: 'nurse-a',
        ndc: '00000-0000-01',
        lot: 'L1',
        location: 'safe-a',
        countedContainers: 3,
      },
    ],
    s,
  );
  assert.equal(openDiscrepancies(matching).length, 0);
});

test('correction reverses an entry by reference, keeps both on the ledger, and refuses one that would break a later entry', () => {
  const r1 = receive({ containers: 1 });
  const wrong = receive({ containers: 2, lot: 'L2' });
  const s = run([r1, wrong]);
  const fixed = run(
    [
      {
        type: 'correction',
        id: id(),
        occurredAt: at,
        userId: 'pharm-1',
        correctsEntryId: wrong.id,
        reason: 'Lot keyed twice.',
      },
    ],
    s,
  );
  assert.equal(onHandUg(fixed, '00000-0000-01', 'L2', 'safe-a'), 0);
  assert.equal(fixed.entries.length, 3);
  assert.ok(fixed.corrected.has(wrong.id), 'the corrected id is recorded');
  refuse(
    fixed,
    {
      type: 'correction',
      id: id(),
      occurredAt: at,
      userId: 'pharm-1',
      correctsEntryId: wrong.id,
      reason: 'again',
    },
    'ledger.already-corrected',
  );
  const used = run([draw('v1')], s);
  refuse(
    used,
    {
      type: 'correction',
      id: id(),
      occurredAt: at,
      userId: 'pharm-1',
      correctsEntryId: r1.id,
      reason: 'wrong',
    },
    'ledger.correction-conflicts',
  );
  refuse(
    used,
    {
      type: 'correction',
      id: id(),
      occurredAt: at,
      userId: 'pharm-1',
      correctsEntryId: 'nope',
      reason: 'x',
    },
    'ledger.unknown-entry',
  );
});

test('entry ids are unique; required fields are named when missing or malformed', () => {
  const r = receive();
  const s = run([r]);
  refuse(s, r, 'ledger.duplicate-entry-id', 'id');
  refuse(
    emptyLedger,
    receive({ supplier: { name: 'X', deaNumber: '' } }),
    'ledger.invalid-field',
    'supplier.deaNumber',
  );
  refuse(emptyLedger, receive({ expiry: '2027-02-30' }), 'ledger.invalid-field', 'expiry');
  refuse(emptyLedger, receive({ containers: 1.5 }), 'ledger.invalid-field', 'containers');
  refuse(
    emptyLedger,
    receive({ occurredAt: '2026-11-25 14:00' }),
    'ledger.invalid-field',
    'occurredAt',
  );
  refuse(
    emptyLedger,
    receive({ strengthUgPerMl: 333, containerVolumeUl: 1 }),
    'ledger.inexact-quantity',
  );
});

test('a refused entry leaves the state untouched', () => {
  const s = run([receive({ containers: 1 }), draw('v1')]);
  const before = JSON.stringify([...s.stock.entries(), ...s.vials.entries()]);
  refuse(s, administer('v1', 10_000_000), 'ledger.balance-negative');
  assert.equal(JSON.stringify([...s.stock.entries(), ...s.vials.entries()]), before);
});
