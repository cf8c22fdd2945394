/**
 * Correctness gates of the PK benchmarks: a row stops the run before timing when the engine and
 * its anchor disagree, or when a run on reused OutputMemory (time axis held from the previous
 * run) differs in any bit from a fresh call, so a fast wrong answer is never timed.
 */
import { simulate, type OutputMemory, type SimulateInput } from '@ketaflow/core';

/** Throws unless the engine matches its anchor (timing of a wrong answer is never reported). */
export function gate(id: string, worst: number, limit: number): void {
  if (!(worst <= limit))
    throw new Error(`${id}: engine and anchor differ by ${worst} (> ${limit})`);
}

export function simulateOk(input: SimulateInput, memory?: OutputMemory) {
  const r = simulate(input, memory);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Throws unless a second run on the memory (time axis held) gives exactly the fresh call's series. */
export function gateMemory(id: string, input: SimulateInput, memory: OutputMemory): void {
  simulateOk(input, memory);
  const reused = simulateOk(input, memory);
  const fresh = simulateOk(input);
  for (const key of ['timesMin', 'plasmaNgPerMl', 'effectNgPerMl', 'metaboliteNgPerMl'] as const) {
    const a = reused[key];
    const b = fresh[key];
    if ((a === null) !== (b === null) || (a && b && a.some((v, i) => v !== b[i])))
      throw new Error(`${id}: ${key} with reused memory differs from a fresh call`);
  }
}
