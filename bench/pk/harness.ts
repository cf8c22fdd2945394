/**
 * Timing harness of the PK benchmarks: interleaved A/B windows after a warm-up, medians of ms per
 * call, and the result table. Ratios (anchor / engine, same run) are the gate; absolute times are
 * only reported because the shared 2-core machine moves them by large factors between runs.
 */

const now = (): number => Number(process.hrtime.bigint()) / 1e6; // ms

/** Keeps results alive so V8 cannot drop the work. */
export const keep = { sink: 0 };

/** Runs fn repeatedly for at least minMs; returns ms per call. */
function timeOnce(fn: () => void, minMs: number): number {
  let calls = 0;
  const start = now();
  let elapsed: number;
  do {
    fn();
    calls++;
    elapsed = now() - start;
  } while (elapsed < minMs);
  return elapsed / calls;
}

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * Interleaved A/B: warm-up, then 11 x (A, B) in short windows; medians of ms per call. Many short
 * alternating windows keep the ratio stable when other processes share the two cores.
 */
export function compare(a: () => void, b: () => void, minMs = 60): { a: number; b: number } {
  timeOnce(a, 300);
  timeOnce(b, 300);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < 11; r++) {
    ta.push(timeOnce(a, minMs));
    tb.push(timeOnce(b, minMs));
  }
  return { a: median(ta), b: median(tb) };
}

export const fmt = (ms: number): string =>
  ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;

/** Rows of the result table, in the order the benchmarks ran. */
export const rows: string[] = [];

/** Adds a row whose ratio is anchor time / engine time (higher is better). */
export function report(
  id: string,
  what: string,
  engineMs: number,
  anchorName: string,
  anchorMs: number,
  extra: string,
  goal: string,
): void {
  const ratio = anchorMs / engineMs;
  rows.push(
    `| ${id} | ${what} | ${fmt(engineMs)} | ${anchorName} ${fmt(anchorMs)} | **${ratio.toFixed(2)}x** | ${goal} | ${extra} |`,
  );
}

/** Largest relative difference of a against b over indices from..to-1 (b the reference). */
export function maxRelDiff(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  from: number,
  to: number,
): number {
  let worst = 0;
  for (let i = from; i < to; i++) {
    const ref = b[i] ?? NaN;
    if (ref !== 0) worst = Math.max(worst, Math.abs((a[i] ?? NaN) / ref - 1));
  }
  return worst;
}
