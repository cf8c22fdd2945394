/**
 * Deterministic pseudo-random numbers for population simulation: xoshiro128** (Blackman & Vigna
 * 2018) seeded through splitmix32, and standard normals by the Box-Muller transform. Core never
 * touches Math.random: the caller passes a seed, so every virtual population is reproducible.
 * @see https://prng.di.unimi.it/xoshiro128starstar.c
 */

export interface Rng {
  /** Uniform on [0, 1) with 32 random bits. */
  nextUniform(): number;
  /** Standard normal N(0, 1). */
  nextNormal(): number;
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** splitmix32 step, used only to spread one 32-bit seed over the four state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Creates a generator from an integer seed (any safe integer; the low 32 bits are used).
 */
export function createRng(seed: number): Rng {
  const sm = { s: seed >>> 0 };
  return rngFromState(splitmix32(sm), splitmix32(sm), splitmix32(sm), splitmix32(sm));
}

/**
 * A generator started from a raw xoshiro128** state (four 32-bit words, not all zero); used by
 * `createRng` and by the reference-vector test.
 */
export function rngFromState(a: number, b: number, c: number, d: number): Rng {
  let s0 = a >>> 0;
  let s1 = b >>> 0;
  let s2 = c >>> 0;
  let s3 = d >>> 0;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point
  let spare: number | null = null;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    s0 >>>= 0;
    s1 >>>= 0;
    s2 >>>= 0;
    return result;
  };

  const nextUniform = (): number => nextUint32() / 4294967296;

  return {
    nextUniform,
    nextNormal(): number {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      // 1 - u lies in (0, 1], so the logarithm is finite.
      const u1 = 1 - nextUniform();
      const u2 = nextUniform();
      const radius = Math.sqrt(-2 * Math.log(u1));
      spare = radius * Math.sin(2 * Math.PI * u2);
      return radius * Math.cos(2 * Math.PI * u2);
    },
  };
}
