/**
 * The PK benchmark rows (performance reference section 6, PK-1 ... PK-6): each builds the engine
 * call and its anchor on the shared workload (section 3: Domino 1982 at 70 kg, 0.5 mg/kg/h for
 * 0-60 min then 1 mg/kg/h to 240 min), checks that both give the same numbers, and only then times
 * them interleaved.
 */
import {
  simulate,
  targetControlledInfusion,
  simulatePopulation,
  createOutputMemory,
  createRng,
  resolvePkModel,
  type OutputMemory,
  type SimulateInput,
  type SimulateOutput,
} from '@ketaflow/core';
import { simulatePopulationMatrix } from '../../packages/core/src/pk/population.ts';
import {
  individualParameters,
  microConstants,
} from '../../packages/core/src/pk/individual-parameters.ts';
import { buildModalModel } from '../../packages/core/src/pk/modes.ts';
import { stateSpace, zohStep } from '../../packages/core/src/pk/dense-reference.ts';
import { virtualPatientSetup } from '../../packages/core/src/pk/population.ts';
import {
  bareCpCe,
  barePlasmaTci,
  barePopulation,
  dense4,
  rk4,
  setupMicroAnchor,
} from './anchors.ts';
import { compare, fmt, keep, maxRelDiff, report, rows } from './harness.ts';
import { gate, gateMemory, simulateOk } from './gates.ts';

export const adult = { weightKg: 70, heightCm: 175, ageYears: 40, sex: 'male' as const };
const plan = [
  { startMin: 0, durationMin: 60, rateMgPerH: 0.5 * 70 },
  { startMin: 60, durationMin: 180, rateMgPerH: 1.0 * 70 },
];
const domino = { id: 'ketamine-domino-1982', version: '1.0.0' };
export const H_1S = 1 / 60;
export const input1s: SimulateInput = {
  model: domino,
  patient: adult,
  boluses: [],
  infusions: plan,
  untilMin: 240,
  stepMin: H_1S,
};
const STEPS_1S = 240 * 60;

/** The plan's rate (mg/min) over each step of length h from 0 to 240 min. */
export function planRates(h: number): Float64Array {
  const steps = Math.round(240 / h);
  const rate = new Float64Array(steps + 1);
  for (let i = 0; i <= steps; i++) rate[i] = i * h < 60 ? 35 / 60 : 70 / 60;
  return rate;
}

export function dominoModal() {
  const m = resolvePkModel(domino);
  if (!m.ok) throw new Error(m.error.message);
  const p = individualParameters(m.value.model.data, adult);
  const modal = buildModalModel(p);
  if (!modal.ok) throw new Error(modal.error.message);
  return { p, modal: modal.value };
}

/**
 * The engine call on a memory whose time-axis record is dropped first, so `simulate` writes the
 * axis again, as on the first call on a grid (the gate rows run on a memory that holds it).
 */
function axisWritten(
  input: SimulateInput,
  memory: OutputMemory,
  read: (o: SimulateOutput) => number,
) {
  return (): void => {
    memory.axisBuffer = null;
    const r = simulate(input, memory);
    if (r.ok) keep.sink += read(r.value);
  };
}

/** PK-1 (public API vs bare A2 kernel) and PK-1b (vs RK4 at h = 1 s). */
export function pk1(): void {
  const { p, modal } = dominoModal();
  const rate = planRates(H_1S);
  const bare = bareCpCe(modal, rate, H_1S);
  // The anchor reuses its buffers; so does the engine (OutputMemory). The fresh row shows a call without it.
  const memory = createOutputMemory();
  const api = (): void => {
    const r = simulate(input1s, memory);
    if (r.ok) keep.sink += r.value.plasmaNgPerMl[STEPS_1S]!;
  };
  const fresh = (): void => {
    const r = simulate(input1s);
    if (r.ok) keep.sink += r.value.plasmaNgPerMl[STEPS_1S]!;
  };
  bare.run();
  const out = simulateOk(input1s);
  const worst = Math.max(
    maxRelDiff(out.plasmaNgPerMl, bare.cp, 60, STEPS_1S + 1),
    maxRelDiff(out.effectNgPerMl!, bare.ce, 60, STEPS_1S + 1),
  );
  gate('PK-1', worst, 1e-9);
  gateMemory('PK-1', input1s, memory);
  const t = compare(api, bare.run);
  report(
    'PK-1',
    'Domino 4 h, Cp+Ce at 1-s grid, `simulate()`',
    t.a,
    'bare A2 kernel',
    t.b,
    `${((t.a * 1e6) / STEPS_1S).toFixed(2)} ns/step; max rel diff vs bare ${worst.toExponential(1)}`,
    '≥ 0.7x',
  );
  const tf = compare(fresh, bare.run);
  report(
    'PK-1 (fresh)',
    'same, without OutputMemory (fresh output arrays per call)',
    tf.a,
    'bare A2 kernel',
    tf.b,
    'allocation of 3 x 14,401 doubles included',
    'reported',
  );
  const tw = compare(
    axisWritten(input1s, memory, (o) => o.plasmaNgPerMl[STEPS_1S]!),
    bare.run,
  );
  report(
    'PK-1 (axis written)',
    'same with OutputMemory, time axis written again (first call on a grid)',
    tw.a,
    'bare A2 kernel',
    tw.b,
    '14,401 times written (the anchor writes none)',
    'reported',
  );

  const mc = microConstants(p.parent);
  const [m2, m3] = mc.peripherals;
  if (!m2 || !m3 || p.ke0PerMin === null) throw new Error('Domino is 3-compartment with ke0');
  const k = {
    k10: mc.k10PerMin,
    k12: m2.k1pPerMin,
    k21: m2.kp1PerMin,
    k13: m3.k1pPerMin,
    k31: m3.kp1PerMin,
    v1: mc.v1L,
    ke0: p.ke0PerMin,
  };
  const rk = rk4(k, rate, H_1S);
  rk.run();
  const rkErr = maxRelDiff(rk.cp, out.plasmaNgPerMl, 60, STEPS_1S + 1);
  const t2 = compare(api, rk.run);
  report(
    'PK-1b',
    'same session',
    t2.a,
    'RK4 h = 1 s',
    t2.b,
    `engine exact; RK4 max rel error ${rkErr.toExponential(1)}`,
    '≥ 5x',
  );
}

