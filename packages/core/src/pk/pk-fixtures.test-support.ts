/** Test fixtures of the PK engine shared by several test files. */
import type { IndividualParameters } from './individual-parameters.ts';

/**
 * A six-mode system (3 compartments + ke0 + 2-compartment metabolite): larger than any shipped
 * model, so it exercises the kernel's generic loop.
 */
export const SIX_MODES: IndividualParameters = {
  parent: {
    v1L: 4.4,
    clLPerMin: 1.9,
    peripherals: [
      { qLPerMin: 2.6, vL: 10.6 },
      { qLPerMin: 2.6, vL: 178 },
    ],
  },
  ke0PerMin: 0.25,
  metabolite: {
    v1L: 30,
    clLPerMin: 0.6,
    fractionFormed: 0.8,
    peripherals: [{ qLPerMin: 0.5, vL: 80 }],
  },
};
