/**
 * The issue-4 ledger property (safety-security.md T-43): 10,000 random operation sequences,
 * including deliberately bad ones (overdraws, self-witnessed waste, corrections that would break
 * later entries). After every operation, accepted or refused: no balance is negative; every
 * closed vial has drawn = administered + wasted; every waste on the books was witnessed by a
 * different user; and per lot and location, on-hand = received − administered − wasted −
 * destroyed − lost − transferred out + transferred in, where the totals are recomputed
 * independently from the entries that stand (not corrected).
 * Then the fast replay (`applyEntries`: one working copy, O(n)) against the reference replay
 * (folding the persistent one-entry step `applyEntry`, O(n²)) on the same generator: the same
 * final state, the same first refusal at the same index, from an empty or a non-empty ledger, and
 * the state passed in is never changed.
 * Last, histories dated at random instants (recorded in one order, dated in another): no standing
 * entry takes from or counts a lot at a location before the lot reached it; the inventory as of
 * every instant folds (a take dated when too few were there, a count given the wrong expected
 * number or an entry back-dated before a count would each break it), and finds for each count the
 * expected number the ledger found. An inventory leaves out corrected entries at every date, even
 * one before the correction's own (ledger-as-of.ts), and there is no exception.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyEntries,
  applyEntry,
  emptyLedger,
  onHandUg,
  type LedgerState,
} from './ledger-state.ts';
import { ledgerAsOf } from './ledger-as-of.ts';
import { stockKey } from './ledger-book.ts';
import { DISCREPANCY_CLASSIFICATIONS, type LedgerEntry } from './ledger-entry.ts';

const LOTS = [
  {
    ndc: '00000-0000-01',
    lot: 'L1',
    strengthUgPerMl: 50_000,
    containerVolumeUl: 10_000,
    containerUg: 500_000,
  },
  {
    ndc: '00000-0000-02',
    lot: 'L2',
    strengthUgPerMl: 10_000,
    containerVolumeUl: 5_000,
    containerUg: 50_000,
  },
] as const;
const LOCATIONS = ['safe-a', 'safe-b'] as const;
const USERS = ['u0', 'u1', 'u2'] as const;
const at = '2026-11-25T14:00:00Z';

const pick = <T>(items: readonly T[], i: number): T => items[i % items.length] as T;
const idx = fc.nat({ max: 100 });
const amount = fc.integer({ min: 1, max: 600_000 });
const count = (max: number) => fc.integer({ min: 1, max });
/** Weighted so that stock usually exists and vials get closed; every type still appears often. */
const op = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('receive' as const),
      lot: idx,
      loc: idx,
      n: count(3),
      user: idx,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('draw' as const),
      lot: idx,
      loc: idx,
      session: idx,
      user: idx,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('administer' as const), vial: idx, amount, user: idx }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('waste' as const),
      vial: idx,
      amount,
      user: idx,
      witness: idx,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('waste-rest' as const),
      vial: idx,
      user: idx,
      witness: idx,
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('return' as const), vial: idx, user: idx }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('transfer' as const),
      lot: idx,
      loc: idx,
      to: fc.integer({ min: 0, max: 2 }),
      n: count(3),
      user: idx,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('destroy' as const),
      lot: idx,
      loc: idx,
      n: count(2),
      user: idx,
      w1: idx,
      w2: idx,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('count' as const),
      lot: idx,
      loc: idx,
      delta: fc.integer({ min: -1, max: 1 }),
      user: idx,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('resolve' as const), disc: idx, cls: idx, user: idx }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('correct' as const), entry: idx, user: idx }),
  },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Turns a generated operation into an entry against the current state (or undefined if it has no target). */