/** PK-2: S-ketamine + S-norketamine + effect site (Flint) vs the dense hand-unrolled ZOH step. */
export function pk2(): void {
  const flint = { id: 's-ketamine-flint-2017', version: '1.0.0' };
  const m = resolvePkModel(flint);
  if (!m.ok) throw new Error(m.error.message);
  const ss = stateSpace(individualParameters(m.value.model.data, adult)); // A1, A2, Ce, M
  const { phi, gamma } = zohStep(ss, H_1S);
  if (phi.length !== 4) throw new Error('expected a 4-state Flint system');
  const dense = dense4(phi, gamma, ss.plasmaScale, ss.metaboliteScale, planRates(H_1S));
  const input = { ...input1s, model: flint };
  const memory = createOutputMemory();
  const api = (): void => {
    const r = simulate(input, memory);
    if (r.ok) keep.sink += r.value.metaboliteNgPerMl![STEPS_1S]!;
  };
  const fresh = (): void => {
    const r = simulate(input);
    if (r.ok) keep.sink += r.value.metaboliteNgPerMl![STEPS_1S]!;
  };
  dense.run();
  const out = simulateOk(input);
  const worst = Math.max(
    maxRelDiff(out.plasmaNgPerMl, dense.plasma, 60, STEPS_1S + 1),
    maxRelDiff(out.effectNgPerMl!, dense.effect, 60, STEPS_1S + 1),
    maxRelDiff(out.metaboliteNgPerMl!, dense.metabolite, 60, STEPS_1S + 1),
  );
  gate('PK-2', worst, 1e-9);
  gateMemory('PK-2', input, memory);
  const t = compare(api, dense.run);
  report(
    'PK-2',
    'Flint S-ket + S-norket + Ce, 4 h at 1 s, `simulate()`',
    t.a,
    'dense 4x4 ZOH unrolled',
    t.b,
    `max rel diff vs dense ${worst.toExponential(1)}`,
    '≥ 0.7x',
  );
  const tf = compare(fresh, dense.run);
  report(
    'PK-2 (fresh)',
    'same, without OutputMemory',
    tf.a,
    'dense 4x4 ZOH unrolled',
    tf.b,
    'allocation of 4 x 14,401 doubles included',
    'reported',
  );
  const tw = compare(
    axisWritten(input, memory, (o) => o.metaboliteNgPerMl![STEPS_1S]!),
    dense.run,
  );
  report(
    'PK-2 (axis written)',
    'same with OutputMemory, time axis written again (first call on a grid)',
    tw.a,
    'dense 4x4 ZOH unrolled',
    tw.b,
    '14,401 times written (the anchor writes none)',
    'reported',
  );
}

