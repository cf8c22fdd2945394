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
  // State and the spare normal live in typed arrays: doubles and 32-bit words kept in closure
  // variables would be boxed on every update (an allocation per draw).
  const s = Uint32Array.of(a, b, c, d);
  if (((s[0] ?? 0) | (s[1] ?? 0) | (s[2] ?? 0) | (s[3] ?? 0)) === 0) s[0] = 1; // the all-zero state is a fixed point
  const spare = new Float64Array(1);
  let hasSpare = false;

  const nextUint32 = (): number => {
    const s0 = s[0] ?? 0;
    const s1 = s[1] ?? 0;
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const s2 = (s[2] ?? 0) ^ s0;
    const s3 = (s[3] ?? 0) ^ s1;
    // Uint32Array stores reduce modulo 2^32, as >>> 0 would.
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ t;
    s[3] = rotl(s3 >>> 0, 11);
    return result;
  };

  const nextUniform = (): number => nextUint32() / 4294967296;

  return {
    nextUniform,
    nextNormal(): number {
      if (hasSpare) {
        hasSpare = false;
        return spare[0] ?? 0;
      }
      // 1 - u lies in (0, 1], so the logarithm is finite.
      const u1 = 1 - nextUniform();
      const u2 = nextUniform();
      const radius = Math.sqrt(-2 * Math.log(u1));
      spare[0] = radius * Math.sin(2 * Math.PI * u2);
      hasSpare = true;
      return radius * Math.cos(2 * Math.PI * u2);
    },
  };
}
