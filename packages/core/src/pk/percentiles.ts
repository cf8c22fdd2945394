/**
 * Percentiles of a sample without a full sort: quickselect (Hoare partition, median of three)
 * with linear interpolation between order statistics (Hyndman & Fan type 7, the R and NumPy
 * default). Used per output time across a virtual population.
 */

function selectInPlace(a: Float64Array, k: number, left: number, right: number): void {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot
    const x = a[lo] ?? 0,
      y = a[mid] ?? 0,
      z = a[hi] ?? 0;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] ?? 0) < pivot) i++;
      while ((a[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = a[i] ?? 0;
        a[i] = a[j] ?? 0;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Type-7 percentiles of `values` (reordered in place).
 * @param percentiles ascending, each in [0, 100]
 */
export function percentilesInPlace(values: Float64Array, percentiles: readonly number[]): number[] {
  const n = values.length;
  const out: number[] = [];
  let from = 0;
  for (const p of percentiles) {
    const h = ((n - 1) * p) / 100;
    const k = Math.floor(h);
    selectInPlace(values, k, from, n - 1);
    const lower = values[k] ?? NaN;
    let upper = lower;
    if (h > k) {
      // the (k+1)-th order statistic is the minimum of the right part
      upper = Infinity;
      for (let i = k + 1; i < n; i++)
        if ((values[i] ?? Infinity) < upper) upper = values[i] ?? Infinity;
    }
    out.push(lower + (h - k) * (upper - lower));
    from = k;
  }
  return out;
}