function toEntry(o: Op, s: LedgerState, id: string, occurredAt = at): LedgerEntry | undefined {
  const base = { id, occurredAt, userId: pick(USERS, o.user) };
  const vials = [...s.vials.values()];
  switch (o.k) {
    case 'receive': {
      const lot = pick(LOTS, o.lot);
      return {
        ...base,
        type: 'receive',
        ndc: lot.ndc,
        lot: lot.lot,
        expiry: '2027-06-30',
        strengthUgPerMl: lot.strengthUgPerMl,
        containerVolumeUl: lot.containerVolumeUl,
        containers: o.n,
        supplier: { name: 'Example Wholesale', deaNumber: 'RX0000000' },
        orderReference: 'PO',
        location: pick(LOCATIONS, o.loc),
      };
    }
    case 'draw': {
      const lot = pick(LOTS, o.lot);
      return {
        ...base,
        type: 'draw',
        vialId: `v-${id}`,
        ndc: lot.ndc,
        lot: lot.lot,
        location: pick(LOCATIONS, o.loc),
        sessionId: `s${String(o.session % 3)}`,
        patientId: `p${String(o.session % 3)}`,
        clinicDate: '2026-11-25',
      };
    }
    case 'administer': {
      if (vials.length === 0) return undefined;
      const v = pick(vials, o.vial);
      return {
        ...base,
        type: 'administer',
        vialId: v.vialId,
        sessionId: v.sessionId,
        patientId: v.patientId,
        amountUg: o.amount,
      };
    }
    case 'waste':
    case 'waste-rest': {
      if (vials.length === 0) return undefined;
      const v = pick(vials, o.vial);
      const amount =
        o.k === 'waste' ? o.amount : Math.max(1, v.drawnUg - v.administeredUg - v.wastedUg);
      return {
        ...base,
        type: 'waste',
        vialId: v.vialId,
        amountUg: amount,
        witnessId: pick(USERS, o.witness),
      };
    }
    case 'return':
      return vials.length === 0
        ? undefined
        : { ...base, type: 'return', vialId: pick(vials, o.vial).vialId };
    case 'transfer': {
      const lot = pick(LOTS, o.lot);
      const from = pick(LOCATIONS, o.loc);
      const destination =
        o.to === 2
          ? { kind: 'registrant' as const, name: 'Reverse Distributor', deaNumber: 'RD0000000' }
          : { kind: 'location' as const, location: pick(LOCATIONS, o.loc + 1) };
      return {
        ...base,
        type: 'transfer',
        ndc: lot.ndc,
        lot: lot.lot,
        fromLocation: from,
        destination,
        containers: o.n,
      };
    }
    case 'destroy': {
      const lot = pick(LOTS, o.lot);
      return {
        ...base,
        type: 'destroy',
        ndc: lot.ndc,
        lot: lot.lot,
        location: pick(LOCATIONS, o.loc),
        containers: o.n,
        method: 'incineration',
        witnessIds: [pick(USERS, o.w1), pick(USERS, o.w2)],
      };
    }
    case 'count': {
      const lot = pick(LOTS, o.lot);
      const loc = pick(LOCATIONS, o.loc);
      const sealed = s.stock.get(stockKey(lot.ndc, lot.lot, loc))?.sealedContainers ?? 0;
      return {
        ...base,
        type: 'count',
        ndc: lot.ndc,
        lot: lot.lot,
        location: loc,
        countedContainers: Math.max(0, sealed + o.delta),
      };
    }
    case 'resolve': {
      const discs = [...s.discrepancies.values()];
      if (discs.length === 0) return undefined;
      return {
        ...base,
        type: 'resolve-discrepancy',
        countEntryId: pick(discs, o.disc).countEntryId,
        classification: pick(DISCREPANCY_CLASSIFICATIONS, o.cls),
        note: 'Reviewed with the pharmacist.',
      };
    }
    case 'correct':
      return s.entries.length === 0
        ? undefined
        : {
            ...base,
            type: 'correction',
            correctsEntryId: pick(s.entries, o.entry).id,
            reason: 'Entered in error.',
          };
  }
}

