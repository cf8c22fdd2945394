/**
 * Ledger replay benchmark (safety-security.md T-47: a Schedule III report over ≥ 50,000 entries in
 * < 60 s). Core's fast replay `applyEntries` (one working copy, O(n)) against the reference fold of
 * the persistent one-entry step `applyEntry` (O(n²)), on the same synthetic ledger in the same
 * process, interleaved, medians of 5 after a warm-up. The reference is only run up to 5,000 entries
 * (it grows quadratically). Both must produce the same stock before anything is timed.
 * Run: node --import tsx bench/ledger.ts [entries …]   (default 2,000 5,000 50,000 100,000)
 */
import { cpus, loadavg } from 'node:os';
import {
  applyEntries,
  applyEntry,
  emptyLedger,
  type LedgerEntry,
  type LedgerState,
} from '@ketaflow/core';

const LOT = {
  ndc: '00000-0000-01',
  lot: 'BENCH1',
  strengthUgPerMl: 50_000,
  containerVolumeUl: 10_000,
};
const USERS = ['nurse-a', 'nurse-b'] as const;

/**
 * `count` entries of a busy clinic: 100 containers received at a time, then per session a draw,
 * an administration of 98 mg and the witnessed waste of the rest (Schwartzman 2009 session dose).
 */
function syntheticLedger(count: number): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  let sealed = 0;
  for (let i = 0; entries.length < count; i += 1) {
    const base = { occurredAt: '2026-11-25T14:00:00Z', userId: USERS[i % 2] ?? 'nurse-a' };
    if (sealed === 0) {
      entries.push({
        ...base,
        id: `r${String(i)}`,
        type: 'receive',
        ...LOT,
        expiry: '2030-12-31',
        containers: 100,
        supplier: { name: 'Example Wholesale', deaNumber: 'RX0000000' },
        orderReference: `PO-${String(i)}`,
        location: 'safe-a',
      });
      sealed = 100;
    }
    const vialId = `v${String(i)}`;
    const session = { sessionId: `s${String(i)}`, patientId: `p${String(i % 500)}` };
    entries.push(
      {
        ...base,
        id: `d${String(i)}`,
        type: 'draw',
        vialId,
        ndc: LOT.ndc,
        lot: LOT.lot,
        location: 'safe-a',
        ...session,
        clinicDate: '2026-11-25',
      },
      { ...base, id: `a${String(i)}`, type: 'administer', vialId, ...session, amountUg: 98_000 },
      {
        ...base,
        id: `w${String(i)}`,
        type: 'waste',
        vialId,
        amountUg: 402_000,
        witnessId: USERS[(i + 1) % 2] ?? 'nurse-b',
      },
    );
    sealed -= 1;
  }
  return entries.slice(0, count);
}

function fast(entries: readonly LedgerEntry[]): LedgerState {
  const r = applyEntries(emptyLedger, entries);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function reference(entries: readonly LedgerEntry[]): LedgerState {
  let state = emptyLedger;
  for (const entry of entries) {
    const r = applyEntry(state, entry);
    if (!r.ok) throw new Error(r.error.message);
    state = r.value;
  }
  return state;
}

const time = (work: () => unknown): number => {
  const start = performance.now();
  work();
  return performance.now() - start;
};
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const stockOf = (s: LedgerState): string => JSON.stringify([...s.stock.values()]);

const rows: string[] = [];
const started = performance.now();
const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length > 0 ? sizes : [2_000, 5_000, 50_000, 100_000]) {
  const entries = syntheticLedger(n);
  const withReference = n <= 5_000;
  if (withReference && stockOf(fast(entries)) !== stockOf(reference(entries))) {
    throw new Error(`fast and reference replays differ at ${String(n)} entries`);
  }
  fast(entries);
  const fastMs: number[] = [];
  const refMs: number[] = [];
  for (let rep = 0; rep < 5; rep += 1) {
    fastMs.push(time(() => fast(entries)));
    if (withReference) refMs.push(time(() => reference(entries)));
  }
  const f = median(fastMs);
  const r = withReference ? median(refMs) : Number.NaN;
  rows.push(
    `| ${n.toLocaleString('en-US')} | ${f.toFixed(1)} | ${withReference ? r.toFixed(0) : 'not run'} | ${withReference ? `${(r / f).toFixed(0)}×` : ''} |`,
  );
}
console.log(
  `Ledger replay (Node ${process.version}, ${String(cpus().length)} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end, ${String(Math.round((performance.now() - started) / 1000))} s)\n`,
);
console.log('| entries | applyEntries median ms | applyEntry fold median ms | reference / fast |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(row);