/** PK-3 (population matrix and full summary) and PK-4 (per-patient setup): Herd 2007, 10,000 patients. */
export function pk3(): void {
  const herd = resolvePkModel({ id: 'ketamine-herd-2007' });
  if (!herd.ok) throw new Error(herd.error.message);
  const data = herd.value.model.data;
  const N = 10_000;
  const T = 241;
  const popPlan = { boluses: [], infusions: plan };
  const grid = { untilMin: 240, stepMin: 1 };
  const memory = createOutputMemory();
  const engine = (): void => {
    const r = simulatePopulationMatrix(data, adult, popPlan, grid, N, createRng(1), memory);
    if (r.ok) keep.sink += r.value.plasma[T - 1]!;
  };
  const fresh = (): void => {
    const r = simulatePopulationMatrix(data, adult, popPlan, grid, N, createRng(1));
    if (r.ok) keep.sink += r.value.plasma[T - 1]!;
  };
  const bare = barePopulation(data, adult.weightKg, N, planRates(1));
  bare.run();
  const e = simulatePopulationMatrix(data, adult, popPlan, grid, N, createRng(1));
  if (!e.ok) throw new Error(e.error.message);
  const worst = maxRelDiff(e.value.plasma, bare.out, 0, N * T);
  gate('PK-3', worst, 1e-9);
  const t = compare(engine, bare.run, 200);
  report(
    'PK-3',
    'Herd, 10,000 patients x 4 h @ 1 min (concentration matrix)',
    t.a,
    'bare patient-outer kernel',
    t.b,
    `${((t.a * 1e6) / (N * (T - 1))).toFixed(1)} ns/patient-step; max rel diff vs bare ${worst.toExponential(1)}`,
    '≥ 0.5x',
  );
  const tn = compare(fresh, bare.run, 200);
  report(
    'PK-3 (fresh)',
    'same, without OutputMemory (fresh 19 MB matrix per call)',
    tn.a,
    'bare patient-outer kernel',
    tn.b,
    'allocation and its garbage collection included',
    'reported',
  );
  const full = (): void => {
    const r = simulatePopulation(
      {
        model: { id: 'ketamine-herd-2007' },
        patient: adult,
        boluses: [],
        infusions: plan,
        untilMin: 240,
        stepMin: 1,
        patients: N,
        targetRange: {
          output: 'plasma',
          lowNgPerMl: 100,
          highNgPerMl: 400,
          fromMin: 30,
          toMin: 240,
        },
      },
      createRng(1),
      memory,
    );
    if (r.ok) keep.sink += r.value.probabilityInRange ?? 0;
  };
  const tf = compare(full, bare.run, 200);
  report(
    'PK-3 (full)',
    'same, plus 5/50/95 % bands and P(in range)',
    tf.a,
    'bare patient-outer kernel',
    tf.b,
    'OutputMemory; bands by quickselect per minute',
    'reported',
  );

  // PK-4: the population's own per-patient setup (IIV draw -> parameters -> modes -> step factors).
  const PATIENTS = 1000;
  const next = virtualPatientSetup(data, adult);
  if (!next.ok) throw new Error(next.error.message);
  const setup = (): void => {
    const rng = createRng(3);
    let acc = 0;
    for (let k = 0; k < PATIENTS; k++) {
      const m = next.value(rng);
      if (m.ok) acc += m.value.rates[0]!;
    }
    keep.sink += acc;
  };
  const ts = compare(setup, setupMicroAnchor(PATIENTS));
  rows.push(
    `| PK-4 | per-patient setup (IIV draw → parameters → modes) | ${((ts.a * 1000) / PATIENTS).toFixed(2)} µs/patient | micro-anchor ${((ts.b * 1000) / PATIENTS).toFixed(2)} µs | **${(ts.a / ts.b).toFixed(2)}x of anchor** | ≤ 3x | 2-compartment Herd |`,
  );
}

/** PK-5: event-driven 1-min output vs the engine's own fixed 1-s grid. */
export function pk5(): void {
  const coarse = { ...input1s, stepMin: 1 };
  const memory = createOutputMemory();
  const a = (): void => {
    const r = simulate(coarse, memory);
    if (r.ok) keep.sink += r.value.plasmaNgPerMl[10]!;
  };
  const b = (): void => {
    const r = simulate(input1s, memory);
    if (r.ok) keep.sink += r.value.plasmaNgPerMl[10]!;
  };
  const t = compare(a, b);
  rows.push(
    `| PK-5 | event-driven, 1-min output | ${fmt(t.a)} | engine at 1-s grid ${fmt(t.b)} | **${(t.a / t.b).toFixed(3)}x of fixed grid** | ≤ 0.1x | same plan |`,
  );
}

/** PK-6: effect-site TCI, 4 h, 10-s updates, 2 target changes, pump clamp. */
export function pk6(): void {
  const tciInput = {
    model: domino,
    patient: adult,
    target: 'effect' as const,
    targets: [
      { atMin: 0, concentrationNgPerMl: 150 },
      { atMin: 90, concentrationNgPerMl: 250 },
      { atMin: 170, concentrationNgPerMl: 100 },
    ],
    untilMin: 240,
    updateIntervalSec: 10,
    pumpMaxRateMgPerH: 1200,
  };
  const tci = (): void => {
    const r = targetControlledInfusion(tciInput);
    if (r.ok) keep.sink += r.value.totalDoseMg;
  };
  const targetAt = (i: number): number => (i < 540 ? 150 : i < 1020 ? 250 : 100);
  const bare = barePlasmaTci(dominoModal().modal, 10 / 60, 1440, targetAt, 1200 / 60);
  const t = compare(tci, bare);
  report(
    'PK-6',
    'Domino effect-site TCI, 4 h, 10-s updates, 2 target changes',
    t.a,
    'bare plasma-mode loop',
    t.b,
    `${fmt(t.a)} per schedule (goal < 1 ms)`,
    '< 1 ms',
  );
}
