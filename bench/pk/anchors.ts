/**
 * The bare anchors of the PK benchmarks (performance reference appendix A), written by hand with
 * every coefficient in a local: the STANPUMP Cp+Ce kernel (A2), RK4 at h = 1 s (R1b), the dense
 * zero-order-hold step (A3b), the patient-outer population kernel (P2), the per-patient setup
 * micro-anchor and the plasma-mode TCI loop. Each returns a closure that writes into buffers it
 * allocated once, so only the arithmetic is timed.
 */
import { createRng } from '@ketaflow/core';
import type { PkModelData } from '../../packages/core/src/pk/model-types.ts';
import type { ModalModel } from '../../packages/core/src/pk/modes.ts';
import { keep } from './harness.ts';

/** A2: 3 plasma + 4 effect-site modes advanced per step; rates (mg/min) per step from `rate`. */
export function bareCpCe(modal: ModalModel, rate: Float64Array, h: number) {
  const steps = rate.length - 1;
  const lam = [0, 1, 2, 3].map((j) => modal.rates[j] ?? NaN);
  const E = lam.map((l) => Math.exp(-l * h));
  const Cp = [0, 1, 2].map((i) => ((modal.plasma[i] ?? NaN) / lam[i]!) * (1 - E[i]!));
  const Ce = [0, 1, 2, 3].map((i) => ((modal.effect?.[i] ?? NaN) / lam[i]!) * (1 - E[i]!));
  const cp = new Float64Array(steps + 1);
  const ce = new Float64Array(steps + 1);
  const run = (): void => {
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
    for (let i = 1; i <= steps; i++) {
      const r = rate[i - 1]!;
      s0 = s0 * e0 + r * c0;
      s1 = s1 * e1 + r * c1;
      s2 = s2 * e2 + r * c2;
      q0 = q0 * e0 + r * d0;
      q1 = q1 * e1 + r * d1;
      q2 = q2 * e2 + r * d2;
      q3 = q3 * e3 + r * d3;
      cp[i] = s0 + s1 + s2;
      ce[i] = q0 + q1 + q2 + q3;
    }
    keep.sink += cp[steps]! + ce[steps]!;
  };
  return { run, cp, ce };
}

/** Micro-constants (1/min), V1 (L) and ke0 (1/min) of a 3-compartment model with effect site. */
export interface ThreeCompartment {
  readonly k10: number;
  readonly k12: number;
  readonly k21: number;
  readonly k13: number;
  readonly k31: number;
  readonly v1: number;
  readonly ke0: number;
}

/** R1b: naive RK4 with step h over states A1, A2, A3, Ce, fully inlined; plasma in ng/mL. */
export function rk4(k: ThreeCompartment, rate: Float64Array, h: number) {
  const steps = rate.length - 1;
  const { k10, k12, k21, k13, k31, v1, ke0 } = k;
  const cp = new Float64Array(steps + 1);
  const run = (): void => {
    const a = -(k10 + k12 + k13);
    let a1 = 0,
      a2 = 0,
      a3 = 0,
      ce = 0;
    for (let i = 1; i <= steps; i++) {
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
      cp[i] = (a1 / v1) * 1000;
    }
    keep.sink += ce;
  };
  return { run, cp };
}

/**
 * A3b: dense 4-state zero-order hold x <- Phi x + Gamma r, all 20 coefficients in locals; outputs
 * state 0 x plasmaScale, state 2 x 1000 (effect site) and state 3 x metaboliteScale.
 */
export function dense4(
  phi: readonly (readonly number[])[],
  gamma: readonly number[],
  plasmaScale: number,
  metaboliteScale: number,
  rate: Float64Array,
) {
  const steps = rate.length - 1;
  const P = phi.flat();
  const G = gamma;
  const o1 = new Float64Array(steps + 1),
    o2 = new Float64Array(steps + 1),
    o3 = new Float64Array(steps + 1);
  const run = (): void => {
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
    for (let i = 1; i <= steps; i++) {
      const r = rate[i - 1]!;
      const y0 = a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3 + g0 * r;
      const y1 = a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3 + g1 * r;
      const y2 = a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3 + g2 * r;
      const y3 = a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3 + g3 * r;
      x0 = y0;
      x1 = y1;
      x2 = y2;
      x3 = y3;
      o1[i] = x0 * plasmaScale;
      o2[i] = x2 * 1000;
      o3[i] = x3 * metaboliteScale;
    }
    keep.sink += o1[steps]!;
  };
  return { run, plasma: o1, effect: o2, metabolite: o3 };
}

