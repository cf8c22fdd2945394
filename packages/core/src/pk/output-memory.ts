/**
 * Reusable memory for the engine's output series. Large fresh typed arrays cost page faults and
 * garbage collection on every call, often more than the simulation itself (bench/README.md, PK-1
 * and PK-3); a caller that runs many simulations (a server, a benchmark) keeps one OutputMemory
 * and passes it in. Each run overwrites it, so series from an earlier run with the same memory are
 * no longer valid. Results never depend on it: the kernel writes every element it hands out.
 */

export interface OutputMemory {
  buffer: Float64Array;
}

export const createOutputMemory = (): OutputMemory => ({ buffer: new Float64Array(0) });

/**
 * `count` series of `length` doubles each, as views on one buffer: the memory's (grown when too
 * small) or, without memory, a fresh one (a single allocation either way).
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
  }
  const out: Float64Array[] = [];
  for (let i = 0; i < count; i++) out.push(buffer.subarray(i * length, (i + 1) * length));
  return out;
}
