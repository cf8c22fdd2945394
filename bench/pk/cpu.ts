/**
 * CPU time per call of PK-1 and PK-2 (`process.cpuUsage`, interleaved): on the shared 2-core
 * machine a wall-clock window also counts the time this process was descheduled, CPU time does
 * not, so these figures show where the time goes when the ratios of bench/pk.ts are noisy.
 * Rows: the anchor, `simulate` with OutputMemory (time axis held), the same with the axis written
 * again, and the engine's kernel alone on preallocated buffers.
 * Run: node --import tsx bench/pk/cpu.ts
 */
import { createOutputMemory, resolvePkModel, simulate, type SimulateInput } from '@ketaflow/core';
import { compilePlan } from '../../packages/core/src/pk/dosing-plan.ts';
import { stateSpace, zohStep } from '../../packages/core/src/pk/dense-reference.ts';
import { individualParameters } from '../../packages/core/src/pk/individual-parameters.ts';
import { buildModalModel, type ModalModel } from '../../packages/core/src/pk/modes.ts';
import { propagate } from '../../packages/core/src/pk/propagate.ts';
import { bareCpCe, dense4 } from './anchors.ts';
import { keep } from './harness.ts';
import { adult, dominoModal, H_1S, input1s, planRates } from './rows.ts';

const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** µs of CPU per call, over batches of 20 calls for at least `ms` of CPU. */
function cpuPerCall(fn: () => void, ms: number): number {
  let calls = 0;
  const start = cpuUs();
  do {
    for (let i = 0; i < 20; i++) fn();
    calls += 20;
  } while (cpuUs() - start < ms * 1000);
  return (cpuUs() - start) / calls;
}

function kernelOnly(modal: ModalModel, input: SimulateInput): () => void {
  const plan = compilePlan(input, input);
  const n = plan.outputCount;
  const sinks = {
    plasma: new Float64Array(n),
    effect: modal.effect ? new Float64Array(n) : null,
    metabolite: modal.metabolite ? new Float64Array(n) : null,
    offset: 0,
  };
  return () => {
    propagate(modal, plan, sinks);
  };
}

function measure(id: string, anchor: () => void, modal: ModalModel, input: SimulateInput): void {
  const memory = createOutputMemory();
  const fns: Record<string, () => void> = {
    anchor,
    'simulate, memory (axis held)': () => {
      const r = simulate(input, memory);
      if (r.ok) keep.sink += r.value.plasmaNgPerMl[1] ?? 0;
    },
    'simulate, memory (axis written)': () => {
      memory.axisBuffer = null;
      const r = simulate(input, memory);
      if (r.ok) keep.sink += r.value.plasmaNgPerMl[1] ?? 0;
    },
    'kernel alone': kernelOnly(modal, input),
  };
  for (const fn of Object.values(fns)) cpuPerCall(fn, 300);
  const runs: Record<string, number[]> = {};
  for (let r = 0; r < 11; r++)
    for (const [name, fn] of Object.entries(fns)) (runs[name] ??= []).push(cpuPerCall(fn, 80));
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
  const anchorUs = median(runs['anchor'] ?? []);
  for (const [name, xs] of Object.entries(runs))
    console.log(
      `| ${id} | ${name} | ${median(xs).toFixed(1)} µs | ${(anchorUs / median(xs)).toFixed(2)}x |`,
    );
}

console.log('| ID | call | CPU per call (median of 11) | anchor/call |\n|---|---|---|---|');
const domino = dominoModal();
measure('PK-1', bareCpCe(domino.modal, planRates(H_1S), H_1S).run, domino.modal, input1s);
const flint = { id: 's-ketamine-flint-2017', version: '1.0.0' };
const resolved = resolvePkModel(flint);
if (!resolved.ok) throw new Error(resolved.error.message);
const params = individualParameters(resolved.value.model.data, adult);
const ss = stateSpace(params);
const { phi, gamma } = zohStep(ss, H_1S);
const flintModal = buildModalModel(params);
if (!flintModal.ok) throw new Error(flintModal.error.message);
const dense = dense4(phi, gamma, ss.plasmaScale, ss.metaboliteScale, planRates(H_1S)).run;
measure('PK-2', dense, flintModal.value, { ...input1s, model: flint });