/**
 * P2: the same sampling and physics as the engine's population path, hand-written for the
 * 2-compartment allometric Herd model with IIV on CL, V1, Q, V2 (in that order): per patient four
 * normals, the quadratic roots, two exponentials and a patient-outer loop over the output grid
 * (1 min; rate mg/min per output interval from `rate`).
 */
export function barePopulation(
  data: PkModelData,
  weightKg: number,
  patients: number,
  rate: Float64Array,
) {
  const s = data.structure;
  if (s.form !== 'allometric' || s.q2LPerH === undefined || s.v2L === undefined)
    throw new Error('the population anchor is written for a 2-compartment allometric model');
  const { clLPerH, v1L, q2LPerH, v2L } = s;
  const om = data.iiv.map((x) => Math.sqrt(Math.log(1 + (x.cvPercent / 100) ** 2)));
  const t = rate.length;
  const out = new Float64Array(patients * t);
  const size = weightKg / s.referenceWeightKg;
  const fcl = size ** s.clearanceExponent / 60;
  const fv = size ** s.volumeExponent;
  const run = (): void => {
    const rng = createRng(1);
    for (let k = 0; k < patients; k++) {
      const cl = clLPerH * fcl * Math.exp(om[0]! * rng.nextNormal());
      const v1 = v1L * fv * Math.exp(om[1]! * rng.nextNormal());
      const q = q2LPerH * fcl * Math.exp(om[2]! * rng.nextNormal());
      const v2 = v2L * fv * Math.exp(om[3]! * rng.nextNormal());
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
      const row = k * t;
      out[row] = 0;
      for (let i = 1; i < t; i++) {
        const r = rate[i - 1]!;
        s1 = s1 * e1 + r * c1;
        s2 = s2 * e2 + r * c2;
        out[row + i] = s1 + s2;
      }
    }
    keep.sink += out[t - 1]!;
  };
  return { run, out };
}

/** PK-4 micro-anchor: per patient 14 `Math.exp`, one `Math.cbrt` and one `Math.acos`. */
export function setupMicroAnchor(patients: number): () => void {
  return () => {
    let acc = 0;
    for (let k = 0; k < patients; k++) {
      const x = 0.001 * (k + 1);
      for (let j = 0; j < 14; j++) acc += Math.exp(-x * (j + 1));
      acc += Math.cbrt(x) + Math.acos(x / 2);
    }
    keep.sink += acc;
  };
}

/**
 * Bare plasma-mode controller (T1-like) over the first four modes of `modal`: every `dtMin`, the
 * rate (mg/min) that puts Cp on target at the end of the interval, clamped to [0, maxMgPerMin].
 * `targetAt(i)` is the target (ng/mL) of interval i.
 */
export function barePlasmaTci(
  modal: ModalModel,
  dtMin: number,
  intervals: number,
  targetAt: (i: number) => number,
  maxMgPerMin: number,
): () => void {
  const m = modal.rates.length;
  const E = Array.from(modal.rates, (r) => Math.exp(-r * dtMin));
  const G = Array.from(modal.rates, (r, j) => (1 - E[j]!) / r);
  let unit = 0;
  for (let j = 0; j < m; j++) unit += modal.plasma[j]! * G[j]!;
  return () => {
    let x0 = 0,
      x1 = 0,
      x2 = 0,
      x3 = 0,
      total = 0;
    const p0 = modal.plasma[0]!,
      p1 = modal.plasma[1]!,
      p2 = modal.plasma[2]!,
      p3 = modal.plasma[3]!;
    for (let i = 0; i < intervals; i++) {
      const ct = targetAt(i);
      const off = p0 * x0 * E[0]! + p1 * x1 * E[1]! + p2 * x2 * E[2]! + p3 * x3 * E[3]!;
      let r = (ct - off) / unit;
      r = r > maxMgPerMin ? maxMgPerMin : r > 0 ? r : 0;
      x0 = x0 * E[0]! + r * G[0]!;
      x1 = x1 * E[1]! + r * G[1]!;
      x2 = x2 * E[2]! + r * G[2]!;
      x3 = x3 * E[3]! + r * G[3]!;
      total += r;
    }
    keep.sink += total;
  };
}
