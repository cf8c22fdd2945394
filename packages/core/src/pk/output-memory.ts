/**
 * Reusable memory for the engine's output series. Large fresh typed arrays cost page faults and
 * garbage collection on every call, often more than the simulation itself (bench/README.md, PK-1
 * and PK-3); a caller that runs many simulations (a server, a benchmark) keeps one OutputMemory
 * and passes it in. Each run overwrites it, so series from an earlier run with the same memory are
 * no longer valid. Results never depend on it: every element handed out is written by the run,
 * except a time axis the memory provably still holds from the previous run (see below).
 *
 * The memory belongs to the caller, but the series are views into it: they are read-only for the
 * caller. `simulate` keeps the time axis (0, h, 2h, ...) at the start of the buffer and records
 * its step and length, so a run on the same grid does not write 0, h, 2h, ... again (for a 1-s
 * grid over 4 h that is a fifth of the call). Any other use of the memory forgets the record.
 */
import { outputCount, outputTimesInto, type OutputGrid } from './dosing-plan.ts';

export interface OutputMemory {
  buffer: Float64Array;
  /** Step (min) of the time axis held at buffer[0 .. axisLength); NaN when none is held. */
  axisStepMin: number;
  /** Length of that time axis; 0 when none is held. */
  axisLength: number;
  /** The buffer the record refers to (a grown buffer holds no axis). */
  axisBuffer: Float64Array | null;
}

export const createOutputMemory = (): OutputMemory => ({
  buffer: new Float64Array(0),
  axisStepMin: Number.NaN,
  axisLength: 0,
  axisBuffer: null,
});

/**
 * `count` series of `length` doubles each, as views on one buffer: the memory's (grown when too
 * small) or, without memory, a fresh one (a single allocation either way). The caller overwrites
 * them, so the memory forgets any time axis it held.
 */
export function seriesMemory(
  memory: OutputMemory | undefined,
  count: number,
  length: number,
): Float64Array[] {
  const size = count * length;
  let buffer: Float64Array;
  if (memory === undefined) buffer = new Float64Array(size);
  else {
    if (memory.buffer.length < size) memory.buffer = new Float64Array(size);
    buffer = memory.buffer;
    memory.axisBuffer = null;
  }
  const out: Float64Array[] = [];
  for (let i = 0; i < count; i++) out.push(buffer.subarray(i * length, (i + 1) * length));
  return out;
}

/**
 * Like `seriesMemory` with `outputCount(grid)` values per series, but series 0 is the grid's time
 * axis, written only when the memory does not already hold exactly this axis; the other series
 * are the caller's to overwrite.
 */
export function seriesWithTimeAxis(
  memory: OutputMemory | undefined,
  count: number,
  grid: OutputGrid,
): Float64Array[] {
  const length = outputCount(grid);
  const held =
    memory !== undefined &&
    memory.axisBuffer === memory.buffer &&
    memory.axisStepMin === grid.stepMin &&
    memory.axisLength === length;
  const before = memory?.buffer;
  const out = seriesMemory(memory, count, length);
  const times = out[0];
  // A grown buffer is new memory: the record only counts for the buffer it was made on.
  if (times !== undefined && !(held && memory.buffer === before)) outputTimesInto(grid, times);
  if (memory !== undefined) {
    memory.axisBuffer = memory.buffer;
    memory.axisStepMin = grid.stepMin;
    memory.axisLength = length;
  }
  return out;
}
