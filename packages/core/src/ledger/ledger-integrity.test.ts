/**
 * What a correction or a back-dated entry must never do: make a count discrepancy vanish, or put
 * an entry before the entry it depends on (the inventory as of a date would then not fold).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refuse, run } from './ledger-replay.test-support.ts';
import { applyEntry } from './ledger-state.ts';
import type { CorrectionEntry, LedgerEntry, ReceiveEntry } from './ledger-entry.ts';

let seq = 0;
const id = (): string => `i${String(++seq)}`;
const at = '2026-11-25T14:00:00Z';
const later = '2026-11-25T15:00:00Z';
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
const count = (countedContainers: number, occurredAt = later): LedgerEntry => ({
  type: 'count',
  id: id(),
  occurredAt,
  userId: 'nurse-a',
  ndc: '00000-0000-01',
  lot: 'L1',
  location: 'safe-a',
  countedContainers,
});
const correction = (correctsEntryId: string, occurredAt = later): CorrectionEntry => ({
  type: 'correction',
  id: id(),
  occurredAt,
  userId: 'pharm-1',
  correctsEntryId,
  reason: 'Entered in error.',
});
const draw = (vialId: string, occurredAt: string): LedgerEntry => ({
  type: 'draw',
  id: id(),
  occurredAt,
  userId: 'nurse-a',
  vialId,
  ndc: '00000-0000-01',
  lot: 'L1',
  location: 'safe-a',
  sessionId: 's1',
  patientId: 'p1',
  clinicDate: '2026-11-25',
});

test('a count cannot be corrected, so its discrepancy stays on the ledger', () => {
  const c = count(0);
  const s = run([receive(), c]);
  assert.equal(s.discrepancies.size, 1);
  refuse(s, correction(c.id), 'ledger.count-not-correctable', 'correctsEntryId');
  const resolved = run(
    [
      {
        type: 'resolve-discrepancy',
        id: id(),
        occurredAt: later,
        userId: 'pharm-1',
        countEntryId: c.id,
        classification: 'count-error',
        note: 'Recounted: three vials behind the divider.',
      },
    ],
    s,
  );
  refuse(resolved, correction(c.id), 'ledger.count-not-correctable', 'correctsEntryId');
  assert.equal(resolved.discrepancies.get(c.id)?.resolution?.classification, 'count-error');
});

test('a correction that would make a recorded discrepancy vanish or change is refused', () => {
  const extra = receive({ containers: 1, orderReference: 'PO-2' });
  const c = count(3);
  const s = run([receive(), extra, c]);
  assert.equal(s.discrepancies.get(c.id)?.expectedContainers, 4);
  // Without `extra` the count would match: the incident would disappear.
  refuse(s, correction(extra.id), 'ledger.correction-conflicts', 'correctsEntryId');
});

test('correcting a resolution reopens the discrepancy; it does not remove it', () => {
  const c = count(2);
  const resolve: LedgerEntry = {
    type: 'resolve-discrepancy',
    id: id(),
    occurredAt: later,
    userId: 'pharm-1',
    countEntryId: c.id,
    classification: 'documentation-error',
    note: 'Wrong class chosen.',
  };
  const s = run([receive(), c, resolve, correction(resolve.id)]);
  const d = s.discrepancies.get(c.id);
  assert.ok(d !== undefined, 'the discrepancy is still there');
  assert.equal(d.resolution, undefined);
});

test('an entry dated before the entry it depends on is refused, naming occurredAt', () => {
  const s = run([receive({ occurredAt: later })]);
  refuse(s, draw('v0', at), 'ledger.occurred-before-dependency', 'occurredAt');
  refuse(s, count(3, at), 'ledger.occurred-before-dependency', 'occurredAt');
  const drawn = run([draw('v1', '2026-11-25T16:00:00Z')], s);
  refuse(
    drawn,
    {
      type: 'administer',
      id: id(),
      occurredAt: '2026-11-25T15:59:59.999Z',
      userId: 'nurse-a',
      vialId: 'v1',
      sessionId: 's1',
      patientId: 'p1',
      amountUg: 1000,
    },
    'ledger.occurred-before-dependency',
    'occurredAt',
  );
  refuse(
    drawn,
    {
      type: 'waste',
      id: id(),
      occurredAt: later,
      userId: 'nurse-a',
      vialId: 'v1',
      amountUg: 1000,
      witnessId: 'nurse-b',
    },
    'ledger.occurred-before-dependency',
    'occurredAt',
  );
  const c = count(1, '2026-11-25T17:00:00Z');
  const counted = run([c], drawn);
  refuse(
    counted,
    {
      type: 'resolve-discrepancy',
      id: id(),
      occurredAt: '2026-11-25T16:30:00Z',
      userId: 'pharm-1',
      countEntryId: c.id,
      classification: 'count-error',
      note: 'x',
    },
    'ledger.occurred-before-dependency',
    'occurredAt',
  );
  // At the very same instant is allowed (a draw recorded with its receipt's time).
  run([draw('v2', later)], s);
});

test('a back-dated receipt moves the lot earlier; a correction may not precede what it corrects', () => {
  const first = receive({ occurredAt: later });
  const s = run([first, receive({ occurredAt: at, orderReference: 'PO-0' })]);
  run([draw('v3', at)], s);
  refuse(s, correction(first.id, at), 'ledger.occurred-before-dependency', 'occurredAt');
});

test('a witnessed waste or destruction is reversed only with as many other witnesses', () => {
  const drawn = run([receive(), draw('vw', later)]);
  const waste: LedgerEntry = {
    type: 'waste',
    id: id(),
    occurredAt: later,
    userId: 'nurse-a',
    vialId: 'vw',
    amountUg: 500_000,
    witnessId: 'nurse-b',
  };
  const destroy: LedgerEntry = {
    type: 'destroy',
    id: id(),
    occurredAt: later,
    userId: 'pharm-1',
    ndc: '00000-0000-01',
    lot: 'L1',
    location: 'safe-a',
    containers: 1,
    method: 'reverse distributor',
    witnessIds: ['nurse-a', 'nurse-b'],
  };
  const s = run([waste, destroy], drawn);
  const undo = (target: string, witnessIds?: string[]): LedgerEntry => ({
    ...correction(target),
    ...(witnessIds === undefined ? {} : { witnessIds }),
  });
  refuse(s, undo(waste.id), 'ledger.correction-needs-witness', 'witnessIds');
  refuse(s, undo(waste.id, ['pharm-1']), 'ledger.self-witness', 'witnessIds');
  refuse(s, undo(destroy.id, ['nurse-a']), 'ledger.correction-needs-witness', 'witnessIds');
  refuse(s, undo(destroy.id, ['nurse-a', 'nurse-a']), 'ledger.same-witness', 'witnessIds');
  const reversed = run([undo(waste.id, ['nurse-c']), undo(destroy.id, ['nurse-a', 'nurse-c'])], s);
  assert.equal(reversed.corrected.size, 2);
});

test('nothing is taken from or counted at a location before the lot arrived there, naming that entry', () => {
  const t = (h: number): string => `2026-11-2${String(h)}T15:00:00Z`;
  const received = receive({ occurredAt: t(0), containers: 4 });
  const moved: LedgerEntry = {
    type: 'transfer',
    id: id(),
    occurredAt: t(4),
    userId: 'pharm-1',
    ndc: '00000-0000-01',
    lot: 'L1',
    fromLocation: 'safe-a',
    destination: { kind: 'location', location: 'safe-b' },
    containers: 2,
  };
  const s = run([received, moved]);
  assert.equal(
    s.stock.get(JSON.stringify(['00000-0000-01', 'L1', 'safe-b']))?.arrival?.entryId,
    moved.id,
  );
  const atB = { ndc: '00000-0000-01', lot: 'L1', location: 'safe-b' };
  const early: LedgerEntry[] = [
    { ...(draw('vb', t(2)) as Extract<LedgerEntry, { type: 'draw' }>), location: 'safe-b' },
    { ...(count(2, t(2)) as Extract<LedgerEntry, { type: 'count' }>), location: 'safe-b' },
    {
      ...moved,
      id: id(),
      occurredAt: t(2),
      fromLocation: 'safe-b',
      destination: { kind: 'location', location: 'safe-a' },
      containers: 1,
    },
    {
      type: 'destroy',
      id: id(),
      occurredAt: t(2),
      userId: 'pharm-1',
      ...atB,
      containers: 1,
      method: 'reverse distributor',
      witnessIds: ['nurse-a', 'nurse-b'],
    },
  ];
  for (const entry of early) {
    refuse(s, entry, 'ledger.occurred-before-dependency', 'occurredAt');
    const r = applyEntry(s, entry);
    assert.ok(!r.ok);
    assert.match(
      r.error.message,
      new RegExp(
        `first arrival of lot L1 at location safe-b \\(entry ${moved.id}, a transfer into it\\)`,
      ),
    );
  }
  // At safe A the lot was there all along; at safe B from the transfer's own instant.
  run([draw('va', t(2))], s);
  run([{ ...(draw('vb', t(4)) as Extract<LedgerEntry, { type: 'draw' }>), location: 'safe-b' }], s);
  // A receipt into safe B dated earlier brings the lot there earlier.
  const direct = receive({ occurredAt: t(1), location: 'safe-b', orderReference: 'PO-B' });
  const both = run([direct], s);
  assert.equal(
    both.stock.get(JSON.stringify(['00000-0000-01', 'L1', 'safe-b']))?.arrival?.by,
    'receipt',
  );
  run(
    [{ ...(draw('vb', t(2)) as Extract<LedgerEntry, { type: 'draw' }>), location: 'safe-b' }],
    both,
  );
});

test('a correction that would leave an entry before its lot arrived is refused; resolution and correction dating still hold', () => {
  const t = (h: number): string => `2026-11-2${String(h)}T15:00:00Z`;
  const first: LedgerEntry = {
    type: 'transfer',
    id: id(),
    occurredAt: t(1),
    userId: 'pharm-1',
    ndc: '00000-0000-01',
    lot: 'L1',
    fromLocation: 'safe-a',
    destination: { kind: 'location', location: 'safe-b' },
    containers: 1,
  };
  const second: LedgerEntry = { ...first, id: id(), occurredAt: t(3) };
  const atB = {
    ...(draw('vc', t(2)) as Extract<LedgerEntry, { type: 'draw' }>),
    location: 'safe-b',
  };
  const s = run([receive({ occurredAt: t(0) }), first, second, atB]);
  // Without the first transfer the draw at t2 would come before the lot reached safe B (t3).
  refuse(s, correction(first.id, t(5)), 'ledger.correction-conflicts', 'correctsEntryId');
  refuse(s, correction(second.id, t(2)), 'ledger.occurred-before-dependency', 'occurredAt');
  run([correction(second.id, t(5))], s);
  const c = { ...(count(0, t(6)) as Extract<LedgerEntry, { type: 'count' }>), location: 'safe-b' };
  const counted = run([c], s);
  assert.equal(counted.discrepancies.get(c.id)?.expectedContainers, 1);
  const resolve = (occurredAt: string): LedgerEntry => ({
    type: 'resolve-discrepancy',
    id: id(),
    occurredAt,
    userId: 'pharm-1',
    countEntryId: c.id,
    classification: 'minor-loss',
    note: 'Not found.',
  });
  refuse(counted, resolve(t(5)), 'ledger.occurred-before-dependency', 'occurredAt');
  const resolved = run([resolve(t(7))], counted);
  assert.equal(
    resolved.stock.get(JSON.stringify(['00000-0000-01', 'L1', 'safe-b']))?.lostUg,
    500_000,
  );
});