function checkInvariants(s: LedgerState): void {
  const standing = s.entries.filter((e) => e.type !== 'correction' && !s.corrected.has(e.id));
  // Independent totals per lot and location from the standing entries.
  const model = new Map<string, { received: number; administered: number; wasted: number }>();
  const at = (key: string) => model.get(key) ?? { received: 0, administered: 0, wasted: 0 };
  const vialLine = new Map<string, string>();
  for (const e of standing) {
    if (e.type === 'receive') {
      const key = stockKey(e.ndc, e.lot, e.location);
      const lot = LOTS.find((l) => l.lot === e.lot);
      model.set(key, {
        ...at(key),
        received: at(key).received + e.containers * (lot?.containerUg ?? Number.NaN),
      });
    }
    if (e.type === 'draw') vialLine.set(e.vialId, stockKey(e.ndc, e.lot, e.location));
    if (e.type === 'administer' || e.type === 'waste') {
      const key = vialLine.get(e.vialId) ?? 'missing';
      const m = at(key);
      model.set(
        key,
        e.type === 'administer'
          ? { ...m, administered: m.administered + e.amountUg }
          : { ...m, wasted: m.wasted + e.amountUg },
      );
    }
    if (e.type === 'waste')
      assert.notEqual(e.witnessId, e.userId, 'every waste is witnessed by a different user');
    if (e.type === 'destroy')
      assert.ok(
        !e.witnessIds.includes(e.userId) && e.witnessIds[0] !== e.witnessIds[1],
        'destruction has two other witnesses',
      );
  }
  assert.equal(
    model.has('missing'),
    false,
    'every administration or waste belongs to a drawn vial',
  );
  for (const v of s.vials.values()) {
    const used = v.administeredUg + v.wastedUg;
    assert.ok(
      used <= v.drawnUg && v.administeredUg >= 0 && v.wastedUg >= 0,
      `vial ${v.vialId} never below zero`,
    );
    if (v.status === 'closed')
      assert.equal(used, v.drawnUg, `closed vial ${v.vialId}: drawn = administered + wasted`);
    if (v.status === 'returned') assert.equal(used, 0, `returned vial ${v.vialId} untouched`);
  }
  for (const [key, line] of s.stock) {
    assert.ok(line.sealedContainers >= 0, `${key}: sealed containers never negative`);
    const onHand = onHandUg(s, line.ndc, line.lot, line.location);
    assert.ok(onHand >= 0, `${key}: on-hand never negative`);
    const expected =
      line.receivedUg -
      line.administeredUg -
      line.wastedUg -
      line.destroyedUg -
      line.lostUg -
      line.transferredOutUg +
      line.transferredInUg;
    assert.equal(
      onHand,
      expected,
      `${key}: on-hand = received − administered − wasted − destroyed − lost − out + in`,
    );
    const m = at(key);
    assert.deepEqual(
      [line.receivedUg, line.administeredUg, line.wastedUg],
      [m.received, m.administered, m.wasted],
      `${key}: totals match the standing entries`,
    );
  }
}

test('ledger property: 10,000 random sequences keep every balance non-negative and every invariant (seed 43)', () => {
  const accepted = new Map<string, number>();
  let refused = 0;
  fc.assert(
    fc.property(fc.array(op, { minLength: 10, maxLength: 30, size: 'max' }), (ops) => {
      let state = emptyLedger;
      for (const [i, o] of ops.entries()) {
        const entry = toEntry(o, state, `e${String(i)}`);
        if (entry === undefined) continue;
        const r = applyEntry(state, entry);
        if (r.ok) {
          // A recorded count discrepancy never disappears (no correction erases an incident).
          for (const id of state.discrepancies.keys())
            assert.ok(r.value.discrepancies.has(id), `discrepancy of ${id} still recorded`);
          state = r.value;
          accepted.set(entry.type, (accepted.get(entry.type) ?? 0) + 1);
        } else {
          refused++;
          assert.match(r.error.code, /^ledger\./, 'refusals carry a ledger code');
        }
        if (entry.type === 'waste' && entry.witnessId === entry.userId) {
          assert.equal(r.ok ? 'accepted' : r.error.code, 'ledger.self-witness');
        }
        checkInvariants(state);
      }
    }),
    { seed: 43, numRuns: 10_000 },
  );
  // The generator must exercise every entry type and the refusal path, or the property proves little.
  const summary = JSON.stringify({ ...Object.fromEntries(accepted), refused });
  for (const type of [
    'receive',
    'draw',
    'administer',
    'waste',
    'return',
    'transfer',
    'destroy',
    'count',
    'resolve-discrepancy',
    'correction',
  ]) {
    assert.ok((accepted.get(type) ?? 0) >= 100, `${type} accepted at least 100 times: ${summary}`);
  }
  assert.ok(refused >= 1000, `refusals exercised: ${summary}`);
});

/** Reference replay: the persistent step, entry by entry; stops at the first refusal. */
function referenceReplay(entries: readonly LedgerEntry[]): {
  state: LedgerState;
  refusedAt: number | null;
  code: string | null;
} {
  let state = emptyLedger;
  for (const [i, entry] of entries.entries()) {
    const r = applyEntry(state, entry);
    if (!r.ok) return { state, refusedAt: i, code: r.error.code };
    state = r.value;
  }
  return { state, refusedAt: null, code: null };
}

