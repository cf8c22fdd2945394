/**
 * PK benchmarks (performance reference section 6, PK-1 ... PK-6). Each workload runs against an
 * anchor in the same process, interleaved (ABAB ...), 5 repetitions after a warm-up; medians and
 * ratios are printed. Ratios are the gate, absolute times are only reported.
 * Run: node --import tsx bench/pk.ts
 */
import { loadavg, cpus } from 'node:os';
import {
  simulate,
  targetControlledInfusion,
  simulatePopulation,
  createRng,
  resolvePkModel,
  type SimulateInput,
} from '@ketaflow/core';
import { simulatePopulationMatrix } from '../packages/core/src/pk/population.ts';
import {
  individualParameters,
  microConstants,
} from '../packages/core/src/pk/individual-parameters.ts';
import { buildModalModel } from '../packages/core/src/pk/modes.ts';
import { stateSpace, zohStep } from '../packages/core/src/pk/dense-reference.ts';

// ---------- harness ----------
const now = (): number => Number(process.hrtime.bigint()) / 1e6; // ms
let sink = 0; // keeps results alive so V8 cannot drop the work

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
function compare(a: () => void, b: () => void, minMs = 60): { a: number; b: number } {
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

const rows: string[] = [];
function report(
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
const fmt = (ms: number): string =>
  ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;

// ---------- shared workload (performance reference section 3) ----------
const adult = { weightKg: 70, heightCm: 175, ageYears: 40, sex: 'male' as const };
const plan = [
  { startMin: 0, durationMin: 60, rateMgPerH: 0.5 * 70 },
  { startMin: 60, durationMin: 180, rateMgPerH: 1.0 * 70 },
];
const domino = { id: 'ketamine-domino-1982', version: '1.0.0' };
const input1s: SimulateInput = {
  model: domino,
  patient: adult,
  boluses: [],
  infusions: plan,
  untilMin: 240,
  stepMin: 1 / 60,
};
const STEPS_1S = 240 * 60;

function dominoModal() {
  const m = resolvePkModel(domino);
  if (!m.ok) throw new Error(m.error.message);
  const p = individualParameters(m.value.model.data, adult);
  const modal = buildModalModel(p);
  if (!modal.ok) throw new Error(modal.error.message);
  return { p, modal: modal.value };
}

// ---------- PK-1: public API vs bare hand-unrolled STANPUMP kernel (A2: 3 plasma + 4 effect states) ----------
function pk1(): void {
  const { modal } = dominoModal();
  const h = 1 / 60;
  const lam = [modal.rates[0]!, modal.rates[1]!, modal.rates[2]!, modal.rates[3]!];
  const E = lam.map((l) => Math.exp(-l * h));
  const Cp = [0, 1, 2].map((i) => (modal.plasma[i]! / lam[i]!) * (1 - E[i]!));
  const Ce = [0, 1, 2, 3].map((i) => (modal.effect![i]! / lam[i]!) * (1 - E[i]!));
  const rate = new Float64Array(STEPS_1S + 1);
  for (let i = 0; i <= STEPS_1S; i++) rate[i] = i * h < 60 ? 35 / 60 : 70 / 60;
  const outCp = new Float64Array(STEPS_1S + 1);
  const outCe = new Float64Array(STEPS_1S + 1);
  const bare = (): void => {
    const e0 = E[0]!,
      e1 = E[1]!,
      e2 = E[2]!,
      e3 = E[3]!;
    const c0 = Cp[0]!,
      c1 = Cp[1]!,
      c2 = Cp[2]!;
    const d0 = Ce[0]!,
      d1 = Ce[1]!,
      d2 = Ce[2]!,
      d3 = Ce[3]!;
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      q0 = 0,
      q1 = 0,
      q2 = 0,
      q3 = 0;
    for (let i = 1; i <= STEPS_1S; i++) {
      const r = rate[i - 1]!;
      s0 = s0 * e0 + r * c0;
      s1 = s1 * e1 + r * c1;
      s2 = s2 * e2 + r * c2;
      q0 = q0 * e0 + r * d0;
      q1 = q1 * e1 + r * d1;
      q2 = q2 * e2 + r * d2;
      q3 = q3 * e3 + r * d3;
      outCp[i] = s0 + s1 + s2;
      outCe[i] = q0 + q1 + q2 + q3;
    }
    sink += outCp[STEPS_1S]! + outCe[STEPS_1S]!;
  };
  const api = (): void => {
    const r = simulate(input1s);
    if (r.ok) sink += r.value.plasmaNgPerMl[STEPS_1S]!;
  };
  // correctness gate: same numbers before timing is accepted
  bare();
  const r = simulate(input1s);
  if (!r.ok) throw new Error(r.error.message);
  let worst = 0;
  for (let i = 60; i <= STEPS_1S; i++)
    worst = Math.max(
      worst,
      Math.abs(r.value.plasmaNgPerMl[i]! / outCp[i]! - 1),
      Math.abs(r.value.effectNgPerMl![i]! / outCe[i]! - 1),
    );
  const t = compare(api, bare);
  report(
    'PK-1',
    'Domino 4 h, Cp+Ce at 1-s grid, `simulate()`',
    t.a,
    'bare A2 kernel',
    t.b,
    `${((t.a * 1e6) / STEPS_1S).toFixed(2)} ns/step; max rel diff vs bare ${worst.toExponential(1)}`,
    '≥ 0.7x',
  );

  // PK-1b: RK4 h = 1 s (flat locals), error against the exact engine
  const { p } = dominoModal();
  const mc = microConstants(p.parent);
  const k10 = mc.k10PerMin,
    k12 = mc.peripherals[0]!.k1pPerMin,
    k21 = mc.peripherals[0]!.kp1PerMin;
  const k13 = mc.peripherals[1]!.k1pPerMin,
    k31 = mc.peripherals[1]!.kp1PerMin,
    v1 = mc.v1L,
    ke0 = p.ke0PerMin!;
  const rkCp = new Float64Array(STEPS_1S + 1);
  const rk4 = (): void => {
    const a = -(k10 + k12 + k13);
    let a1 = 0,
      a2 = 0,
      a3 = 0,
      ce = 0;
    for (let i = 1; i <= STEPS_1S; i++) {
      const r = rate[i - 1]!;
      const p1 = h * (r + a * a1 + k21 * a2 + k31 * a3),
        p2 = h * (k12 * a1 - k21 * a2),
        p3 = h * (k13 * a1 - k31 * a3),
        p4 = h * ke0 * (a1 / v1 - ce);
      let b1 = a1 + 0.5 * p1,
        b2 = a2 + 0.5 * p2,
        b3 = a3 + 0.5 * p3,
        b4 = ce + 0.5 * p4;
      const q1 = h * (r + a * b1 + k21 * b2 + k31 * b3),
        q2 = h * (k12 * b1 - k21 * b2),
        q3 = h * (k13 * b1 - k31 * b3),
        q4 = h * ke0 * (b1 / v1 - b4);
      b1 = a1 + 0.5 * q1;
      b2 = a2 + 0.5 * q2;
      b3 = a3 + 0.5 * q3;
      b4 = ce + 0.5 * q4;
      const s1 = h * (r + a * b1 + k21 * b2 + k31 * b3),
        s2 = h * (k12 * b1 - k21 * b2),
        s3 = h * (k13 * b1 - k31 * b3),
        s4 = h * ke0 * (b1 / v1 - b4);
      b1 = a1 + s1;
      b2 = a2 + s2;
      b3 = a3 + s3;
      b4 = ce + s4;
      const u1 = h * (r + a * b1 + k21 * b2 + k31 * b3),
        u2 = h * (k12 * b1 - k21 * b2),
        u3 = h * (k13 * b1 - k31 * b3),
        u4 = h * ke0 * (b1 / v1 - b4);
      a1 += (p1 + 2 * q1 + 2 * s1 + u1) / 6;
      a2 += (p2 + 2 * q2 + 2 * s2 + u2) / 6;
      a3 += (p3 + 2 * q3 + 2 * s3 + u3) / 6;
      ce += (p4 + 2 * q4 + 2 * s4 + u4) / 6;
      rkCp[i] = (a1 / v1) * 1000;
    }
    sink += ce;
  };
  rk4();
  let rkErr = 0;
  for (let i = 60; i <= STEPS_1S; i++)
    rkErr = Math.max(rkErr, Math.abs(rkCp[i]! / r.value.plasmaNgPerMl[i]! - 1));
  const t2 = compare(api, rk4);
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

// ---------- PK-2: S-ketamine + S-norketamine + effect site (Flint) vs dense hand-unrolled ZOH ----------
function pk2(): void {
  const flint = { id: 's-ketamine-flint-2017', version: '1.0.0' };
  const m = resolvePkModel(flint);
  if (!m.ok) throw new Error(m.error.message);
  const p = individualParameters(m.value.model.data, adult);
  const ss = stateSpace(p); // states: A1, A2, Ce, M
  const h = 1 / 60;
  const { phi, gamma } = zohStep(ss, h);
  if (phi.length !== 4) throw new Error('expected a 4-state Flint system');
  const rate = new Float64Array(STEPS_1S + 1);
  for (let i = 0; i <= STEPS_1S; i++) rate[i] = i * h < 60 ? 35 / 60 : 70 / 60;
  const o1 = new Float64Array(STEPS_1S + 1),
    o2 = new Float64Array(STEPS_1S + 1),
    o3 = new Float64Array(STEPS_1S + 1);
  const P = phi.flat(),
    G = gamma,
    sp = ss.plasmaScale,
    sm = ss.metaboliteScale;
  const dense = (): void => {
    const a00 = P[0]!,
      a01 = P[1]!,
      a02 = P[2]!,
      a03 = P[3]!,
      a10 = P[4]!,
      a11 = P[5]!,
      a12 = P[6]!,
      a13 = P[7]!;
    const a20 = P[8]!,
      a21 = P[9]!,
      a22 = P[10]!,
      a23 = P[11]!,
      a30 = P[12]!,
      a31 = P[13]!,
      a32 = P[14]!,
      a33 = P[15]!;
    const g0 = G[0]!,
      g1 = G[1]!,
      g2 = G[2]!,
      g3 = G[3]!;
    let x0 = 0,
      x1 = 0,
      x2 = 0,
      x3 = 0;
    for (let i = 1; i <= STEPS_1S; i++) {
      const r = rate[i - 1]!;
      const y0 = a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3 + g0 * r;
      const y1 = a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3 + g1 * r;
      const y2 = a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3 + g2 * r;
      const y3 = a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3 + g3 * r;
      x0 = y0;
      x1 = y1;
      x2 = y2;
      x3 = y3;
      o1[i] = x0 * sp;
      o2[i] = x2 * 1000;
      o3[i] = x3 * sm;
    }
    sink += o1[STEPS_1S]!;
  };
  const input = { ...input1s, model: flint };
  const api = (): void => {
    const r = simulate(input);
    if (r.ok) sink += r.value.metaboliteNgPerMl![STEPS_1S]!;
  };
  dense();
  const r = simulate(input);
  if (!r.ok) throw new Error(r.error.message);
  let worst = 0;
  for (let i = 60; i <= STEPS_1S; i++)
    worst = Math.max(
      worst,
      Math.abs(r.value.plasmaNgPerMl[i]! / o1[i]! - 1),
      Math.abs(r.value.effectNgPerMl![i]! / o2[i]! - 1),
      Math.abs(r.value.metaboliteNgPerMl![i]! / o3[i]! - 1),
    );
  const t = compare(api, dense);
  report(
    'PK-2',
    'Flint S-ket + S-norket + Ce, 4 h at 1 s, `simulate()`',
    t.a,
    'dense 4x4 ZOH unrolled',
    t.b,
    `max rel diff vs dense ${worst.toExponential(1)}`,
    '≥ 0.7x',
  );
}

// ---------- PK-3 / PK-4: population 10,000 x 4 h at 1-min grid (Herd 2007, IIV on CL, V1, Q, V2) ----------
function pk3(): void {
  const herd = resolvePkModel({ id: 'ketamine-herd-2007' });
  if (!herd.ok) throw new Error(herd.error.message);
  const data = herd.value.model.data;
  const N = 10_000;
  const T = 241;
  const popPlan = { boluses: [], infusions: plan };
  const grid = { untilMin: 240, stepMin: 1 };
  const engine = (): void => {
    const r = simulatePopulationMatrix(data, adult, popPlan, grid, N, createRng(1));
    if (r.ok) sink += r.value.plasma[T - 1]!;
  };
  // Bare: same sampling and physics, hand-written: per patient 4 normals, quadratic roots, exps, 240-step loop.
  const om = data.iiv.map((s) => Math.sqrt(Math.log(1 + (s.cvPercent / 100) ** 2)));
  const out = new Float64Array(N * T);
  const bare = (): void => {
    const rng = createRng(1);
    const s = data.structure;
    if (s.form !== 'allometric') throw new Error('Herd is allometric');
    const size = adult.weightKg / s.referenceWeightKg;
    const fcl = size ** 0.75 / 60,
      fv = size;
    for (let k = 0; k < N; k++) {
      const cl = s.clLPerH * fcl * Math.exp(om[0]! * rng.nextNormal());
      const v1 = s.v1L * fv * Math.exp(om[1]! * rng.nextNormal());
      const q = s.q2LPerH! * fcl * Math.exp(om[2]! * rng.nextNormal());
      const v2 = s.v2L! * fv * Math.exp(om[3]! * rng.nextNormal());
      const k10 = cl / v1,
        k12 = q / v1,
        k21 = q / v2;
      const sum = k10 + k12 + k21;
      const l1 = (sum + Math.sqrt(sum * sum - 4 * k10 * k21)) / 2,
        l2 = (k10 * k21) / l1;
      const A1 = (k21 - l1) / (v1 * (l2 - l1)),
        A2 = (k21 - l2) / (v1 * (l1 - l2));
      const e1 = Math.exp(-l1),
        e2 = Math.exp(-l2);
      const c1 = (A1 / l1) * (1 - e1) * 1000,
        c2 = (A2 / l2) * (1 - e2) * 1000;
      let s1 = 0,
        s2 = 0;
      const row = k * T;
      out[row] = 0;
      for (let i = 1; i < T; i++) {
        const r = i <= 60 ? 35 / 60 : 70 / 60;
        s1 = s1 * e1 + r * c1;
        s2 = s2 * e2 + r * c2;
        out[row + i] = s1 + s2;
      }
    }
    sink += out[T - 1]!;
  };
  // correctness gate
  bare();
  const e = simulatePopulationMatrix(data, adult, popPlan, grid, N, createRng(1));
  if (!e.ok) throw new Error(e.error.message);
  let worst = 0;
  for (let i = 0; i < N * T; i++)
    if (out[i]! > 0) worst = Math.max(worst, Math.abs(e.value.plasma[i]! / out[i]! - 1));
  const t = compare(engine, bare, 200);
  report(
    'PK-3',
    'Herd, 10,000 patients x 4 h @ 1 min (concentration matrix)',
    t.a,
    'bare patient-outer kernel',
    t.b,
    `${((t.a * 1e6) / (N * (T - 1))).toFixed(1)} ns/patient-step; max rel diff vs bare ${worst.toExponential(1)}`,
    '≥ 0.5x',
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
    );
    if (r.ok) sink += r.value.probabilityInRange ?? 0;
  };
  const tf = compare(full, bare, 200);
  report(
    'PK-3 (full)',
    'same, plus 5/50/95 % bands and P(in range)',
    tf.a,
    'bare patient-outer kernel',
    tf.b,
    'bands by quickselect per minute',
    'reported',
  );

  // PK-4: per-patient setup vs micro-anchor N x (14 exp + cbrt + acos)
  const setup = (): void => {
    const rng = createRng(3);
    let acc = 0;
    for (let k = 0; k < 1000; k++) {
      const mult = { cl: Math.exp(0.3 * rng.nextNormal()), v1: Math.exp(0.5 * rng.nextNormal()) };
      const m = buildModalModel(individualParameters(data, adult, mult));
      if (m.ok) acc += m.value.rates[0]!;
    }
    sink += acc;
  };
  const micro = (): void => {
    let acc = 0;
    for (let k = 0; k < 1000; k++) {
      const x = 0.001 * (k + 1);
      for (let j = 0; j < 14; j++) acc += Math.exp(-x * (j + 1));
      acc += Math.cbrt(x) + Math.acos(x / 2);
    }
    sink += acc;
  };
  const ts = compare(setup, micro);
  const setupPerPatientUs = (ts.a * 1000) / 1000;
  rows.push(
    `| PK-4 | per-patient setup (IIV draw → modes) | ${setupPerPatientUs.toFixed(2)} µs/patient | micro-anchor ${((ts.b * 1000) / 1000).toFixed(2)} µs | **${(ts.a / ts.b).toFixed(2)}x of anchor** | ≤ 3x | 2-compartment Herd |`,
  );
}

// ---------- PK-5: event-driven 1-min output vs the engine's own fixed 1-s grid ----------
function pk5(): void {
  const coarse = { ...input1s, stepMin: 1 };
  const a = (): void => {
    const r = simulate(coarse);
    if (r.ok) sink += r.value.plasmaNgPerMl[10]!;
  };
  const b = (): void => {
    const r = simulate(input1s);
    if (r.ok) sink += r.value.plasmaNgPerMl[10]!;
  };
  const t = compare(a, b);
  rows.push(
    `| PK-5 | event-driven, 1-min output | ${fmt(t.a)} | engine at 1-s grid ${fmt(t.b)} | **${(t.a / t.b).toFixed(3)}x of fixed grid** | ≤ 0.1x | same plan |`,
  );
}

// ---------- PK-6: effect-site TCI, 4 h, 10-s updates, 2 target changes, pump clamp ----------
function pk6(): void {
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
    if (r.ok) sink += r.value.totalDoseMg;
  };
  // Anchor: the plasma-mode controller loop alone (T1-like), hand-written over the same modes.
  const { modal } = dominoModal();
  const dt = 10 / 60;
  const m = modal.rates.length;
  const E = Array.from(modal.rates, (r) => Math.exp(-r * dt));
  const G = Array.from(modal.rates, (r, j) => (1 - E[j]!) / r);
  let unit = 0;
  for (let j = 0; j < m; j++) unit += modal.plasma[j]! * G[j]!;
  const bare = (): void => {
    let x0 = 0,
      x1 = 0,
      x2 = 0,
      x3 = 0,
      total = 0;
    const p0 = modal.plasma[0]!,
      p1 = modal.plasma[1]!,
      p2 = modal.plasma[2]!,
      p3 = modal.plasma[3]!;
    for (let i = 0; i < 1440; i++) {
      const ct = i < 540 ? 150 : i < 1020 ? 250 : 100;
      const off = p0 * x0 * E[0]! + p1 * x1 * E[1]! + p2 * x2 * E[2]! + p3 * x3 * E[3]!;
      let r = (ct - off) / unit;
      r = r > 20 ? 20 : r > 0 ? r : 0;
      x0 = x0 * E[0]! + r * G[0]!;
      x1 = x1 * E[1]! + r * G[1]!;
      x2 = x2 * E[2]! + r * G[2]!;
      x3 = x3 * E[3]! + r * G[3]!;
      total += r;
    }
    sink += total;
  };
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

const started = now();
pk1();
pk2();
pk3();
pk5();
pk6();
console.log(
  `PK benchmarks (Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end, ${Math.round((now() - started) / 1000)} s)\n`,
);
console.log('| ID | Workload | Engine (median) | Anchor (median) | Anchor/engine | Goal | Notes |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
if (sink === 42) console.log('');
