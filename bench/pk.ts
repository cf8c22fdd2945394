/**
 * PK benchmarks (performance reference section 6, PK-1 ... PK-6): each workload against an anchor
 * in the same process, interleaved (ABAB ...), 11 repetitions after a warm-up, medians and ratios
 * printed as a Markdown table. Ratios are the gate, absolute times are only reported.
 * Run: node --import tsx bench/pk.ts [PK-1 PK-3 ...]   (no arguments: every row)
 */
import { cpus, loadavg } from 'node:os';
import { pk1, pk2, pk3, pk5, pk6 } from './pk/rows.ts';
import { keep, rows } from './pk/harness.ts';

const benches: Readonly<Record<string, () => void>> = {
  'PK-1': pk1, // with PK-1b
  'PK-2': pk2,
  'PK-3': pk3, // with PK-3 (full) and PK-4
  'PK-5': pk5,
  'PK-6': pk6,
};
const wanted = process.argv.slice(2);
const started = performance.now();
for (const [id, run] of Object.entries(benches))
  if (wanted.length === 0 || wanted.includes(id)) run();
console.log(
  `PK benchmarks (Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end, ${Math.round((performance.now() - started) / 1000)} s)\n`,
);
console.log('| ID | Workload | Engine (median) | Anchor (median) | Anchor/engine | Goal | Notes |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
if (keep.sink === 42) console.log('');