/** A random history: the accepted entries in order, and every attempted entry (refused ones too). */
const history = fc.array(op, { minLength: 5, maxLength: 80 }).map((ops) => {
  let state = emptyLedger;
  const accepted: LedgerEntry[] = [];
  const attempted: LedgerEntry[] = [];
  for (const [i, o] of ops.entries()) {
    const entry = toEntry(o, state, `e${String(i)}`);
    if (entry === undefined) continue;
    attempted.push(entry);
    const r = applyEntry(state, entry);
    if (r.ok) {
      state = r.value;
      accepted.push(entry);
    }
  }
  return { accepted, attempted };
});

/** Comparable form of a state (Maps and Sets as sorted arrays). */
const snapshot = (s: LedgerState) => ({
  lots: [...s.lots].sort(),
  stock: [...s.stock].sort(),
  vials: [...s.vials].sort(),
  discrepancies: [...s.discrepancies].sort(),
  entries: s.entries.map((e) => e.id),
  corrected: [...s.corrected].sort(),
});

test('property: the fast replay of accepted entries equals the reference replay (seed 47)', () => {
  let corrections = 0;
  fc.assert(
    fc.property(history, fc.nat(), ({ accepted }, cut) => {
      const reference = referenceReplay(accepted);
      assert.equal(reference.refusedAt, null, 'accepted entries replay cleanly by reference');
      const fast = applyEntries(emptyLedger, accepted);
      assert.ok(fast.ok, fast.ok ? '' : fast.error.message);
      assert.deepEqual(snapshot(fast.value), snapshot(reference.state));
      // From a non-empty ledger: the prefix first, then the rest; the prefix state stays as it was.
      const k = accepted.length === 0 ? 0 : cut % accepted.length;
      const prefix = applyEntries(emptyLedger, accepted.slice(0, k));
      assert.ok(prefix.ok, 'the prefix replays');
      const before = snapshot(prefix.value);
      const rest = applyEntries(prefix.value, accepted.slice(k));
      assert.ok(rest.ok, 'the rest replays on top of the prefix');
      assert.deepEqual(snapshot(rest.value), snapshot(reference.state));
      assert.deepEqual(snapshot(prefix.value), before, 'the state passed in is never changed');
      corrections += accepted.filter((e) => e.type === 'correction').length;
    }),
    { seed: 47, numRuns: 2_000 },
  );
  assert.ok(corrections >= 200, `corrections exercised (${String(corrections)})`);
});

test('property: on the attempted entries both replays refuse the same entry with the same code', () => {
  let refusals = 0;
  fc.assert(
    fc.property(history, ({ attempted }) => {
      const reference = referenceReplay(attempted);
      const fast = applyEntries(emptyLedger, attempted);
      if (reference.refusedAt === null) {
        assert.ok(fast.ok, 'both accept');
        assert.deepEqual(snapshot(fast.value), snapshot(reference.state));
        return;
      }
      refusals += 1;
      assert.ok(!fast.ok, 'the fast replay refuses too');
      assert.equal(fast.error.code, reference.code);
      assert.equal(fast.error.index, reference.refusedAt);
      assert.match(
        fast.error.field ?? '',
        new RegExp(`^entries\\[${String(reference.refusedAt)}\\]\\.`),
      );
    }),
    { seed: 48, numRuns: 2_000 },
  );
  assert.ok(refusals >= 200, `refusals exercised (${String(refusals)})`);
});

/** Instants a dated history draws from: an hour apart, so back-dating is common. */
const INSTANTS = [0, 1, 2, 3, 4, 5].map((h) => `2026-11-25T1${String(h)}:00:00Z`);

/** A history whose entries are dated at random instants: recorded in order, dated in any order. */
const datedHistory = fc
  .array(fc.tuple(op, fc.nat({ max: INSTANTS.length - 1 })), {
    minLength: 10,
    maxLength: 40,
    size: 'max',
  })
  .map((ops) => {
    let state = emptyLedger;
    for (const [i, [o, h]] of ops.entries()) {
      const entry = toEntry(o, state, `e${String(i)}`, INSTANTS[h]);
      if (entry === undefined) continue;
      const r = applyEntry(state, entry);
      if (r.ok) state = r.value;
    }
    return state;
  });

/** The lot and location an entry takes sealed containers from or counts at, if any. */
function takesFrom(e: LedgerEntry): string | undefined {
  if (e.type === 'draw' || e.type === 'destroy' || e.type === 'count')
    return stockKey(e.ndc, e.lot, e.location);
  if (e.type === 'transfer') return stockKey(e.ndc, e.lot, e.fromLocation);
  return undefined;
}
/** The lot and location an entry brings containers to (a receipt or a transfer in), if any. */
function bringsTo(e: LedgerEntry): string | undefined {
  if (e.type === 'receive') return stockKey(e.ndc, e.lot, e.location);
  if (e.type === 'transfer' && e.destination.kind === 'location')
    return stockKey(e.ndc, e.lot, e.destination.location);
  return undefined;
}
/** Entries of `entries` that stand (no correction among them reverses them), corrections left out. */
function standing(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const reversed = new Set(
    entries.flatMap((e) => (e.type === 'correction' ? [e.correctsEntryId] : [])),
  );
  return entries.filter((e) => e.type !== 'correction' && !reversed.has(e.id));
}

/**
 * Whether a standing entry is dated before the first standing arrival of its lot at its location
 * recorded before it (recomputed from the entries, independently of the book).
 */
function beforeArrival(entries: readonly LedgerEntry[]): LedgerEntry | undefined {
  const stand = standing(entries);
  return stand.find((e, i) => {
    const line = takesFrom(e);
    if (line === undefined) return false;
    const arrivals = stand.slice(0, i).filter((a) => bringsTo(a) === line);
    return arrivals.length > 0 && arrivals.every((a) => a.occurredAt > e.occurredAt);
  });
}

test('property: every inventory as of any instant folds and finds the ledger’s count discrepancies; no entry stands before its lot reached its location (seed 49)', () => {
  let backDated = 0;
  let folds = 0;
  let countsChecked = 0;
  let corrected = 0;
  // Standing entries recorded after a correction and dated before it: the case inventories once
  // refused (they folded the corrected entry until the correction's own date).
  let datedBeforeCorrection = 0;
  fc.assert(
    fc.property(datedHistory, (s) => {
      const late = beforeArrival(s.entries);
      assert.equal(late, undefined, `${late?.id ?? ''} is dated before its lot arrived`);
      const stand = standing(s.entries);
      for (const cutoff of [...INSTANTS.slice(1), '2026-11-26T00:00:00Z']) {
        // A correction reverses its entry at every date, whatever its own date (ledger-as-of.ts).
        const before = stand.filter((e) => e.occurredAt < cutoff);
        const folded = applyEntries(emptyLedger, before);
        assert.ok(
          folded.ok,
          folded.ok
            ? ''
            : `as of ${cutoff}: ${before[folded.error.index]?.id ?? ''} refused (${folded.error.code}: ${folded.error.message})`,
        );
        const asOf = ledgerAsOf(s.entries, Date.parse(cutoff));
        assert.ok(asOf.ok, 'the inventory fold agrees');
        assert.deepEqual(snapshot(asOf.value), snapshot(folded.value));
        folds += 1;
        // Every count dated before the cutoff expected, as of its own date, what the ledger says.
        for (const c of before) {
          if (c.type !== 'count') continue;
          assert.equal(
            folded.value.discrepancies.get(c.id)?.expectedContainers,
            s.discrepancies.get(c.id)?.expectedContainers,
            `as of ${cutoff}: count ${c.id} expects what the ledger found`,
          );
          countsChecked += 1;
        }
      }
      corrected += s.corrected.size;
      datedBeforeCorrection += stand.filter((e) => {
        const i = s.entries.indexOf(e);
        return s.entries
          .slice(0, i)
          .some((c) => c.type === 'correction' && c.occurredAt > e.occurredAt);
      }).length;
      backDated += s.entries.filter((e, i) =>
        s.entries.slice(0, i).some((p) => p.occurredAt > e.occurredAt),
      ).length;
    }),
    { seed: 49, numRuns: 1_000 },
  );
  const summary = JSON.stringify({
    backDated,
    folds,
    countsChecked,
    corrected,
    datedBeforeCorrection,
  });
  assert.ok(backDated >= 2_000, `back-dated entries exercised: ${summary}`);
  assert.ok(countsChecked >= 1_000, `counts compared as of each date: ${summary}`);
  assert.ok(corrected >= 200, `corrected entries left out of inventories: ${summary}`);
  assert.ok(datedBeforeCorrection >= 200, `entries dated before a correction: ${summary}`);
});
